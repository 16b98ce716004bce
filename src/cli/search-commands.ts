// `search`, `ask`, `summary` and `timeline` on the console: the same Library the bot uses.
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { timelineChartPng, timelineTextChart, periodLabel } from '../chart/timeline-chart.ts';
import { openLibrary } from '../library.ts';
import { dateText } from '../corpus/dates.ts';
import { plainExcerpt } from '../search/highlight.ts';
import type { SearchOptions, SearchResponse, SortOrder } from '../search/types.ts';
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
    sort: sort as SortOrder | undefined,
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

/** `timeline "<query>"`: the series as a text chart with its peaks, `--json` the series, `--png FILE` the chart Discord gets. */
export async function runTimeline(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const query = args.positional.join(' ');
  if (args.positional.length === 0) throw new CliUsageError('usage: timeline "<query>" [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--source S] [--json] [--png FILE] [--corpus DIR]');
  const png = stringFlag(args, 'png');
  const library = await openLibrary({ corpusDir: corpusDirFrom(args), read: corpusReadOptions() });
  const series = library.timeline(query, { from: stringFlag(args, 'from'), to: stringFlag(args, 'to'), source: stringFlag(args, 'source') });
  if (png) await writeFile(png, timelineChartPng(series, 'zh-CN').png);
  if (args.flags.has('json')) {
    console.log(JSON.stringify(series, null, 2));
    return 0;
  }
  const label = (start: string) => periodLabel(start, series.granularity, 'zh-CN', true);
  console.log(`${series.counted} article(s) per ${series.granularity}, ${series.tookMs} ms; ${series.passing} passing mention(s) not counted (score < ${series.threshold.factor} × a passing mention)`);
  if (series.yearless > 0) console.log(`${series.yearless} more dated by month and day only (no year): counted apart, not drawn`);
  if (series.undated > 0) console.log(`${series.undated} more without a date`);
  if (series.periods.length > 0) console.log(`\n${timelineTextChart(series, 'zh-CN').join('\n')}\n`);
  for (const i of series.peaks) {
    const p = series.periods[i]!;
    console.log(`peak ${label(p.start)}: ${p.count}${p.top ? ` — ${p.top.title ?? p.top.id}  [${p.top.id}]  ${p.top.source ?? 'unknown source'} · ${dateText(p.top.date) ?? 'no date'}` : ''}`);
  }
  if (series.first) console.log(`first: ${series.first.title ?? series.first.id}  [${series.first.id}]  ${dateText(series.first.date) ?? 'no date'}`);
  if (png) console.log(`chart written to ${png}`);
  return 0;
}
