// Extractive summary: rank sentences by how much of the article's vocabulary they carry,
// with a lead bias (news puts the gist first), and keep up to three in article order.
import type { Article, ParagraphKind } from '../corpus/article.ts';
import { normaliseForSearch } from '../corpus/normalise.ts';
import { inlineCode } from './highlight.ts';
import { analyse } from './tokenize.ts';
import { QUERY_STOP_WORDS } from './stopwords.ts';
import { splitSentences, type Sentence } from './sentences.ts';
import type { ArticleShape } from './types.ts';

export const SUMMARY_MAX_SENTENCES = 3;
export const SUMMARY_TARGET_CHARS = 200;
const MIN_SENTENCE_CHARS = 8;

function contentWords(text: string): string[] {
  return analyse(normaliseForSearch(text), QUERY_STOP_WORDS)
    .filter((t) => t.kind !== 'bigram' && [...t.text].length >= 2)
    .map((t) => t.text);
}

function bigramSet(text: string): Set<string> {
  const chars = [...text];
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i]! + chars[i + 1]!);
  return set;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/** Sentences joined as one text; code lines (inline code) keep a space between them. */
export function joinSummary(sentences: readonly string[]): string {
  return sentences.reduce((out, s) => out + (out.endsWith('`') && s.startsWith('`') ? ' ' : '') + s, '');
}

/** Kinds a summary sentence may come from, best first: headings, captions and code are not sentences. */
const SUMMARY_KINDS: readonly (readonly ParagraphKind[])[] = [['text', 'quote'], ['list', 'table']];
/** Code lines a code-only article's summary shows. */
const SUMMARY_CODE_LINES = 3;

/** Code is more than this share of the article's characters: "mostly code". */
const MOSTLY_CODE = 0.5;

/** What kind of article this is, when it is not plain prose. */
export function articleShape({ paragraphs, kinds }: Pick<Article, 'paragraphs' | 'kinds'>): ArticleShape {
  if (paragraphs.length === 0) return 'headline-only';
  let code = 0;
  let all = 0;
  paragraphs.forEach((p, i) => {
    all += p.length;
    if (kinds[i] === 'code') code += p.length;
  });
  return code > all * MOSTLY_CODE ? 'mostly-code' : 'prose';
}

function summarySentences(paragraphs: readonly string[], kinds: readonly ParagraphKind[]): Sentence[] {
  const all = splitSentences(paragraphs, kinds);
  for (const allowed of SUMMARY_KINDS) {
    const sentences = all.filter((s) => allowed.includes(s.kind) && [...s.text].length >= MIN_SENTENCE_CHARS && !/[:：]$/.test(s.text));
    if (sentences.length > 0) return sentences;
  }
  return [];
}

/**
 * Up to three sentences in article order, from body text (lists when there is nothing else).
 * An article of nothing but code is summarised by its first lines, shown as code.
 */
export function summarise({ paragraphs, kinds, title }: Pick<Article, 'paragraphs' | 'kinds' | 'title'>): string[] {
  const sentences = summarySentences(paragraphs, kinds);
  if (sentences.length === 0) {
    const code = splitSentences(paragraphs, kinds).filter((s) => s.kind === 'code');
    return code.slice(0, SUMMARY_CODE_LINES).map((s) => inlineCode(s.text));
  }
  const words = sentences.map((s) => contentWords(s.text));
  const frequency = new Map<string, number>();
  for (const list of words) for (const w of new Set(list)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const titleWords = new Set(title ? contentWords(title) : []);

  const raw = sentences.map((s, i) => {
    const unique = new Set(words[i]);
    let weight = 0;
    for (const w of unique) weight += (frequency.get(w)! - 1) + (titleWords.has(w) ? 2 : 0);
    return weight / Math.sqrt(Math.max(4, unique.size));
  });
  const top = Math.max(...raw, 1e-9);
  const scored = sentences.map((s, i) => ({ s, score: raw[i]! / top + 0.6 / (1 + s.index) }));
  scored.sort((a, b) => b.score - a.score || a.s.index - b.s.index);

  const chosen: typeof scored = [];
  const chosenGrams: Set<string>[] = [];
  let chars = 0;
  for (const candidate of scored) {
    if (chosen.length >= SUMMARY_MAX_SENTENCES) break;
    const length = [...candidate.s.text].length;
    if (chosen.length > 0 && chars + length > SUMMARY_TARGET_CHARS) continue;
    const grams = bigramSet(candidate.s.text);
    if (chosenGrams.some((g) => overlap(g, grams) > 0.6)) continue;
    chosen.push(candidate);
    chosenGrams.push(grams);
    chars += length;
  }
  chosen.sort((a, b) => a.s.index - b.s.index);
  return chosen.map(({ s }) => {
    const cps = [...s.text];
    return cps.length > SUMMARY_TARGET_CHARS ? cps.slice(0, SUMMARY_TARGET_CHARS - 1).join('') + '…' : s.text;
  });
}
