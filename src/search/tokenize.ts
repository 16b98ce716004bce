// Tokeniser shared by index and query: nodejieba words plus CJK character bigrams,
// with Latin and digit runs kept whole (jieba alone splits `2021` into 2,0,2,1).
// Input must already be normalised with normaliseForSearch (NFKC, lower case, simplified).
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { INDEX_STOP_WORDS, QUERY_STOP_WORDS } from './stopwords.ts';

/** Han runs, ASCII word runs (keeping `5g`, `2.5`, `c#`), and runs of other letters. */
const RUN_PATTERN = /(\p{Script=Han}+)|([a-z0-9]+(?:[.#][a-z0-9]+)*)|([\p{L}\p{N}]+)/gu;


/** Bump whenever analyse() or the stop words change what is indexed: saved snapshots become stale. */
export const TOKENIZER_VERSION = 2;

/** Splits Han text into words: jieba here, or jieba on the tokenizer thread (segmenter.ts). */
export type Segmenter = (text: string) => string[];

// jieba's keyword extractor loads a 6 MB IDF table and a stop-word list with the
// dictionary (20 MB of memory); we never extract keywords, so it gets one-line files.
const UNUSED_KEYWORD_TABLES = {
  idfDict: fileURLToPath(new URL('./jieba/no-idf.utf8', import.meta.url)),
  stopWordDict: fileURLToPath(new URL('./jieba/no-stop-words.utf8', import.meta.url)),
};
let jiebaLoaded = false;

/** jieba on this thread; loads its dictionary on first use. */
export const segmentHere: Segmenter = (text) => {
  if (!jiebaLoaded) {
    nodejieba.load(UNUSED_KEYWORD_TABLES);
    jiebaLoaded = true;
  }
  return nodejieba.cut(text);
};
let segmentWords: Segmenter = segmentHere;

/** Routes word segmentation elsewhere (null: back to jieba on this thread). */
export function useSegmenter(segmenter: Segmenter | null): void {
  segmentWords = segmenter ?? segmentHere;
}

/** cppjieba always cuts at a newline and returns it as a word of its own. */
const RUN_SEPARATOR = '\n';

/** The runs cutRuns() sends to jieba (two characters or more), and them joined as one text. */
function batchOf(runs: readonly string[]): { batched: number[]; joined: string } {
  const batched: number[] = [];
  runs.forEach((run, i) => {
    if (run.length > 1) batched.push(i);
  });
  return { batched, joined: batched.map((i) => runs[i]!).join(RUN_SEPARATOR) };
}

/**
 * jieba's words for each Han run, from one call: the runs are joined by newlines, which
 * jieba always cuts at, so each run is segmented exactly as on its own. One call per text
 * instead of one per run made segmenting a third cheaper, and one round trip per query
 * when jieba runs on another thread.
 * `words`: jieba's words for the batch when they were segmented elsewhere (the tokenizer
 * thread, see segmentForIndex); otherwise they are segmented now.
 */
export function cutRuns(runs: readonly string[], words?: readonly string[]): string[][] {
  const out: string[][] = runs.map((run) => (run.length === 1 ? [run] : []));
  const { batched, joined } = batchOf(runs);
  if (batched.length === 0) return out;
  words ??= segmentWords(joined);
  let w = 0;
  for (const i of batched) {
    const run = runs[i]!;
    const list = out[i]!;
    for (let pos = 0; pos < run.length; ) {
      const word = words[w++];
      if (word === undefined || !run.startsWith(word, pos)) {
        throw new Error(`jieba returned "${word}", not the next piece of "${run.slice(0, 40)}"`);
      }
      list.push(word);
      pos += word.length;
    }
    if (w < words.length && words[w++] !== RUN_SEPARATOR) throw new Error('jieba did not cut where Han runs were joined');
  }
  return out;
}

export interface Term {
  /** Normalised surface form, e.g. `肖亚庆`, `5g`. */
  text: string;
  kind: 'word' | 'bigram' | 'latin';
  /**
   * A bigram across the boundary of two words of two or more characters (`据交` in
   * 数据/交易): it helps matching, but marking it would cut through words (`数据交互`).
   */
  joinsWords?: true;
}

/** Characters of a run of words, each with the word it came from. */
interface Segment {
  chars: string[];
  word: number[];
  wordLength: number[];
  twoCharWordStarts: Set<number>;
}

const emptySegment = (): Segment => ({ chars: [], word: [], wordLength: [], twoCharWordStarts: new Set() });

/** Bigrams of a run of characters, except those that are a two-character word already. */
function bigramsOf({ chars, word, wordLength, twoCharWordStarts }: Segment, out: Term[]): void {
  for (let i = 0; i + 1 < chars.length; i++) {
    if (twoCharWordStarts.has(i)) continue;
    const term: Term = { text: chars[i]! + chars[i + 1]!, kind: 'bigram' };
    if (word[i] !== word[i + 1] && wordLength[i]! > 1 && wordLength[i + 1]! > 1) term.joinsWords = true;
    out.push(term);
  }
}

/**
 * Splits normalised text into terms. `stopWords` removes words, and bigrams never
 * span a removed word, so a query's bigrams are a subset of the index's.
 */
export function analyse(normalised: string, stopWords: ReadonlySet<string>): Term[] {
  const terms: Term[] = [];
  const runs = [...normalised.matchAll(RUN_PATTERN)];
  const cut = cutRuns(runs.map(([, han]) => han ?? ''));
  for (const [r, [, han, ascii, other]] of runs.entries()) {
    if (han !== undefined) {
      const words = cut[r]!;
      let segment = emptySegment();
      const flush = () => {
        bigramsOf(segment, terms);
        segment = emptySegment();
      };
      words.forEach((word, w) => {
        if (stopWords.has(word)) {
          flush();
          return;
        }
        terms.push({ text: word, kind: 'word' });
        const chars = [...word];
        if (chars.length === 2) segment.twoCharWordStarts.add(segment.chars.length);
        for (const ch of chars) {
          segment.chars.push(ch);
          segment.word.push(w);
          segment.wordLength.push(chars.length);
        }
      });
      flush();
    } else {
      const word = (ascii ?? other)!;
      if (!stopWords.has(word)) terms.push({ text: word, kind: 'latin' });
    }
  }
  return terms;
}

export function indexTerms(normalised: string): string[] {
  return analyse(normalised, INDEX_STOP_WORDS).map((t) => t.text);
}

/** Distinct terms in first-seen order, with how often each occurs. */
export interface TermCounts {
  terms: string[];
  counts: number[];
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Counts terms as they are produced, keeping first-seen order. */
export class TermCounter {
  private readonly at = new Map<string, number>();
  readonly terms: string[] = [];
  readonly counts: number[] = [];

  add(term: string): void {
    const i = this.at.get(term);
    if (i === undefined) {
      this.at.set(term, this.terms.length);
      this.terms.push(term);
      this.counts.push(1);
    } else this.counts[i]! += 1;
  }
}

/** Distinct terms in first-seen order with their counts: the index's unit of work. */
export function countTerms(terms: Iterable<string>): TermCounts {
  const counter = new TermCounter();
  for (const term of terms) counter.add(term);
  return { terms: counter.terms, counts: counter.counts };
}

/** Bigrams of han[from, to) in order, except those where a two-character word starts. */
function addBigrams(counter: TermCounter, han: string, from: number, to: number, twoCharStarts: number[]): void {
  let k = 0;
  for (let i = from; i + 1 < to; i++) {
    while (k < twoCharStarts.length && twoCharStarts[k]! < i) k++;
    if (twoCharStarts[k] === i) continue;
    counter.add(han.slice(i, i + 2));
  }
}

/** One Han run, given jieba's words for it. */
function addHanRun(counter: TermCounter, han: string, words: readonly string[]): void {
  const twoCharStarts: number[] = [];
  let segmentStart = 0;
  let pos = 0;
  for (const word of words) {
    if (INDEX_STOP_WORDS.has(word)) {
      addBigrams(counter, han, segmentStart, pos, twoCharStarts);
      twoCharStarts.length = 0;
      pos += word.length;
      segmentStart = pos;
      continue;
    }
    counter.add(word);
    if (word.length === 2) twoCharStarts.push(pos);
    pos += word.length;
  }
  addBigrams(counter, han, segmentStart, pos, twoCharStarts);
}

/**
 * The index's hot path: the same terms as indexTerms(), in the same order, counted as they
 * are produced. Terms are string slices, not Term objects and character arrays, which made
 * tokenising cost twice what jieba alone costs. `words`: jieba's words for the text, from
 * segmentForIndex(normalised) run elsewhere.
 */
export function indexTermCounts(normalised: string, words?: readonly string[]): TermCounts {
  const counter = new TermCounter();
  const runs = [...normalised.matchAll(RUN_PATTERN)];
  const cut = cutRuns(hanRunsForIndex(runs), words);
  for (const [r, [, han, ascii, other]] of runs.entries()) {
    if (han === undefined) {
      const word = (ascii ?? other)!;
      if (!INDEX_STOP_WORDS.has(word)) counter.add(word);
    } else if (SURROGATE.test(han)) {
      // Characters outside the BMP take two code units: the general path counts them right.
      for (const t of analyse(han, INDEX_STOP_WORDS)) counter.add(t.text);
    } else addHanRun(counter, han, cut[r]!);
  }
  return { terms: counter.terms, counts: counter.counts };
}

/** The Han runs indexTermCounts() has jieba segment ('' in place of every other run). */
function hanRunsForIndex(runs: readonly RegExpExecArray[]): string[] {
  return runs.map(([, han]) => (han !== undefined && !SURROGATE.test(han) ? han : ''));
}

/**
 * The jieba half of indexTermCounts(normalised) alone; indexTermCounts(normalised, words)
 * does the rest, elsewhere. The tokenizer thread splits the work so when it falls behind.
 */
export function segmentForIndex(normalised: string): string[] {
  const { batched, joined } = batchOf(hanRunsForIndex([...normalised.matchAll(RUN_PATTERN)]));
  return batched.length === 0 ? [] : segmentWords(joined);
}

/** The runs of normalised text the tokenizer sees: Han, or one whole Latin, digit or other-letter word. */
export function runsOf(normalised: string): { text: string; han: boolean }[] {
  return [...normalised.matchAll(RUN_PATTERN)].map(([whole, han]) => ({ text: whole, han: han !== undefined }));
}

/**
 * Terms of a fragment that every indexed text holding it also holds: for Han, its bigrams
 * that touch no stop character (only a stop word breaks the index's bigrams), or its single
 * character when that is all (held only where jieba cut it alone); whole Latin and digit
 * words. No jieba, which cuts a fragment differently from the text around it.
 */
export function fragmentTerms(normalised: string): string[] {
  const terms: string[] = [];
  for (const run of runsOf(normalised)) {
    if (!run.han) {
      if (!INDEX_STOP_WORDS.has(run.text)) terms.push(run.text);
      continue;
    }
    const chars = [...run.text];
    if (chars.length === 1 && !INDEX_STOP_WORDS.has(chars[0]!)) terms.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) {
      if (INDEX_STOP_WORDS.has(chars[i]!) || INDEX_STOP_WORDS.has(chars[i + 1]!)) continue;
      terms.push(chars[i]! + chars[i + 1]!);
    }
  }
  return terms;
}

/**
 * What someone is typing, as index terms: jieba's words, each as its own bigrams (a single
 * character stays whole), and whole Latin words, stop words dropped. A word's bigrams are
 * index terms of every text holding the word, however jieba cut that text, so words typed
 * in any order, with or without spaces, find it. One jieba call (see segmenter.ts).
 */
export function typedTerms(normalised: string): string[] {
  const runs = runsOf(normalised);
  const cut = cutRuns(runs.map((r) => (r.han ? r.text : '')));
  const terms: string[] = [];
  runs.forEach((run, r) => {
    if (!run.han) {
      if (!INDEX_STOP_WORDS.has(run.text)) terms.push(run.text);
      return;
    }
    for (const word of cut[r]!) if (!INDEX_STOP_WORDS.has(word)) terms.push(...fragmentTerms(word));
  });
  return terms;
}

export function queryTerms(normalised: string): Term[] {
  const seen = new Set<string>();
  return analyse(normalised, QUERY_STOP_WORDS).filter((t) => !seen.has(t.text) && seen.add(t.text));
}

/** Loads jieba's dictionary now rather than on the first query. */
export function warmTokenizer(): void {
  segmentWords('预热');
}

