// Query-focused excerpt: the sentence that best answers the query, widened with its
// neighbours up to the budget, matched terms returned as highlight spans.
import type { ParagraphKind } from '../corpus/article.ts';
import { findTermSpans, MarkedTextBuilder, unmarked, type MarkedText, type Span } from './highlight.ts';
import { sentencesOf, type Sentence } from './sentences.ts';

export const EXCERPT_MAX_CHARS = 300;
const ELLIPSIS = '…';

export interface WeightedTerm {
  /** Normalised. */
  text: string;
  weight: number;
  /** False for terms that count towards the choice of sentences but are not marked. */
  mark?: boolean;
}

/**
 * Scores each sentence by the query terms it holds. A term found in every sentence (the
 * article's subject, usually) says little about where the answer is, so each term's
 * weight is scaled by how rare it is among this article's sentences. A term inside a
 * longer matched term (`罗`, `罗保` inside `罗保铭`) is not counted again.
 */
export function scoreSentences(sentences: readonly Sentence[], normalised: readonly string[], terms: readonly WeightedTerm[]): number[] {
  const present = terms.map((t) => normalised.map((n) => n.includes(t.text)));
  const local = present.map((rows) => {
    const count = rows.filter(Boolean).length;
    return count === 0 ? 0 : Math.log(1 + sentences.length / count);
  });
  const containedIn = terms.map((t) => terms.flatMap((u, j) => (u.text.length > t.text.length && u.text.includes(t.text) ? [j] : [])));
  return normalised.map((_, i) =>
    terms.reduce((sum, t, k) => {
      if (!present[k]![i] || containedIn[k]!.some((j) => present[j]![i])) return sum;
      return sum + t.weight * local[k]!;
    }, 0),
  );
}

/** Share of weight kept by query terms that are in the title. */
const TOPIC_TERM_WEIGHT = 0.3;

/**
 * A question names its topic (the article's subject, in the title) and its focus (what is
 * asked about). The answer sits near the focus terms, often with the topic left implicit.
 */
function focusOn(terms: readonly WeightedTerm[], topic: string | null): WeightedTerm[] {
  if (!topic) return [...terms];
  return terms.map((t) => (topic.includes(t.text) ? { ...t, weight: t.weight * TOPIC_TERM_WEIGHT } : t));
}

/**
 * Terms to mark in the excerpt text. Single Han characters match almost anywhere: they
 * are marked only when no longer query term occurs in the excerpt at all.
 */
function termsToMark(text: string, terms: readonly WeightedTerm[]): string[] {
  const markable = terms.filter((t) => t.mark !== false);
  const long = markable.filter((t) => [...t.text].length > 1 || /^[a-z0-9]/.test(t.text)).map((t) => t.text);
  return findTermSpans(text, long).length > 0 ? long : markable.map((t) => t.text);
}

/** Headings and captions name a topic; the sentences under them say something about it. */
const LABEL_KINDS = new Set<ParagraphKind>(['heading', 'caption']);
const LABEL_WEIGHT = 0.5;

/** Most fragments an excerpt is made of: more reads as a jumble. */
const MAX_FRAGMENTS = 2;

/**
 * Picks sentences within `budget` characters: the best one, then the next best if it
 * fits (a separate fragment when not adjacent), then neighbours to fill the budget.
 * Returns sentence indices in article order.
 */
function chooseSentences(sentences: Sentence[], scores: number[], budget: number): number[] {
  const byScore = sentences.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const chosen = new Set<number>([byScore[0]!]);
  let length = sentences[byScore[0]!]!.text.length;
  const fragments = () => [...chosen].sort((a, b) => a - b).filter((i, k, all) => k === 0 || all[k - 1] !== i - 1).length;
  for (const i of byScore.slice(1)) {
    if (scores[i]! <= 0 || fragments() >= MAX_FRAGMENTS) break;
    const cost = sentences[i]!.text.length + 1;
    if (length + cost <= budget) {
      chosen.add(i);
      length += cost;
      break;
    }
  }
  // Fill with following sentences first (answers tend to read on), then preceding ones.
  for (let grew = true; grew;) {
    grew = false;
    for (const i of [...chosen].sort((a, b) => a - b)) {
      for (const j of [i + 1, i - 1]) {
        if (j < 0 || j >= sentences.length || chosen.has(j)) continue;
        if (length + sentences[j]!.text.length > budget) continue;
        chosen.add(j);
        length += sentences[j]!.text.length;
        grew = true;
        break;
      }
    }
  }
  return [...chosen].sort((a, b) => a - b);
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

/** Joins chosen sentences; a gap between them, and text before or after, shows as `…`. */
function renderFragments(sentences: Sentence[], chosen: number[], terms: readonly WeightedTerm[]): MarkedText {
  const marked = termsToMark(chosen.map((i) => sentences[i]!.text).join(''), terms);
  const out = new MarkedTextBuilder().plain(chosen[0]! > 0 ? ELLIPSIS : '');
  chosen.forEach((i, k) => {
    const previous = chosen[k - 1];
    if (previous !== undefined) {
      const separate = sentences[i]!.paragraph !== sentences[previous]!.paragraph || sentences[i]!.kind === 'code';
      out.plain(previous === i - 1 ? (separate ? ' ' : '') : ELLIPSIS);
    }
    const sentence = sentences[i]!;
    if (sentence.kind === 'code') out.codeRun(sentence.text);
    else out.highlighted(sentence.text, findTermSpans(sentence.text, marked));
  });
  return out.plain(chosen[chosen.length - 1]! < sentences.length - 1 ? ELLIPSIS : '').build();
}

/** One sentence, cut around its matches when it is longer than the budget. */
function renderLongSentence(sentences: Sentence[], index: number, terms: readonly WeightedTerm[], budget: number): MarkedText {
  const text = sentences[index]!.text;
  const cut = cutAroundSpans(
    text,
    findTermSpans(
      text,
      terms.map((t) => t.text),
    ),
    budget,
  );
  const leading = index > 0 || cut.start > 0 ? ELLIPSIS : '';
  const trailing = index < sentences.length - 1 || cut.end < text.length ? ELLIPSIS : '';
  const body = text.slice(cut.start, cut.end);
  const out = new MarkedTextBuilder().plain(leading);
  if (sentences[index]!.kind === 'code') out.codeRun(body);
  else out.highlighted(body, findTermSpans(body, termsToMark(body, terms)));
  return out.plain(trailing).build();
}

/**
 * Builds the excerpt. `terms` are the query's normalised terms with their weights.
 * Its text, ellipses included, is at most `maxChars` long.
 */
export function buildExcerpt(
  paragraphs: readonly string[],
  terms: readonly WeightedTerm[],
  /** The title after search normalisation: its terms are the topic. */
  titleKey: string | null = null,
  maxChars = EXCERPT_MAX_CHARS,
  kinds: readonly ParagraphKind[] = [],
): MarkedText {
  const { sentences, normalised } = sentencesOf(paragraphs, kinds);
  if (sentences.length === 0) return unmarked('');
  const scores = scoreSentences(sentences, normalised, focusOn(terms, titleKey)).map((score, i) =>
    LABEL_KINDS.has(sentences[i]!.kind) ? score * LABEL_WEIGHT : score,
  );
  for (let budget = maxChars - 2; budget > 20; budget -= 10) {
    const chosen = chooseSentences(sentences, scores, budget);
    const excerpt = chosen.length === 1 ? renderLongSentence(sentences, chosen[0]!, terms, budget) : renderFragments(sentences, chosen, terms);
    if (excerpt.text.length <= maxChars) return excerpt;
  }
  return unmarked([...sentences[0]!.text].slice(0, maxChars / 2).join('') + ELLIPSIS);
}
