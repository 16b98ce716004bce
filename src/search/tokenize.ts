// Tokeniser shared by index and query: nodejieba words plus CJK character bigrams,
// with Latin and digit runs kept whole (jieba alone splits `2021` into 2,0,2,1).
// Input must already be normalised with normaliseForSearch (NFKC, lower case, simplified).
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { INDEX_STOP_WORDS, QUERY_STOP_WORDS } from './stopwords.ts';

/**
 * The runs the tokeniser sees, as the first of these that matches where a run starts:
 * `\p{Script=Han}+`, then ASCII words `[a-z0-9]+(?:[.#][a-z0-9]+)*` (keeping `5g`, `2.5`,
 * `c#`), then `[\p{L}\p{N}]+`; anything else separates runs. Scanned by hand (scanRuns):
 * matchAll made an array per run, a tenth of what a build allocates.
 */
const HAN = 1;
const LETTER_OR_NUMBER = 2;
const ASCII_WORD = 4;
const HAN_CHAR = /^\p{Script=Han}$/u;
const LETTER_OR_NUMBER_CHAR = /^[\p{L}\p{N}]$/u;
const ASCII_WORD_CHAR = /^[a-z0-9]$/;

function classOf(c: string): number {
  return (HAN_CHAR.test(c) ? HAN : 0) | (LETTER_OR_NUMBER_CHAR.test(c) ? LETTER_OR_NUMBER : 0) | (ASCII_WORD_CHAR.test(c) ? ASCII_WORD : 0);
}

/** classOf each UTF-16 unit outside the surrogates, built on first use (~20 ms). */
let unitClasses: Uint8Array | null = null;
/** classOf characters outside the BMP, as they are met. */
const astralClasses = new Map<number, number>();

function buildUnitClasses(): Uint8Array {
  const classes = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) if (unit < 0xd800 || unit > 0xdfff) classes[unit] = classOf(String.fromCharCode(unit));
  return classes;
}

/** The text's runs in order, and which are Han runs. */
export interface Runs {
  texts: string[];
  han: boolean[];
}

export function scanRuns(normalised: string): Runs {
  const classes = (unitClasses ??= buildUnitClasses());
  const texts: string[] = [];
  const han: boolean[] = [];
  const length = normalised.length;
  // The class of the character at i, and how many units it takes (0 at the end).
  let width = 0;
  const classAt = (i: number): number => {
    width = 0;
    if (i >= length) return 0;
    const unit = normalised.charCodeAt(i);
    width = 1;
    if (unit < 0xd800 || unit > 0xdbff) return classes[unit]!;
    const next = i + 1 < length ? normalised.charCodeAt(i + 1) : 0;
    if (next < 0xdc00 || next > 0xdfff) return 0; // a lone surrogate separates
    width = 2;
    const codePoint = (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
    let found = astralClasses.get(codePoint);
    if (found === undefined) astralClasses.set(codePoint, (found = classOf(String.fromCodePoint(codePoint))));
    return found;
  };
  for (let i = 0; i < length;) {
    const first = classAt(i);
    const start = i;
    i += width;
    if (first & HAN) {
      while (classAt(i) & HAN) i += width;
    } else if (first & ASCII_WORD) {
      for (;;) {
        while (i < length && classes[normalised.charCodeAt(i)]! & ASCII_WORD) i++;
        const separator = normalised.charCodeAt(i);
        // `.` or `#` continues the word only when a letter or digit follows.
        if ((separator === 0x2e || separator === 0x23) && i + 1 < length && classes[normalised.charCodeAt(i + 1)]! & ASCII_WORD) i++;
        else break;
      }
    } else if (first & LETTER_OR_NUMBER) {
      while (classAt(i) & LETTER_OR_NUMBER) i += width;
    } else continue;
    texts.push(normalised.slice(start, i));
    han.push((first & HAN) !== 0);
  }
  return { texts, han };
}

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
 * `wordLengths`: the lengths of jieba's words for the batch, newlines included, when it was
 * segmented elsewhere (the tokenizer thread, see wordLengthsForIndex): the words are cut
 * from the runs here. Lengths cross between threads in one transfer; the words themselves
 * were a string to join there and split here, 6 % of the main thread's profile in a build.
 */
export function cutRuns(runs: readonly string[], wordLengths?: ArrayLike<number>): string[][] {
  const out: string[][] = runs.map((run) => (run.length === 1 ? [run] : []));
  const { batched, joined } = batchOf(runs);
  if (batched.length === 0) return out;
  if (wordLengths) {
    cutByLengths(runs, batched, wordLengths, out);
    return out;
  }
  const words = segmentWords(joined);
  let w = 0;
  for (const i of batched) {
    const run = runs[i]!;
    const list = out[i]!;
    for (let pos = 0; pos < run.length;) {
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

/** cutRuns() with the words' lengths given: each word is the next piece of its run. */
function cutByLengths(runs: readonly string[], batched: readonly number[], wordLengths: ArrayLike<number>, out: string[][]): void {
  let w = 0;
  batched.forEach((i, b) => {
    if (b > 0 && wordLengths[w++] !== RUN_SEPARATOR.length) throw new Error('word lengths do not fit where Han runs were joined');
    const run = runs[i]!;
    const list = out[i]!;
    for (let pos = 0; pos < run.length;) {
      const length = w < wordLengths.length ? wordLengths[w++]! : 0;
      if (length <= 0 || pos + length > run.length) throw new Error(`word lengths do not fit "${run.slice(0, 40)}"`);
      list.push(length === run.length ? run : run.slice(pos, pos + length));
      pos += length;
    }
  });
  if (w !== wordLengths.length) throw new Error('more word lengths than the runs hold');
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

/** Receives each term as it is produced; `joinsWords` is worked out only when `wantsJoins`. */
interface TermSink {
  readonly wantsJoins: boolean;
  add(text: string, kind: Term['kind'], joinsWords: boolean): void;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * One Han run, given jieba's words for it: each word that is not a stop word, then, for
 * each stretch between stop words, its bigrams (so bigrams never span a removed word)
 * except those that are a two-character word already. Positions count characters;
 * terms are slices of the run, not arrays of characters, which kept tokenising close to
 * what jieba alone costs.
 */
function addHanRun(han: string, words: readonly string[], stopWords: ReadonlySet<string>, sink: TermSink): void {
  // Characters outside the BMP take two code units: only then are code points counted.
  const chars = SURROGATE.test(han) ? [...han] : null;
  const starts: number[] = [];
  const lengths: number[] = [];
  let stretchStart = 0;
  let pos = 0;
  for (const word of words) {
    const length = chars ? [...word].length : word.length;
    if (stopWords.has(word)) {
      addBigrams(chars ?? han, stretchStart, pos, starts, lengths, sink);
      starts.length = 0;
      lengths.length = 0;
      pos += length;
      stretchStart = pos;
      continue;
    }
    sink.add(word, 'word', false);
    starts.push(pos);
    lengths.push(length);
    pos += length;
  }
  addBigrams(chars ?? han, stretchStart, pos, starts, lengths, sink);
}

/**
 * Bigrams of characters [from, to), whose words start at `starts` with `lengths`. A bigram
 * across two words of two or more characters (`据交` in 数据/交易) joins words.
 */
function addBigrams(han: string | readonly string[], from: number, to: number, starts: readonly number[], lengths: readonly number[], sink: TermSink): void {
  let w = 0; // the word holding character i
  for (let i = from; i + 1 < to; i++) {
    while (w + 1 < starts.length && starts[w + 1]! <= i) w++;
    if (starts[w] === i && lengths[w] === 2) continue;
    const text = typeof han === 'string' ? han.slice(i, i + 2) : han[i]! + han[i + 1]!;
    const joins = sink.wantsJoins && starts[w + 1] === i + 1 && lengths[w]! > 1 && lengths[w + 1]! > 1;
    sink.add(text, 'bigram', joins);
  }
}

/**
 * The one analyser: splits normalised text into terms, in order. `stopWords` removes
 * words, and bigrams never span a removed word, so a query's bigrams are a subset of the
 * index's. `wordLengths`: the lengths of jieba's words for the text's Han runs, when they
 * were segmented elsewhere (see wordLengthsForIndex).
 */
function analyseInto(normalised: string, stopWords: ReadonlySet<string>, sink: TermSink, wordLengths?: ArrayLike<number>): void {
  const runs = scanRuns(normalised);
  const cut = cutRuns(hanRuns(runs), wordLengths);
  runs.texts.forEach((text, r) => {
    if (runs.han[r]) addHanRun(text, cut[r]!, stopWords, sink);
    else if (!stopWords.has(text)) sink.add(text, 'latin', false);
  });
}

/** The text's terms as Term objects (queries, summaries). */
export function analyse(normalised: string, stopWords: ReadonlySet<string>): Term[] {
  const terms: Term[] = [];
  analyseInto(normalised, stopWords, {
    wantsJoins: true,
    add: (text, kind, joinsWords) => terms.push(joinsWords ? { text, kind, joinsWords } : { text, kind }),
  });
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

/** Counts terms as they are produced, keeping first-seen order. */
export class TermCounter implements TermSink {
  readonly wantsJoins = false;
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

/**
 * The index's hot path: indexTerms() counted as they are produced, with no Term objects.
 * `wordLengths`: jieba's word lengths for the text, from wordLengthsForIndex(normalised) run elsewhere.
 */
export function indexTermCounts(normalised: string, wordLengths?: ArrayLike<number>): TermCounts {
  const counter = new TermCounter();
  analyseInto(normalised, INDEX_STOP_WORDS, counter, wordLengths);
  return { terms: counter.terms, counts: counter.counts };
}

/** The Han runs jieba segments ('' in place of every other run). */
function hanRuns({ texts, han }: Runs): string[] {
  return texts.map((text, r) => (han[r] ? text : ''));
}

/**
 * The jieba half of indexTermCounts(normalised) alone, as the lengths of the words;
 * indexTermCounts(normalised, wordLengths) does the rest, elsewhere. The tokenizer thread
 * splits the work so when it falls behind.
 */
export function wordLengthsForIndex(normalised: string): Int32Array<ArrayBuffer> {
  const { batched, joined } = batchOf(hanRuns(scanRuns(normalised)));
  if (batched.length === 0) return new Int32Array(0);
  const words = segmentWords(joined);
  const lengths = new Int32Array(words.length);
  for (let w = 0; w < words.length; w++) lengths[w] = words[w]!.length;
  return lengths;
}

/** The runs of normalised text the tokenizer sees: Han, or one whole Latin, digit or other-letter word. */
export function runsOf(normalised: string): { text: string; han: boolean }[] {
  const { texts, han } = scanRuns(normalised);
  return texts.map((text, r) => ({ text, han: han[r]! }));
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
