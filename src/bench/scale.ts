// Scale benchmark: `npm run bench:scale [-- --articles N[,M…]] [--threads off] [--keep]`.
// Writes a synthetic corpus of N articles, then measures, each phase in a fresh process so
// memory and start-up are real: nodejieba alone on the same clean text, the index build,
// queries per shape with where their time goes (plain, and with "phrases" and -exclusions),
// autocomplete keystrokes, queries during a reload of 5 % of the files, and a restart from
// the snapshot.
import { fork } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { parseArgs, stringFlag } from '../cli/args.ts';
import { DEFAULT_READ_OPTIONS, MB, parseArticle, type CorpusReadOptions } from '../corpus/load.ts';
import { openLibrary, type CorpusLibrary } from '../library.ts';
import type { SearchPhases } from '../search/engine.ts';
import { UserInputError, type ReloadReport, type SearchResponse } from '../search/types.ts';
import { QUERY_SHAPE_CHARS, loadMaterial, reviseSyntheticCorpus, syntheticQueries, writeSyntheticCorpus, type QueryKind } from './synthetic.ts';
import { percentile } from './stats.ts';

type Query = { kind: QueryKind; text: string };

const QUERY_COUNT = 1000;
/** Titles typed one character at a time for the autocomplete figures. */
const TYPED_TITLES = 200;
const TYPED_CHARS = 12;
const SYNTAX_QUERIES = 300;
const RELOAD_STEP = 20; // every 20th file: 5 %
const RELOAD_QUERY_EVERY_MS = 5;
/** How long a restarted process answers a stream of queries before its warm-up may run. */
const RESTART_QUERY_MS = 3_000;
const BIG_FILE_BYTES = 50 * MB;
/** Reading options of the measured library: the defaults, but a 50 MB file is read and parsed, not skipped. */
const BIG_FILE_READ: CorpusReadOptions = { ...DEFAULT_READ_OPTIONS, maxFileBytes: BIG_FILE_BYTES + MB };

interface Job {
  phase: 'jieba' | 'build' | 'restart';
  dir: string;
  snapshotDir: string;
  articles: number;
  /** Made by the parent: making them here would load a jieba dictionary into the measured process. */
  queriesFile: string;
  /** The clean texts nodejieba alone cuts, kept by its first run: the build phase then changes the folder. */
  textsFile: string;
  tokenizerThread?: boolean;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Samples RSS while something runs; maxRSS from the kernel is the true peak. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** The denominator of the build ratio: nodejieba.cut over each article's clean title + text. */
async function jiebaPhase(job: Job): Promise<Figures> {
  const saved = await readFile(job.textsFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  let texts: string[];
  if (saved !== null) texts = JSON.parse(saved) as string[];
  else {
    texts = [];
    for (const name of (await readdir(job.dir)).sort()) {
      const article = parseArticle(name, await readFile(path.join(job.dir, name)));
      texts.push(`${article.title ?? ''}\n${article.text}`);
    }
    await writeFile(job.textsFile, JSON.stringify(texts));
  }
  const chars = texts.reduce((n, text) => n + text.length, 0);
  nodejieba.cut('预热词典'); // the dictionary loads on first use; not part of the measure
  const started = performance.now();
  let words = 0;
  for (const text of texts) words += nodejieba.cut(text).length;
  return { jiebaMs: Math.round(performance.now() - started), cleanChars: chars, words };
}

/** One query as the bot sends it; a query of only stop words is answered with an error, which counts. */
function answer(library: CorpusLibrary, q: { kind: QueryKind; text: string }): SearchResponse | null {
  try {
    return q.kind === 'question' ? library.ask(q.text) : library.search(q.text);
  } catch (error) {
    if (error instanceof UserInputError) return null;
    throw error;
  }
}

/** The query shapes in the order the tables list them. */
const SHAPES: readonly QueryKind[] = ['keyword', 'phrase', 'paste', 'question'];
const PHASES = ['parse', 'rank', 'rerank', 'excerpts'] as const satisfies readonly (keyof SearchPhases)[];

/** One shape's figures: end-to-end times, and each phase's mean and p99. */
interface ShapeFigures {
  kind: QueryKind;
  queries: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU time of the process (both threads): on a busy machine, wall time mostly measures waiting for a core. */
  cpuP50: number;
  cpuP99: number;
  /** Mean and p99 of each phase, in PHASES order. */
  phases: { mean: number; p99: number }[];
  summaryP50: number;
  summaryP99: number;
}

type Figures = Record<string, number | string>;

const mean = (list: readonly number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b);

/**
 * Each query as the bot sends it (excerpts included), timed end to end, with the engine's
 * account of where the time went; then the summary of its top hit, as /summary makes it.
 */
function timeQueries(library: CorpusLibrary, queries: Query[]): Figures {
  const times: number[] = [];
  const byKind = new Map<QueryKind, { times: number[]; cpu: number[]; phases: SearchPhases[]; summaries: number[] }>();
  /** The phases of the search just made: the engine reports each search once. */
  const reported: SearchPhases[] = [];
  library.profileSearches((p) => {
    reported.push(p);
  });
  for (const q of queries) {
    reported.length = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const response = answer(library, q);
    const took = performance.now() - started;
    const used = process.cpuUsage(cpu);
    times.push(took);
    const row = byKind.get(q.kind) ?? byKind.set(q.kind, { times: [], cpu: [], phases: [], summaries: [] }).get(q.kind)!;
    row.times.push(took);
    row.cpu.push((used.user + used.system) / 1000);
    const phases = reported[0];
    if (phases) row.phases.push(phases);
    const top = response?.hits[0];
    if (top) {
      const summaryStarted = performance.now();
      library.summary(top.id);
      row.summaries.push(performance.now() - summaryStarted);
    }
  }
  library.profileSearches(null);
  const all = sorted(times);
  const shapes: ShapeFigures[] = SHAPES.filter((kind) => byKind.has(kind)).map((kind) => {
    const row = byKind.get(kind)!;
    const list = sorted(row.times);
    const summaries = sorted(row.summaries);
    const cpu = sorted(row.cpu);
    return {
      kind,
      queries: list.length,
      p50: percentile(list, 50),
      p99: percentile(list, 99),
      max: list[list.length - 1]!,
      cpuP50: percentile(cpu, 50),
      cpuP99: percentile(cpu, 99),
      phases: PHASES.map((phase) => {
        const spent = row.phases.map((p) => p[phase]);
        return { mean: mean(spent), p99: percentile(sorted(spent), 99) };
      }),
      summaryP50: percentile(summaries, 50),
      summaryP99: percentile(summaries, 99),
    };
  });
  // As JSON: figures cross from the phase process as flat values.
  return { queryP50: percentile(all, 50), queryP99: percentile(all, 99), queryMax: all[all.length - 1]!, shapes: JSON.stringify(shapes) };
}

/**
 * Autocomplete as Discord sends it, a request per keystroke: titles typed a character at a
 * time, then two halves of a title swapped; sources typed the same way.
 */
function timeAutocomplete(library: CorpusLibrary): Figures {
  const all = library.suggestArticles('', Number.MAX_SAFE_INTEGER);
  const step = Math.max(1, Math.floor(all.length / TYPED_TITLES));
  const typed: string[] = [''];
  for (let i = 0; i < all.length; i += step) {
    const chars = [...all[i]!.title];
    for (let n = 1; n <= Math.min(TYPED_CHARS, chars.length); n++) typed.push(chars.slice(0, n).join(''));
    const half = Math.floor(Math.min(chars.length, 2 * TYPED_CHARS) / 2);
    typed.push(`${chars.slice(half, 2 * half).join('')} ${chars.slice(0, half).join('')}`);
  }
  const times: number[] = [];
  // CPU time of the process (both threads: the tokenizer's share counts): on a busy machine,
  // wall time of a sub-millisecond call mostly measures waiting for a core.
  const cpuTimes: number[] = [];
  let found = 0;
  for (const text of typed) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    found += library.suggestArticles(text, 25).length > 0 ? 1 : 0;
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const sourceTimes: number[] = [];
  for (const { source } of library.stats().sources) {
    const chars = [...source];
    for (let n = 1; n <= chars.length; n++) {
      const started = performance.now();
      library.suggestSources(chars.slice(0, n).join(''), 25);
      sourceTimes.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  sourceTimes.sort((a, b) => a - b);
  return {
    autocompleteKeystrokes: times.length,
    autocompleteFound: found,
    autocompleteP50: percentile(times, 50),
    autocompleteP99: percentile(times, 99),
    autocompleteMax: times[times.length - 1]!,
    autocompleteCpuP50: percentile(cpuTimes, 50),
    autocompleteCpuP99: percentile(cpuTimes, 99),
    sourceKeystrokes: sourceTimes.length,
    sourceP50: percentile(sourceTimes, 50),
    sourceP99: percentile(sourceTimes, 99),
  };
}

/** Keyword queries again, each as a quoted phrase and with its last word left out. */
function timeSyntax(library: CorpusLibrary, queries: Query[]): Figures {
  const keywords = queries.filter((q) => q.kind === 'keyword').slice(0, SYNTAX_QUERIES);
  const time = (texts: string[]) => {
    const times = texts.map((text) => {
      const started = performance.now();
      answer(library, { kind: 'keyword', text });
      return performance.now() - started;
    });
    return times.sort((a, b) => a - b);
  };
  const phrases = time(keywords.map((q) => `"${q.text}"`));
  const excluded = time(
    keywords.map((q) => {
      const words = q.text.split(/\s+/);
      return words.length > 1 ? `${words.slice(0, -1).join(' ')} -${words.at(-1)}` : `${q.text} -数据`;
    }),
  );
  return {
    syntaxQueries: keywords.length,
    phraseP50: percentile(phrases, 50),
    phraseP99: percentile(phrases, 99),
    excludedP50: percentile(excluded, 50),
    excludedP99: percentile(excluded, 99),
  };
}

async function queriesDuringReload(library: CorpusLibrary, job: Job, queries: { kind: QueryKind; text: string }[]): Promise<Figures> {
  const material = await loadMaterial();
  const changed = await reviseSyntheticCorpus(job.dir, material, job.articles, RELOAD_STEP);
  const { report, ...figures } = await queriesWhileReloading(library, queries);
  return {
    reloadFiles: changed.length,
    reloadChanged: report.changed.length,
    reloadMs: figures.ms,
    reloadSnapshotMs: figures.snapshotMs,
    reloadQueries: figures.queries,
    reloadQueryP50: figures.p50,
    reloadQueryP99: figures.p99,
  };
}

/** A 50 MB text file and 100,000 nested divs arrive; the reload that reads them runs under the same query stream. */
async function queriesDuringBigReload(library: CorpusLibrary, job: Job, queries: { kind: QueryKind; text: string }[]): Promise<Figures> {
  const handle = await open(path.join(job.dir, 'huge-50mb.txt'), 'w');
  const sentence = Buffer.from('这是一个重复了很多次的句子，用来检查一篇巨大的文章会不会拖慢所有人。\n'.repeat(10_000));
  await handle.write('巨大的文章\n');
  for (let written = 0; written < BIG_FILE_BYTES; written += sentence.length) await handle.write(sentence);
  await handle.close();
  await writeFile(path.join(job.dir, 'nested-divs.html'), '<div>'.repeat(100_000) + '嵌套正文' + '</div>'.repeat(100_000));
  const { report, ...figures } = await queriesWhileReloading(library, queries);
  const outcome = (id: string) => (report.added.includes(id) ? 'indexed' : (report.failed.find((f) => f.file === id)?.reason ?? 'not read'));
  return {
    bigReloadMs: figures.ms,
    bigReloadQueries: figures.queries,
    bigReloadQueryP50: figures.p50,
    bigReloadQueryP99: figures.p99,
    bigReloadHuge: outcome('huge-50mb.txt'),
    bigReloadNested: outcome('nested-divs.html'),
  };
}

/**
 * Queries every few milliseconds until `work` ends, timed from when each was due to its answer,
 * waiting included: what users see while the library does something else.
 */
async function queriesUntil(
  work: Promise<unknown>,
  library: CorpusLibrary,
  queries: { kind: QueryKind; text: string }[],
): Promise<{ queries: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let done = false;
  void work.finally(() => {
    done = true;
  });
  let i = 0;
  while (!done) {
    const due = performance.now() + RELOAD_QUERY_EVERY_MS;
    await new Promise((resolve) => setTimeout(resolve, RELOAD_QUERY_EVERY_MS));
    const q = queries[i++ % queries.length]!;
    answer(library, q);
    latencies.push(performance.now() - due);
  }
  latencies.sort((a, b) => a - b);
  return { queries: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Queries every few milliseconds, from the start of a reload until its snapshot is written. */
async function queriesWhileReloading(
  library: CorpusLibrary,
  queries: { kind: QueryKind; text: string }[],
): Promise<{ report: ReloadReport; ms: number; snapshotMs: number; queries: number; p50: number; p99: number }> {
  const started = performance.now();
  let reloadMs = 0;
  let settledMs = 0;
  const reload = library.reload();
  // Queries go on until the snapshot that follows the reload is written too.
  const settled = reload
    .then(() => {
      reloadMs = Math.round(performance.now() - started);
    })
    .then(() => library.settled())
    .catch(() => undefined) // a failed reload is thrown by `await reload` below
    .finally(() => {
      settledMs = Math.round(performance.now() - started);
    });
  const figures = await queriesUntil(settled, library, queries);
  const report = await reload;
  return { report, ms: reloadMs, snapshotMs: settledMs - reloadMs, ...figures };
}

async function buildPhase(job: Job): Promise<Figures> {
  const queries = JSON.parse(await readFile(job.queriesFile, 'utf8')) as Query[];
  const sampler = rssSampler();
  const started = performance.now();
  // The size limit is raised past the 50 MB file so that the big reload really parses it.
  const library = await openLibrary({ corpusDir: job.dir, snapshotDir: job.snapshotDir, tokenizerThread: job.tokenizerThread, read: BIG_FILE_READ });
  const buildMs = Math.round(performance.now() - started);
  await library.settled(); // the snapshot is written after the index goes live
  await library.warmedUp(); // then the query path is warmed up
  const warmUp = library.warmUpFigures();
  const snapshotMs = Math.round(performance.now() - started) - buildMs - (warmUp?.ms ?? 0);
  const snapshotMb = mb(await folderBytes(job.snapshotDir));
  const rssAfterBuild = process.memoryUsage().rss;
  const maxRssBuildMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const queryFigures = timeQueries(library, queries);
  const syntaxFigures = timeSyntax(library, queries);
  const autocompleteFigures = timeAutocomplete(library);
  const reloadFigures = await queriesDuringReload(library, job, queries);
  const sampledPeak = sampler.stop();
  // After the memory figures: the 50 MB file's parse thread is not part of a normal run.
  const bigReloadFigures = await queriesDuringBigReload(library, job, queries);
  if (global.gc) global.gc();
  return {
    indexed: library.stats().articles,
    buildMs,
    snapshotMs,
    snapshotMb,
    warmUpQueries: warmUp?.queries ?? 0,
    warmUpMs: warmUp?.ms ?? 0,
    maxRssBuildMb,
    rssAfterBuildMb: mb(rssAfterBuild),
    heapAfterMb: mb(process.memoryUsage().heapUsed),
    rssSampledPeakMb: mb(sampledPeak),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...queryFigures,
    ...syntaxFigures,
    ...autocompleteFigures,
    ...reloadFigures,
    ...bigReloadFigures,
  };
}

/** Bytes of the files under a folder (the snapshot). */
async function folderBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return bytes;
}

/** A restart: this process's own start-up counts, up to the first answered query. */
async function restartPhase(job: Job): Promise<Figures> {
  const library = await openLibrary({ corpusDir: job.dir, snapshotDir: job.snapshotDir, tokenizerThread: job.tokenizerThread, read: BIG_FILE_READ });
  const response = library.search('工业互联网');
  const firstAnswerMs = Math.round(performance.now()); // performance.now() counts from process start
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  // The first seconds of a restarted process, under a stream of queries; its warm-up waits for a pause in them.
  const queries = JSON.parse(await readFile(job.queriesFile, 'utf8')) as Query[];
  const early = await queriesUntil(new Promise((resolve) => setTimeout(resolve, RESTART_QUERY_MS)), library, queries);
  await library.warmedUp();
  return {
    restartFirstAnswerMs: firstAnswerMs,
    restartHits: response.total,
    restartMaxRssMb: maxRssMb,
    restartWarmUpMs: library.warmUpFigures()?.ms ?? 0,
    restartQueryCount: early.queries,
    restartQueryP50: early.p50,
    restartQueryP99: early.p99,
  };
}

function runPhase(job: Job): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--phase-job', JSON.stringify(job)], { stdio: 'inherit' });
    let result: Figures | null = null;
    child.on('message', (message) => {
      result = message as Figures;
    });
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`${job.phase} phase exited with ${code}`))));
  });
}

const f1 = (x: number | string | undefined) => (typeof x === 'number' ? x.toFixed(1) : String(x));
const f2 = (x: number | string | undefined) => (typeof x === 'number' ? x.toFixed(2) : String(x));

const SHAPE_NAMES: Record<QueryKind, string> = {
  keyword: '1–3 keywords (search)',
  phrase: `${QUERY_SHAPE_CHARS.phrase} characters of text (search)`,
  paste: `${QUERY_SHAPE_CHARS.paste}-character paste (search)`,
  question: 'natural question (ask)',
};

/** The end-to-end table per shape, then where the time goes. */
function printShapes(shapes: ShapeFigures[]): void {
  console.log('\n#### End to end per query shape (Library.search / ask as the bot calls them, excerpts included), ms\n');
  console.log('| shape | queries | p50 | p99 | max | CPU time p50 / p99 |');
  console.log('|---|---|---|---|---|---|');
  for (const s of shapes)
    console.log(`| ${SHAPE_NAMES[s.kind]} | ${s.queries} | ${f1(s.p50)} | ${f1(s.p99)} | ${f1(s.max)} | ${f1(s.cpuP50)} / ${f1(s.cpuP99)} |`);
  console.log('\n#### Where the time goes: mean / p99 of each phase, ms; then /summary of the top hit\n');
  console.log('| shape | parse | candidate ranking | re-ranking | excerpts | summary p50 / p99 |');
  console.log('|---|---|---|---|---|---|');
  for (const s of shapes) {
    const phases = s.phases.map((p) => `${f2(p.mean)} / ${f1(p.p99)}`).join(' | ');
    console.log(`| ${SHAPE_NAMES[s.kind]} | ${phases} | ${f1(s.summaryP50)} / ${f1(s.summaryP99)} |`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const phaseJob = stringFlag(args, 'phase-job');
  if (phaseJob) {
    const job = JSON.parse(phaseJob) as Job;
    const run = { jieba: jiebaPhase, build: buildPhase, restart: restartPhase }[job.phase];
    const figures = await run(job);
    process.send!(figures, () => process.exit(0));
    return;
  }
  const sizes = (stringFlag(args, 'articles') ?? '10000').split(',').map(Number);
  if (!sizes.every((n) => Number.isInteger(n) && n >= 1)) throw new Error('--articles must be positive whole numbers, comma-separated (10000,50000)');
  // `--threads off`: everything on the main thread, for comparison.
  const tokenizerThread = stringFlag(args, 'threads') === 'off' ? false : undefined;
  const runs: [number, Figures][] = [];
  for (const articles of sizes) runs.push([articles, await measureSize(articles, tokenizerThread, args.flags.has('keep'))]);
  printTargets(runs);
  if (runs.length > 1) printGrowth(runs);
}

/** What issue 17 holds each size to: end-to-end p99 of every shape, build ÷ nodejieba, peak RSS of the build. */
const TARGETS: Record<number, { p99Ms: number; ratio: number; rssMb: number }> = {
  10_000: { p99Ms: 15, ratio: 1.6, rssMb: 700 },
  50_000: { p99Ms: 30, ratio: 2, rssMb: 2500 },
};

const shapesOf = (all: Figures) => JSON.parse(String(all.shapes)) as ShapeFigures[];
const buildRatio = (all: Figures) => Number(all.buildMs) / Number(all.jiebaMs);

function printTargets(runs: [number, Figures][]): void {
  const held = runs.filter(([articles]) => TARGETS[articles]);
  if (held.length === 0) return;
  console.log('\n#### Targets\n');
  console.log('| articles | measure | target | measured | |');
  console.log('|---|---|---|---|---|');
  const row = (articles: number, measure: string, target: string, value: number, limit: number, shown: string) =>
    console.log(`| ${articles} | ${measure} | ${target} | ${shown} | ${value <= limit ? 'met' : '**not met**'} |`);
  for (const [articles, all] of held) {
    const target = TARGETS[articles]!;
    const worst = shapesOf(all).reduce((a, b) => (b.p99 > a.p99 ? b : a));
    row(articles, 'end-to-end p99, every shape', `≤ ${target.p99Ms} ms`, worst.p99, target.p99Ms, `${f1(worst.p99)} ms (${SHAPE_NAMES[worst.kind]})`);
    row(articles, 'build ÷ nodejieba, same run', `≤ ${target.ratio} ×`, buildRatio(all), target.ratio, `${buildRatio(all).toFixed(2)} ×`);
    row(articles, 'peak RSS of the build', `≤ ${target.rssMb} MB`, Number(all.maxRssBuildMb), target.rssMb, `${String(all.maxRssBuildMb)} MB`);
  }
}

/** How each figure grows from the first size to the last, against how the corpus grows. */
function printGrowth(runs: [number, Figures][]): void {
  const [first, last] = [runs[0]!, runs[runs.length - 1]!];
  console.log(`\n#### Growth from ${first[0]} to ${last[0]} articles (${(last[0] / first[0]).toFixed(1)} × the articles)\n`);
  console.log(`| measure | ${runs.map(([n]) => n).join(' | ')} | last ÷ first |`);
  console.log(`|---|${runs.map(() => '---|').join('')}---|`);
  const row = (measure: string, value: (all: Figures) => number, shown: (x: number) => string) => {
    const values = runs.map(([, all]) => value(all));
    console.log(`| ${measure} | ${values.map(shown).join(' | ')} | ${(values[values.length - 1]! / values[0]!).toFixed(2)} × |`);
  };
  const seconds = (x: number) => `${(x / 1000).toFixed(1)} s`;
  const megabytes = (x: number) => `${x} MB`;
  row(
    'clean characters',
    (all) => Number(all.cleanChars),
    (x) => `${(x / 1e6).toFixed(1)} M`,
  );
  row('build, files → searchable', (all) => Number(all.buildMs), seconds);
  row('nodejieba alone', (all) => Number(all.jiebaMs), seconds);
  row('build ÷ nodejieba', buildRatio, (x) => `${x.toFixed(2)} ×`);
  row('peak RSS of the build', (all) => Number(all.maxRssBuildMb), megabytes);
  row('RSS after the build', (all) => Number(all.rssAfterBuildMb), megabytes);
  row('snapshot on disk', (all) => Number(all.snapshotMb), megabytes);
  row('restart → first answer', (all) => Number(all.restartFirstAnswerMs), seconds);
  row('restart: peak RSS', (all) => Number(all.restartMaxRssMb), megabytes);
  for (const kind of SHAPES)
    row(
      `p99, ${SHAPE_NAMES[kind]}`,
      (all) => shapesOf(all).find((s) => s.kind === kind)?.p99 ?? NaN,
      (x) => `${f1(x)} ms`,
    );
  row(
    `p99, ${QUERY_COUNT} mixed queries`,
    (all) => Number(all.queryP99),
    (x) => `${f1(x)} ms`,
  );
}

/** Writes a corpus of `articles`, measures each phase in a fresh process, and prints the tables. */
async function measureSize(articles: number, tokenizerThread: boolean | undefined, keep: boolean): Promise<Figures> {
  const root = await mkdtemp(path.join(tmpdir(), 'scale-bench-'));
  const dir = path.join(root, 'corpus');
  const snapshotDir = path.join(root, 'snapshot');
  try {
    await mkdir(dir);
    const generated = performance.now();
    const material = await loadMaterial();
    await writeSyntheticCorpus(dir, material, articles);
    console.error(`wrote ${articles} synthetic articles in ${Math.round(performance.now() - generated)} ms to ${dir}`);
    const queriesFile = path.join(root, 'queries.json');
    await writeFile(queriesFile, JSON.stringify(syntheticQueries(material, QUERY_COUNT)));
    const textsFile = path.join(root, 'clean-texts.json');
    const job: Job = { phase: 'jieba', dir, snapshotDir, articles, queriesFile, textsFile, ...(tokenizerThread === undefined ? {} : { tokenizerThread }) };
    // nodejieba alone just before and just after the build: this machine's speed drifts
    // between minutes, and the ratio divides by the mean of the two.
    const jiebaBefore = await runPhase(job);
    console.error('jieba', jiebaBefore);
    const build = await runPhase({ ...job, phase: 'build' });
    console.error('build', build);
    const jiebaAfter = await runPhase(job);
    console.error('jieba', jiebaAfter);
    const jiebaRuns = `${(Number(jiebaBefore.jiebaMs) / 1000).toFixed(1)} s, ${(Number(jiebaAfter.jiebaMs) / 1000).toFixed(1)} s`;
    const jieba = { ...jiebaBefore, jiebaMs: Math.round((Number(jiebaBefore.jiebaMs) + Number(jiebaAfter.jiebaMs)) / 2), jiebaRuns };
    const restart = await runPhase({ ...job, phase: 'restart' });
    console.error('restart', restart);
    const all: Figures = { ...jieba, ...build, ...restart };
    const ratio = buildRatio(all);
    const cores = `${availableParallelism()} (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`;
    const load = loadavg()[1]!.toFixed(1); // other work on the machine inflates every time below
    console.log(
      `\n### Scale: ${all.indexed} synthetic articles, ${(Number(all.cleanChars) / 1e6).toFixed(1)} M clean characters, ${cores} cores (5-min load average ${load}), Node ${process.version}\n`,
    );
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| index build, files → searchable | ${(Number(all.buildMs) / 1000).toFixed(1)} s |`);
    console.log(
      `| then the snapshot written (searches are answered meanwhile); its size on disk | ${(Number(all.snapshotMs) / 1000).toFixed(1)} s; ${String(all.snapshotMb)} MB |`,
    );
    console.log(
      `| then the query path warmed up (searches are answered meanwhile): searches made from the corpus, time | ${String(all.warmUpQueries)}; ${(Number(all.warmUpMs) / 1000).toFixed(1)} s |`,
    );
    console.log(
      `| nodejieba.cut alone on the same clean title + text, 1 thread: mean of just before and just after the build | ${(Number(all.jiebaMs) / 1000).toFixed(1)} s (${all.jiebaRuns}) |`,
    );
    console.log(`| build ÷ nodejieba | ${ratio.toFixed(2)} × |`);
    console.log(
      `| peak RSS (maxRSS): build; whole run incl. queries and reload (sampled every 50 ms) | ${all.maxRssBuildMb} MB; ${all.maxRssMb} MB (${all.rssSampledPeakMb} MB) |`,
    );
    console.log(`| RSS after build; JS heap at the end | ${all.rssAfterBuildMb} MB; ${all.heapAfterMb} MB |`);
    console.log(`| restart: peak RSS | ${all.restartMaxRssMb} MB |`);
    console.log(`| ${QUERY_COUNT} mixed queries, p50 / p99 / max | ${f1(all.queryP50)} / ${f1(all.queryP99)} / ${f1(all.queryMax)} ms |`);
    console.log(`| ${all.syntaxQueries} keyword queries as a "phrase", p50 / p99 | ${f1(all.phraseP50)} / ${f1(all.phraseP99)} ms |`);
    console.log(`| the same with their last word left out (-word), p50 / p99 | ${f1(all.excludedP50)} / ${f1(all.excludedP99)} ms |`);
    console.log(
      `| title autocomplete, ${all.autocompleteKeystrokes} keystrokes (${all.autocompleteFound} with choices), p50 / p99 / max | ${f2(all.autocompleteP50)} / ${f2(all.autocompleteP99)} / ${f2(all.autocompleteMax)} ms |`,
    );
    console.log(`| — CPU time per keystroke (both threads), p50 / p99 | ${f2(all.autocompleteCpuP50)} / ${f2(all.autocompleteCpuP99)} ms |`);
    console.log(`| source autocomplete, ${all.sourceKeystrokes} keystrokes, p50 / p99 | ${f2(all.sourceP50)} / ${f2(all.sourceP99)} ms |`);
    console.log(`| restart with unchanged corpus → first answer (process start included) | ${(Number(all.restartFirstAnswerMs) / 1000).toFixed(2)} s |`);
    console.log(
      `| then queries every ${RELOAD_QUERY_EVERY_MS} ms for ${RESTART_QUERY_MS / 1000} s, p50 / p99 (${String(all.restartQueryCount)} queries); the warm-up, which waits for them, from start to end | ${f1(all.restartQueryP50)} / ${f1(all.restartQueryP99)} ms; ${(Number(all.restartWarmUpMs) / 1000).toFixed(1)} s |`,
    );
    console.log(
      `| reload of ${all.reloadFiles} changed files (5 %), then its snapshot | ${(Number(all.reloadMs) / 1000).toFixed(1)} s, ${all.reloadChanged} re-read; ${(Number(all.reloadSnapshotMs) / 1000).toFixed(1)} s |`,
    );
    console.log(
      `| queries every ${RELOAD_QUERY_EVERY_MS} ms during that reload and snapshot, p50 / p99 (${all.reloadQueries} queries) | ${f1(all.reloadQueryP50)} / ${f1(all.reloadQueryP99)} ms |`,
    );
    console.log(
      `| reload adding one 50 MB article and 100,000 nested divs (CORPUS_MAX_FILE_MB raised to ${BIG_FILE_READ.maxFileBytes / MB}) | ${(Number(all.bigReloadMs) / 1000).toFixed(1)} s; 50 MB: ${all.bigReloadHuge}; nested: ${all.bigReloadNested} |`,
    );
    console.log(
      `| queries every ${RELOAD_QUERY_EVERY_MS} ms during that reload and snapshot, p50 / p99 (${all.bigReloadQueries} queries) | ${f1(all.bigReloadQueryP50)} / ${f1(all.bigReloadQueryP99)} ms |`,
    );
    printShapes(shapesOf(all));
    return all;
  } finally {
    if (!keep) await rm(root, { recursive: true, force: true });
    else console.error(`kept ${root}`);
  }
}

await main();
