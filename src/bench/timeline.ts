// Timeline benchmark: `npm run bench:timeline [-- --articles N]`.
// On a synthetic corpus of N articles (default 10,000): the time to build a /timeline series
// (search, threshold, periods, peaks; before rendering) and, apart, to render its PNG; and the
// measurement behind the relevance threshold: for one-word queries, how many passing mentions
// and how many articles about the word each factor counts.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import nodejieba from 'nodejieba';
import { parseArgs, stringFlag } from '../cli/args.ts';
import { timelineChartPng } from '../chart/timeline-chart.ts';
import { normaliseForSearch } from '../corpus/normalise.ts';
import { openLibrary, type CorpusLibrary } from '../library.ts';
import { TIMELINE_RELEVANCE_FACTOR } from '../search/timeline.ts';
import { UserInputError } from '../search/types.ts';
import { percentile } from './stats.ts';
import { loadMaterial, prng, syntheticQueries, writeSyntheticCorpus, type Material } from './synthetic.ts';

const QUERIES = 500;
const WORDS = 200;
const FACTORS = [1, 1.1, 1.2, 1.3, 1.5, 2];

/** Occurrences of `needle` in `text`. */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** One-word queries: words of two characters or more from the material, as people type a topic. */
function oneWordQueries(material: Material, count: number): string[] {
  const rng = prng(11);
  const words = new Set<string>();
  while (words.size < count) {
    const paragraph = material.paragraphs[Math.floor(rng() * material.paragraphs.length)]!;
    const candidates = nodejieba.cut(paragraph).filter((w) => w.length >= 2 && /^\p{Script=Han}+$/u.test(w));
    if (candidates.length > 0) words.add(candidates[Math.floor(rng() * candidates.length)]!);
  }
  return [...words];
}

/**
 * Each match of a one-word query, labelled from the text: a passing mention holds the word once,
 * in the body only; an article about it has it in the title or three times or more in the body.
 * Others (twice in the body) are left unlabelled. Per factor: the share of each counted.
 */
function thresholdTable(library: CorpusLibrary, words: string[]) {
  const kept = FACTORS.map(() => ({ passing: 0, about: 0 }));
  let passing = 0;
  let about = 0;
  let unlabelled = 0;
  for (const word of words) {
    const needle = normaliseForSearch(word);
    let found;
    try {
      found = library.timelineMatches(word);
    } catch (error) {
      if (error instanceof UserInputError) continue; // a stop word
      throw error;
    }
    const { matches, passingScore } = found;
    for (const m of matches) {
      const article = library.article(m.article.id)!;
      const inTitle = occurrences(normaliseForSearch(article.title ?? ''), needle);
      const inBody = occurrences(normaliseForSearch(article.text), needle);
      const label = inTitle === 0 && inBody === 1 ? 'passing' : inTitle > 0 || inBody >= 3 ? 'about' : null;
      if (label === null) {
        unlabelled++;
        continue;
      }
      if (label === 'passing') passing++;
      else about++;
      FACTORS.forEach((f, i) => {
        if (m.score >= f * passingScore) kept[i]![label]++;
      });
    }
  }
  return { passing, about, unlabelled, kept };
}

/** Each query as a timeline series and, right after, as a /search: the same load for both. */
function timeSeries(library: CorpusLibrary, queries: string[]): { series: number[]; search: number[]; render: number[]; counted: number } {
  const series: number[] = [];
  const search: number[] = [];
  const render: number[] = [];
  let counted = 0;
  for (const q of queries) {
    try {
      const started = performance.now();
      const s = library.timeline(q);
      series.push(performance.now() - started);
      const searched = performance.now();
      library.search(q);
      search.push(performance.now() - searched);
      counted += s.counted;
      if (s.periods.length > 0 && render.length < 100) {
        const drawn = performance.now();
        timelineChartPng(s, 'zh-CN');
        render.push(performance.now() - drawn);
      }
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
    }
  }
  const ascending = (list: number[]) => list.sort((a, b) => a - b);
  return { series: ascending(series), search: ascending(search), render: ascending(render), counted };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const articles = Number(stringFlag(args, 'articles') ?? 10_000);
  if (!Number.isInteger(articles) || articles < 1) throw new Error('--articles must be a positive whole number');
  const root = await mkdtemp(path.join(tmpdir(), 'timeline-bench-'));
  const dir = path.join(root, 'corpus');
  try {
    await mkdir(dir);
    const material = await loadMaterial();
    await writeSyntheticCorpus(dir, material, articles);
    const started = performance.now();
    const library = await openLibrary({ corpusDir: dir });
    console.error(`indexed ${library.stats().articles} articles in ${Math.round(performance.now() - started)} ms`);
    const keywordQueries = syntheticQueries(material, QUERIES * 3)
      .filter((q) => q.kind === 'keyword')
      .slice(0, QUERIES)
      .map((q) => q.text);
    const words = oneWordQueries(material, WORDS);
    timeSeries(library, keywordQueries.slice(0, 20)); // warm-up: JIT and the tokenizer thread
    const keyword = timeSeries(library, keywordQueries);
    const oneWord = timeSeries(library, words);
    const table = thresholdTable(library, words);
    const f1 = (x: number) => x.toFixed(1);
    const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(0)} %`;
    const cores = `${availableParallelism()} (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`;
    console.log(`\n### Timeline: ${articles} synthetic articles, ${cores} cores (5-min load average ${loadavg()[1]!.toFixed(1)}), Node ${process.version}\n`);
    console.log('| measure | p50 | p99 | max |');
    console.log('|---|--:|--:|--:|');
    for (const [name, t] of [
      [`series, ${keyword.series.length} keyword queries (1–3 words)`, keyword.series],
      [`— the same queries as /search (excerpts included)`, keyword.search],
      [`series, ${oneWord.series.length} one-word queries`, oneWord.series],
      [`— the same queries as /search (excerpts included)`, oneWord.search],
      [`PNG render, ${keyword.render.length + oneWord.render.length} charts`, [...keyword.render, ...oneWord.render].sort((a, b) => a - b)],
    ] as const) {
      console.log(`| ${name} | ${f1(percentile([...t], 50))} ms | ${f1(percentile([...t], 99))} ms | ${f1(t[t.length - 1] ?? NaN)} ms |`);
    }
    console.log(
      `\nThreshold, ${words.length} one-word queries: ${table.passing} passing mentions (once, body only), ${table.about} articles about the word (in the title, or 3+ times), ${table.unlabelled} unlabelled (twice).\n`,
    );
    console.log('| factor × passing-mention score | passing mentions counted | articles about it counted |');
    console.log('|--:|--:|--:|');
    FACTORS.forEach((f, i) => {
      const k = table.kept[i]!;
      const mark = f === TIMELINE_RELEVANCE_FACTOR ? ' (chosen)' : '';
      console.log(`| ${f}${mark} | ${pct(k.passing, table.passing)} | ${pct(k.about, table.about)} |`);
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  process.exit(0);
}

await main();
