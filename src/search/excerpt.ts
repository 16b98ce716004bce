// Query-focused excerpt: the sentence that best answers the query, widened with its
// neighbours up to the budget, matched terms marked `**…**`.
import { normaliseForSearch } from '../corpus/normalise.ts';
import { findTermSpans, markSpans, type Span } from './highlight.ts';
import { splitSentences, type Sentence } from './sentences.ts';

export const EXCERPT_MAX_CHARS = 300;
const ELLIPSIS = '…';

export interface WeightedTerm {
  /** Normalised, unencoded. */
  text: string;
  weight: number;
}

function sentenceScore(normalised: string, terms: readonly WeightedTerm[]): number {
  let score = 0;
  for (const t of terms) if (normalised.includes(t.text)) score += t.weight;
  return score;
}

/** Picks consecutive sentences around the best one, within `budget` characters. */
function chooseWindow(sentences: Sentence[], scores: number[], budget: number): { from: number; to: number } {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  let from = best;
  let to = best;
  let length = sentences[best]!.text.length;
  for (;;) {
    const prev = from > 0 ? sentences[from - 1]! : null;
    const next = to + 1 < sentences.length ? sentences[to + 1]! : null;
    const canPrev = prev !== null && length + prev.text.length <= budget;
    const canNext = next !== null && length + next.text.length <= budget;
    if (!canPrev && !canNext) break;
    // Prefer the neighbour that matches more of the query; on a tie, read on forward.
    const takePrev = canPrev && (!canNext || scores[from - 1]! > scores[to + 1]!);
    if (takePrev) length += sentences[--from]!.text.length;
    else length += sentences[++to]!.text.length;
  }
  return { from, to };
}

/** Cuts `text` to at most `budget` code units around its first dense run of spans. */
function cutAroundSpans(text: string, spans: Span[], budget: number): { start: number; end: number } {
  if (text.length <= budget) return { start: 0, end: text.length };
  // Slide a window over span starts and keep the one covering the most marked text.
  let bestStart = 0;
  let bestCover = -1;
  for (const anchor of spans) {
    const start = Math.max(0, Math.min(anchor.start - 20, text.length - budget));
    const end = start + budget;
    let cover = 0;
    for (const s of spans) if (s.start >= start && s.end <= end) cover += s.end - s.start;
    if (cover > bestCover) {
      bestCover = cover;
      bestStart = start;
    }
  }
  let start = bestStart;
  let end = Math.min(text.length, start + budget);
  // Never split a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start]!)) start++;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!)) end--;
  return { start, end };
}

/**
 * Builds the excerpt. `terms` are the query's normalised terms with their weights.
 * The result, markup and ellipses included, is at most `maxChars` long.
 */
export function buildExcerpt(paragraphs: readonly string[], terms: readonly WeightedTerm[], maxChars = EXCERPT_MAX_CHARS): string {
  const sentences = splitSentences(paragraphs);
  if (sentences.length === 0) return '';
  const scores = sentences.map((s) => sentenceScore(normaliseForSearch(s.text), terms));
  const highlightTerms = terms.map((t) => t.text);
  for (let budget = maxChars - 2; budget > 20; budget -= 20) {
    const { from, to } = chooseWindow(sentences, scores, budget);
    let text = '';
    for (let i = from; i <= to; i++) {
      const s = sentences[i]!;
      if (i > from && s.paragraph !== sentences[i - 1]!.paragraph) text += ' ';
      text += s.text;
    }
    let spans = findTermSpans(text, highlightTerms);
    const cut = cutAroundSpans(text, spans, budget);
    const leading = from > 0 || cut.start > 0 ? ELLIPSIS : '';
    const trailing = to < sentences.length - 1 || cut.end < text.length ? ELLIPSIS : '';
    const body = text.slice(cut.start, cut.end);
    spans = spans
      .filter((s) => s.end > cut.start && s.start < cut.end)
      .map((s) => ({ start: Math.max(0, s.start - cut.start), end: Math.min(body.length, s.end - cut.start) }));
    const excerpt = leading + markSpans(body, spans) + trailing;
    if (excerpt.length <= maxChars) return excerpt;
  }
  return sentences[0]!.text.slice(0, maxChars - 1) + ELLIPSIS;
}
