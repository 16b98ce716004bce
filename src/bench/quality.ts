// Relevance benchmark: `npm run bench:quality [-- --data PATH]`.
// Indexes the CMRC 2018 trial passages, asks every question, and prints R@1, R@5, MRR@10,
// answer-in-excerpt and query time for our engine and, in the same run, two baselines.
import MiniSearch from 'minisearch';
import { rm } from 'node:fs/promises';
import { parseArgs, stringFlag } from '../cli/args.ts';
import { openLibrary } from '../library.ts';
import { EXCERPT_MAX_CHARS } from '../search/excerpt.ts';
import { writeCmrcCorpus, DEFAULT_CMRC_PATH, type CmrcCorpus } from './cmrc.ts';
import { percentile } from './stats.ts';

interface Figures {
  name: string;
  r1: number;
  r5: number;
  mrr10: number;
  answerInExcerpt: number;
  p50: number;
  p99: number;
}

type Ranker = (question: string) => { ids: string[]; topExcerpt: string };

function evaluate(name: string, corpus: CmrcCorpus, rank: Ranker): Figures {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  let inExcerpt = 0;
  const times: number[] = [];
  for (const q of corpus.questions) {
    const started = performance.now();
    let result: ReturnType<Ranker>;
    try {
      result = rank(q.question);
    } catch {
      result = { ids: [], topExcerpt: '' };
    }
    times.push(performance.now() - started);
    const at = result.ids.slice(0, 10).indexOf(q.articleId);
    if (at === 0) {
      r1++;
      const text = result.topExcerpt;
      if (text.length <= EXCERPT_MAX_CHARS && q.answers.some((a) => text.includes(a))) inExcerpt++;
    }
    if (at >= 0 && at < 5) r5++;
    if (at >= 0) mrr += 1 / (at + 1);
  }
  const n = corpus.questions.length;
  times.sort((a, b) => a - b);
  return { name, r1: r1 / n, r5: r5 / n, mrr10: mrr / n, answerInExcerpt: inExcerpt / n, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Plain MiniSearch with a given tokenizer; its excerpt is the passage's first 300 characters. */
function baseline(corpus: CmrcCorpus, tokenize?: (text: string) => string[]): Ranker {
  const index = new MiniSearch({ fields: ['title', 'text'], ...(tokenize ? { tokenize } : {}) });
  index.addAll(corpus.passages.map((p) => ({ id: p.id, title: p.title, text: p.context })));
  const byId = new Map(corpus.passages.map((p) => [p.id, p.context]));
  return (question) => {
    const ids = index.search(question, { boost: { title: 2 } }).map((r) => r.id as string);
    return { ids, topExcerpt: (byId.get(ids[0] ?? '') ?? '').slice(0, EXCERPT_MAX_CHARS) };
  };
}

function characterBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

const fmt = (x: number) => x.toFixed(3);

export async function runQualityBenchmark(dataPath: string): Promise<Figures[]> {
  const corpus = await writeCmrcCorpus(dataPath);
  try {
    const library = await openLibrary({ corpusDir: corpus.dir });
    const ours: Ranker = (question) => {
      const response = library.ask(question, { limit: 10 });
      return { ids: response.hits.map((h) => h.id), topExcerpt: response.hits[0]?.excerpt.text ?? '' };
    };
    return [
      evaluate('this engine (jieba words + bigrams, ask)', corpus, ours),
      evaluate('MiniSearch default tokenizer', corpus, baseline(corpus)),
      evaluate('character bigrams', corpus, baseline(corpus, characterBigrams)),
    ];
  } finally {
    await rm(corpus.dir, { recursive: true, force: true });
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  const dataPath = stringFlag(args, 'data') ?? DEFAULT_CMRC_PATH;
  const figures = await runQualityBenchmark(dataPath);
  console.log(`CMRC 2018 trial: ${dataPath}`);
  console.log('| ranker | R@1 | R@5 | MRR@10 | answer-in-excerpt | p50 ms | p99 ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const f of figures) {
    console.log(`| ${f.name} | ${fmt(f.r1)} | ${fmt(f.r5)} | ${fmt(f.mrr10)} | ${fmt(f.answerInExcerpt)} | ${f.p50.toFixed(2)} | ${f.p99.toFixed(2)} |`);
  }
}
