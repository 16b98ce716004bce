// `search`, `ask` and `summary` on the console. For a person they are spellings of the slash
// commands: they run the same command modules and print what the bot would reply. With
// `--json` or `--batch` they print the Library's answers as data (plain text with highlight
// and code spans), for scripts and benchmarks. Either way the corpus is opened as the bot
// opens it, snapshot included.
import { createInterface } from 'node:readline';
import { ConfigError } from '../config/env.ts';
import type { SearchOptions, SearchResponse } from '../search/types.ts';
import { CliUsageError, intFlag, parseArgs, stringFlag, type ParsedArgs } from './args.ts';
import { corpusDirFrom } from './corpus-dir.ts';
import { openConsoleLibrary, runSlashLine } from './console.ts';

function searchOptionsFrom(args: ParsedArgs): SearchOptions {
  const sort = stringFlag(args, 'sort');
  if (sort !== undefined && sort !== 'relevance' && sort !== 'newest') {
    throw new CliUsageError(`--sort must be relevance or newest, got "${sort}"`);
  }
  return {
    limit: intFlag(args, 'limit'),
    from: stringFlag(args, 'from'),
    to: stringFlag(args, 'to'),
    source: stringFlag(args, 'source'),
    sort,
  };
}

/** The slash command's options for the flags given; a flag the command lacks is a usage error. */
function commandOptions(mode: 'search' | 'ask', query: string, options: SearchOptions): Map<string, string | number> {
  if (options.sort === 'newest') throw new CliUsageError('--sort newest needs --json or --batch: /search lists the most relevant first');
  if (mode === 'ask') {
    if (options.limit !== undefined || options.from || options.to || options.source) {
      throw new CliUsageError('ask takes only a question (and --json, --batch, --corpus)');
    }
    return new Map([['question', query]]);
  }
  const entries: [string, string | number | undefined][] = [
    ['query', query],
    ['limit', options.limit],
    ['from', options.from],
    ['to', options.to],
    ['source', options.source],
  ];
  return new Map(entries.filter((e): e is [string, string | number] => e[1] !== undefined));
}

/** Opens the corpus for data output; a bad setting is one line on stderr. */
async function openForData(args: ParsedArgs) {
  try {
    return (await openConsoleLibrary(corpusDirFrom(args))).library;
  } catch (err) {
    if (err instanceof ConfigError) throw new CliUsageError(err.message);
    throw err;
  }
}

function jsonLine(response: SearchResponse) {
  return {
    query: response.query,
    tookMs: response.tookMs,
    results: response.hits.map(({ id, title, date, source, url, score, excerpt }) => ({ id, title, date, source, url, score, excerpt })),
  };
}

async function readLines(): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) lines.push(line);
  return lines;
}

export async function runSearch(argv: string[], mode: 'search' | 'ask'): Promise<number> {
  const args = parseArgs(argv);
  const options = searchOptionsFrom(args);
  const batch = args.flags.has('batch');
  const query = args.positional.join(' ');
  if (!batch && args.positional.length === 0) throw new CliUsageError(`usage: ${mode} "<${mode === 'ask' ? 'question' : 'query'}>" [--corpus DIR] [--json]`);
  if (!batch && !args.flags.has('json')) {
    const commandLine = commandOptions(mode, query, options);
    return runSlashLine((session) => ({ command: session.command(mode), options: commandLine }), { corpusDir: corpusDirFrom(args) });
  }
  const library = await openForData(args);
  const run = (q: string) => (mode === 'ask' ? library.ask(q, options) : library.search(q, options));
  if (batch) {
    // One JSON line per query; a failed query gets an `error` line and the batch goes on.
    for (const line of await readLines()) {
      const started = performance.now();
      try {
        process.stdout.write(JSON.stringify(jsonLine(run(line))) + '\n');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        process.stdout.write(JSON.stringify({ query: line, tookMs: Math.round(performance.now() - started), error: message }) + '\n');
      }
    }
    return 0;
  }
  console.log(JSON.stringify(jsonLine(run(query)), null, 2));
  return 0;
}

export async function runSummary(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const id = args.positional[0];
  if (!id) throw new CliUsageError('usage: summary <id> [--corpus DIR] [--json]');
  if (!args.flags.has('json')) {
    return runSlashLine((session) => ({ command: session.command('summary'), options: new Map([['article', id]]) }), { corpusDir: corpusDirFrom(args) });
  }
  console.log(JSON.stringify((await openForData(args)).summary(id), null, 2));
  return 0;
}
