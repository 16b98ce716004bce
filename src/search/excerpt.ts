// Query-focused excerpt: the sentence that best answers the query, widened with its
// neighbours up to the budget, matched terms returned as highlight spans.
import type { ParagraphKind } from '../corpus/article.ts';
import { findTermSpans, holdsAnyTerm, MarkedTextBuilder, unmarked, type MarkedText, type Span } from './highlight.ts';
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
 * What scoring needs of a query's terms, whatever the article: worked out once per query,
 * not once per hit (a paste has up to 48 terms, MAX_QUERY_TERMS, and its phrases' anchors).
 */
interface TermTable {
  texts: string[];
  /** For each term, the longer terms holding it (`罗` in `罗保铭`). */
  containedIn: number[][];
  /** The terms by their first UTF-16 unit. */
  byFirstUnit: Map<number, number[]>;
  /** 1 at each UTF-16 unit some term starts with: most characters of an article start none. */
  starts: Uint8Array;
}

const termTables = new WeakMap<readonly WeightedTerm[], TermTable>();

function termTableOf(terms: readonly WeightedTerm[]): TermTable {
  let table = termTables.get(terms);
  if (table) return table;
  const texts = terms.map((t) => t.text);
  const byFirstUnit = new Map<number, number[]>();
  const starts = new Uint8Array(0x10000);
  texts.forEach((text, k) => {
    if (text === '') return;
    const unit = text.charCodeAt(0);
    starts[unit] = 1;
    const list = byFirstUnit.get(unit);
    if (list) list.push(k);
    else byFirstUnit.set(unit, [k]);
  });
  const containedIn = texts.map((t) => texts.flatMap((u, j) => (u.length > t.length && u.includes(t) ? [j] : [])));
  table = { texts, containedIn, byFirstUnit, starts };
  termTables.set(terms, table);
  return table;
}

/**
 * For each term, the sentences whose normalised text holds it, in order: one pass over the
 * text, checking only where some term starts, instead of a search per term and sentence.
 */
function sentencesHolding(normalised: readonly string[], { texts, byFirstUnit, starts }: TermTable): number[][] {
  const holding = texts.map((text) => (text === '' ? normalised.map((_, i) => i) : []));
  normalised.forEach((sentence, i) => {
    for (let at = 0; at < sentence.length; at++) {
      const unit = sentence.charCodeAt(at);
      if (starts[unit] === 0) continue;
      for (const k of byFirstUnit.get(unit)!) {
        const list = holding[k]!;
        if (list[list.length - 1] !== i && sentence.startsWith(texts[k]!, at)) list.push(i);
      }
    }
  });
  return holding;
}

/**
 * Scores each sentence by the query terms it holds. A term found in every sentence (the
 * article's subject, usually) says little about where the answer is, so each term's
 * weight is scaled by how rare it is among this article's sentences. A term inside a
 * longer matched term (`罗`, `罗保` inside `罗保铭`) is not counted again.
 */
export function scoreSentences(normalised: readonly string[], terms: readonly WeightedTerm[]): number[] {
  return scoreWithTable(normalised, termTableOf(terms), terms);
}

/** scoreSentences, with the table of the query's terms and the weights for this article. */
function scoreWithTable(normalised: readonly string[], table: TermTable, terms: readonly WeightedTerm[]): number[] {
  const count = normalised.length;
  const holding = sentencesHolding(normalised, table);
  // Which sentences hold each term, as bits, for the contained-term check.
  const words = (count + 31) >>> 5;
  const bits = new Uint32Array(words * holding.length);
  holding.forEach((list, k) => {
    for (const i of list) bits[k * words + (i >>> 5)]! |= 1 << (i & 31);
  });
  const holds = (k: number, i: number) => (bits[k * words + (i >>> 5)]! & (1 << (i & 31))) !== 0;
  const scores = new Array<number>(count).fill(0);
  // Term by term in query order, so each sentence's sum is added up in the same order as ever.
  holding.forEach((list, k) => {
    if (list.length === 0) return;
    const local = Math.log(1 + count / list.length);
    const longer = table.containedIn[k]!;
    for (const i of list) {
      if (longer.some((j) => holds(j, i))) continue;
      scores[i] = scores[i]! + terms[k]!.weight * local;
    }
  });
  return scores;
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
 * Terms to mark in the excerpt's sentences (their display text, and the same normalised
 * where known). Single Han characters match almost anywhere: they are marked only when no
 * longer query term occurs in the excerpt at all.
 */
function termsToMark(texts: readonly string[], normalised: readonly (string | undefined)[], terms: readonly WeightedTerm[]): string[] {
  const markable = terms.filter((t) => t.mark !== false);
  const long = markable.filter((t) => [...t.text].length > 1 || /^[a-z0-9]/.test(t.text)).map((t) => t.text);
  return texts.some((text, k) => holdsAnyTerm(text, long, normalised[k])) ? long : markable.map((t) => t.text);
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

/**
 * Joins chosen sentences; a gap between them, and text before or after, shows as `…`.
 * `normalised`: each sentence's normalised text, which matching reuses.
 */
function renderFragments(sentences: Sentence[], normalised: readonly string[], chosen: number[], terms: readonly WeightedTerm[]): MarkedText {
  const marked = termsToMark(
    chosen.map((i) => sentences[i]!.text),
    chosen.map((i) => normalised[i]!),
    terms,
  );
  const out = new MarkedTextBuilder().plain(chosen[0]! > 0 ? ELLIPSIS : '');
  chosen.forEach((i, k) => {
    const previous = chosen[k - 1];
    if (previous !== undefined) {
      const separate = sentences[i]!.paragraph !== sentences[previous]!.paragraph || sentences[i]!.kind === 'code';
      out.plain(previous === i - 1 ? (separate ? ' ' : '') : ELLIPSIS);
    }
    const sentence = sentences[i]!;
    if (sentence.kind === 'code') out.codeRun(sentence.text);
    else out.highlighted(sentence.text, findTermSpans(sentence.text, marked, normalised[i]));
  });
  return out.plain(chosen[chosen.length - 1]! < sentences.length - 1 ? ELLIPSIS : '').build();
}

/** One sentence, cut around its matches when it is longer than the budget. */
function renderLongSentence(sentences: Sentence[], normalised: readonly string[], index: number, terms: readonly WeightedTerm[], budget: number): MarkedText {
  const text = sentences[index]!.text;
  const textNormalised = normalised[index]!;
  const cut = cutAroundSpans(
    text,
    findTermSpans(
      text,
      terms.map((t) => t.text),
      textNormalised,
    ),
    budget,
  );
  const leading = index > 0 || cut.start > 0 ? ELLIPSIS : '';
  const trailing = index < sentences.length - 1 || cut.end < text.length ? ELLIPSIS : '';
  const body = text.slice(cut.start, cut.end);
  // Unit for unit, the body's normalised text is the same cut of the sentence's.
  const bodyNormalised = textNormalised.length === text.length ? textNormalised.slice(cut.start, cut.end) : undefined;
  const out = new MarkedTextBuilder().plain(leading);
  if (sentences[index]!.kind === 'code') out.codeRun(body);
  else out.highlighted(body, findTermSpans(body, termsToMark([body], [bodyNormalised], terms), bodyNormalised));
  return out.plain(trailing).build();
}

export interface ExcerptOptions {
  /** The title after search normalisation: its terms are the topic. */
  titleKey?: string | null;
  maxChars?: number;
  kinds?: readonly ParagraphKind[];
  /** Which paragraphs have nothing to simplify (see sentencesOf). */
  folding?: readonly boolean[];
  /** sentencesOf, or a memo of it shared with the rest of the search (memoSentences). */
  split?: typeof sentencesOf;
}

/**
 * Builds the excerpt. `terms` are the query's normalised terms with their weights: pass the
 * same array for every hit of a query, and what scoring needs of them is worked out once.
 * Its text, ellipses included, is at most `maxChars` long.
 */
export function buildExcerpt(paragraphs: readonly string[], terms: readonly WeightedTerm[], options: ExcerptOptions = {}): MarkedText {
  const { titleKey = null, maxChars = EXCERPT_MAX_CHARS, kinds = [], folding = [], split = sentencesOf } = options;
  const { sentences, normalised } = split(paragraphs, kinds, folding);
  if (sentences.length === 0) return unmarked('');
  const scores = scoreWithTable(normalised, termTableOf(terms), focusOn(terms, titleKey)).map((score, i) =>
    LABEL_KINDS.has(sentences[i]!.kind) ? score * LABEL_WEIGHT : score,
  );
  for (let budget = maxChars - 2; budget > 20; budget -= 10) {
    const chosen = chooseSentences(sentences, scores, budget);
    const excerpt =
      chosen.length === 1 ? renderLongSentence(sentences, normalised, chosen[0]!, terms, budget) : renderFragments(sentences, normalised, chosen, terms);
    if (excerpt.text.length <= maxChars) return excerpt;
  }
  return unmarked([...sentences[0]!.text].slice(0, maxChars / 2).join('') + ELLIPSIS);
}
