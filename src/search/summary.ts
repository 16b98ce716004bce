// Extractive summary: rank sentences by how much of the article's vocabulary they carry,
// with a lead bias (news puts the gist first), and keep up to three in article order.
import { normaliseForSearch } from '../corpus/normalise.ts';
import { analyse } from './tokenize.ts';
import { QUERY_STOP_WORDS } from './stopwords.ts';
import { splitSentences } from './sentences.ts';

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

export function summarise(paragraphs: readonly string[], title: string | null): string[] {
  const sentences = splitSentences(paragraphs).filter(
    (s) => [...s.text].length >= MIN_SENTENCE_CHARS && !/[:：]$/.test(s.text),
  );
  if (sentences.length === 0) return [];
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
