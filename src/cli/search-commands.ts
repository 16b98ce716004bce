// `search`, `ask` and `summary` on the console: the same Library the bot uses.
import { createInterface } from 'node:readline';
import { openLibrary } from '../library.ts';
import { dateText } from '../corpus/dates.ts';
import { plainExcerpt } from '../search/highlight.ts';
import type { SearchOptions, SearchResponse } from '../search/types.ts';
import { CliUsageError, intFlag, parseArgs, stringFlag, type ParsedArgs } from './args.ts';
import { corpusDirFrom, corpusReadOptions } from './corpus-dir.ts';

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


function printResponse(response: SearchResponse): void {
  if (response.hits.length === 0) {
    console.log(`No match for "${response.query.slice(0, 80)}".`);
    return;
  }
  console.log(`${response.total} match(es), ${response.tookMs} ms`);
  response.hits.forEach((hit, i) => {
    console.log(`\n${i + 1}. ${hit.title ?? hit.id}  [${hit.id}]`);
    console.log(`   ${hit.source ?? 'unknown source'} · ${dateText(hit.date) ?? 'no date'}${hit.url ? ` · ${hit.url}` : ''}`);
    console.log(`   ${plainExcerpt(hit.excerpt)}`);
  });
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
  const library = await openLibrary({ corpusDir: corpusDirFrom(args), read: corpusReadOptions() });
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
  const response = run(query);
  if (args.flags.has('json')) console.log(JSON.stringify(jsonLine(response), null, 2));
  else printResponse(response);
  return 0;
}

export async function runSummary(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const id = args.positional[0];
  if (!id) throw new CliUsageError('usage: summary <id> [--corpus DIR] [--json]');
  const library = await openLibrary({ corpusDir: corpusDirFrom(args), read: corpusReadOptions() });
  const summary = library.summary(id);
  if (args.flags.has('json')) console.log(JSON.stringify(summary, null, 2));
  else {
    console.log(`${summary.title ?? summary.id}`);
    console.log(`${summary.source ?? 'unknown source'} · ${dateText(summary.date) ?? 'no date'} · ${summary.chars} characters`);
    if (summary.url) console.log(summary.url);
    console.log(`\n${summary.summary}`);
    if (summary.related.length > 0) console.log('\nRelated:');
    for (const r of summary.related) console.log(`  ${r.title ?? r.id}  [${r.id}]  ${r.source ?? 'unknown source'} · ${dateText(r.date) ?? 'no date'}`);
  }
  return 0;
}
