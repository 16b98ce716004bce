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

/**
 * Scores each sentence by the query terms it holds. A term found in every sentence (the
 * article's subject, usually) says little about where the answer is, so each term's
 * weight is scaled by how rare it is among this article's sentences.
 */
export function scoreSentences(sentences: readonly Sentence[], terms: readonly WeightedTerm[]): number[] {
  const normalised = sentences.map((s) => normaliseForSearch(s.text));
  const present = terms.map((t) => normalised.map((n) => n.includes(t.text)));
  const local = present.map((rows) => {
    const count = rows.filter(Boolean).length;
    return count === 0 ? 0 : Math.log(1 + sentences.length / count);
  });
  return normalised.map((_, i) => terms.reduce((sum, t, k) => sum + (present[k]![i] ? t.weight * local[k]! : 0), 0));
}

/** Share of weight kept by query terms that are in the title. */
const TOPIC_TERM_WEIGHT = 0.3;

/**
 * A question names its topic (the article's subject, in the title) and its focus (what is
 * asked about). The answer sits near the focus terms, often with the topic left implicit.
 */
function focusOn(terms: readonly WeightedTerm[], title: string | null): WeightedTerm[] {
  if (!title) return [...terms];
  const topic = normaliseForSearch(title);
  return terms.map((t) => (topic.includes(t.text) ? { ...t, weight: t.weight * TOPIC_TERM_WEIGHT } : t));
}

/** Single Han characters match almost anywhere: mark them only when nothing longer matched. */
function termsToMark(terms: readonly WeightedTerm[]): string[] {
  const long = terms.filter((t) => [...t.text].length > 1 || /^[a-z0-9]/.test(t.text)).map((t) => t.text);
  return long.length > 0 ? long : terms.map((t) => t.text);
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
export function buildExcerpt(
  paragraphs: readonly string[],
  terms: readonly WeightedTerm[],
  title: string | null = null,
  maxChars = EXCERPT_MAX_CHARS,
): string {
  const sentences = splitSentences(paragraphs);
  if (sentences.length === 0) return '';
  const scores = scoreSentences(sentences, focusOn(terms, title));
  const highlightTerms = termsToMark(terms);
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
