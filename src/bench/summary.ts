// `npm run bench:summary`: the project's summaries side by side with Lead-3 and TextRank on
// every real article the project holds (seeds, corpus samples, the real-archive fixtures).
// Prints, for each method, the share of well-formed summaries (body sentences only, in
// document order, complete, no furniture) and the overlap with the lead, then a panel of 20
// summaries for a person to judge. Figures, no assertions.
import path from 'node:path';
import type { Article } from '../corpus/article.ts';
import { isFurnitureParagraph } from '../corpus/furniture.ts';
import { readCorpus } from '../search/read-corpus.ts';
import { splitSentences, type Sentence } from '../search/sentences.ts';
import { articleShape, bodySentences, chooseSummarySentences, contentWords, isCompleteSentence, listOutline } from '../search/summary.ts';

/** Folders to read: the command line's (`npm run bench:summary -- DIR…`), else every real article the project holds. */
const FOLDERS = process.argv.length > 2 ? process.argv.slice(2) : ['seeds', 'test/fixtures/corpus-samples', 'test/fixtures/corpus-real'];
const MIN_CHARS = 300;
const PANEL_SIZE = 20;

type Method = (article: Article) => Sentence[];

/** The first three body sentences: the classic strong baseline for news. */
const lead3: Method = (article) => bodySentences(article).slice(0, 3);

/** TextRank over the article's sentences (Mihalcea & Tarau 2004), top three in document order. */
const textRank: Method = (article) => {
  const sentences = splitSentences(article.paragraphs, article.kinds).filter((s) => s.kind !== 'code' && [...s.text].length >= 8);
  if (sentences.length <= 3) return sentences;
  const words = sentences.map((s) => new Set(contentWords(s.text)));
  const n = sentences.length;
  const weight = (i: number, j: number) => {
    let shared = 0;
    for (const w of words[i]!) if (words[j]!.has(w)) shared++;
    const norm = Math.log(words[i]!.size + 1) + Math.log(words[j]!.size + 1);
    return shared === 0 || norm === 0 ? 0 : shared / norm;
  };
  const edges = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : weight(i, j))));
  const out = edges.map((row) => row.reduce((a, b) => a + b, 0));
  let score = new Array<number>(n).fill(1);
  for (let iteration = 0; iteration < 30; iteration++) {
    score = score.map((_, i) => 0.15 + 0.85 * edges.reduce((sum, row, j) => sum + (out[j]! > 0 ? (row[i]! / out[j]!) * score[j]! : 0), 0));
  }
  return sentences
    .map((s, i) => ({ s, score: score[i]! }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((x) => x.s)
    .sort((a, b) => a.index - b.index);
};

const ours: Method = (article) => chooseSummarySentences(article);

interface Check {
  wellFormed: boolean;
  reasons: string[];
  leadShare: number;
}

function check(article: Article, summary: Sentence[]): Check {
  const reasons: string[] = [];
  if (summary.length === 0 && articleShape(article) !== 'list') reasons.push('empty');
  for (const s of summary) {
    if (s.kind !== 'text' && s.kind !== 'quote') reasons.push(`a ${s.kind} taken as a sentence`);
    if (!isCompleteSentence(s, article.paragraphs)) reasons.push('incomplete sentence');
    if (isFurnitureParagraph(s.text)) reasons.push('furniture');
  }
  if (summary.some((s, i) => i > 0 && s.index < summary[i - 1]!.index)) reasons.push('out of order');
  const lead = new Set(
    bodySentences(article)
      .slice(0, 3)
      .map((s) => s.index),
  );
  const leadShare = summary.length === 0 ? 0 : summary.filter((s) => lead.has(s.index)).length / summary.length;
  return { wellFormed: reasons.length === 0, reasons, leadShare };
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
}

const articles: Article[] = [];
for (const folder of FOLDERS) articles.push(...(await readCorpus(path.resolve(folder))).articles.filter((a) => a.text.length >= MIN_CHARS));

const methods: [string, Method][] = [
  ['this project', ours],
  ['Lead-3', lead3],
  ['TextRank', textRank],
];
console.log(`### Summaries of ${articles.length} real articles of at least ${MIN_CHARS} characters (${FOLDERS.join(', ')})\n`);
console.log('| method | well-formed | of which list articles | overlap with the lead | mean length (chars) | what went wrong (count) |');
console.log('|---|---|---|---|---|---|');
for (const [name, method] of methods) {
  const checks = articles.map((a) => ({ a, summary: method(a), result: check(a, method(a)) }));
  const good = checks.filter((c) => c.result.wellFormed).length;
  const lists = checks.filter((c) => articleShape(c.a) === 'list');
  const listGood = lists.filter((c) => c.result.wellFormed).length;
  const lead = checks.reduce((sum, c) => sum + c.result.leadShare, 0) / checks.length;
  const length = checks.reduce((sum, c) => sum + c.summary.reduce((n, s) => n + [...s.text].length, 0), 0) / checks.length;
  const reasons = new Map<string, number>();
  for (const c of checks) for (const r of new Set(c.result.reasons)) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const wrong =
    [...reasons]
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `${r} (${n})`)
      .join(', ') || '—';
  console.log(
    `| ${name} | ${good}/${checks.length} (${((100 * good) / checks.length).toFixed(0)} %) | ${listGood}/${lists.length} | ${(100 * lead).toFixed(0)} % | ${length.toFixed(0)} | ${wrong} |`,
  );
}

// The panel: the articles with the most structure (headings, lists, captions, code) first.
const structure = (a: Article) => a.kinds.filter((k) => k !== 'text').length / Math.max(1, a.kinds.length);
const panel = [...articles].sort((a, b) => structure(b) - structure(a) || (a.id < b.id ? -1 : 1)).slice(0, PANEL_SIZE);
console.log(`\n### Panel: ${PANEL_SIZE} articles with the most structure, side by side\n`);
for (const article of panel) {
  console.log(`#### ${article.id} — ${cut(article.title ?? '', 40)} (${articleShape(article)})`);
  for (const [name, method] of methods) {
    const summary = method(article);
    let text = summary.map((s) => s.text).join('');
    if (name === 'this project' && articleShape(article) === 'list') {
      const outline = listOutline(article);
      text += `${text ? ' ' : ''}[${outline.count} 条：${outline.heads.join('；')}…]`;
    }
    const verdict = check(article, summary);
    console.log(`- **${name}**${verdict.wellFormed ? '' : ` ✗ ${[...new Set(verdict.reasons)].join(', ')}`}: ${cut(text, 220) || '—'}`);
  }
  console.log('');
}
