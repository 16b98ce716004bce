// Tokeniser shared by index and query: nodejieba words plus CJK character bigrams,
// with Latin and digit runs kept whole (jieba alone splits `2021` into 2,0,2,1).
// Input must already be normalised with normaliseForSearch (NFKC, lower case, simplified).
import nodejieba from 'nodejieba';
import { INDEX_STOP_WORDS, QUERY_STOP_WORDS } from './stopwords.ts';

/** Han runs, ASCII word runs (keeping `5g`, `2.5`, `c#`), and runs of other letters. */
const RUN_PATTERN = /(\p{Script=Han}+)|([a-z0-9]+(?:[.#][a-z0-9]+)*)|([\p{L}\p{N}]+)/gu;

const HAN_CHAR = /\p{Script=Han}/u;

/** Bump whenever analyse() or the stop words change what is indexed: saved snapshots become stale. */
export const TOKENIZER_VERSION = 2;

export interface Term {
  /** Normalised surface form, e.g. `肖亚庆`, `5g`. */
  text: string;
  kind: 'word' | 'bigram' | 'latin';
}

/** Bigrams of a run of characters, except those that are a two-character word already. */
function bigramsOf(chars: string[], twoCharWordStarts: Set<number>, out: Term[]): void {
  for (let i = 0; i + 1 < chars.length; i++) {
    if (twoCharWordStarts.has(i)) continue;
    out.push({ text: chars[i]! + chars[i + 1]!, kind: 'bigram' });
  }
}

/**
 * Splits normalised text into terms. `stopWords` removes words, and bigrams never
 * span a removed word, so a query's bigrams are a subset of the index's.
 */
export function analyse(normalised: string, stopWords: ReadonlySet<string>): Term[] {
  const terms: Term[] = [];
  for (const match of normalised.matchAll(RUN_PATTERN)) {
    const [, han, ascii, other] = match;
    if (han !== undefined) {
      const words = han.length === 1 ? [han] : nodejieba.cut(han);
      let segment: string[] = [];
      let twoCharWordStarts = new Set<number>();
      const flush = () => {
        bigramsOf(segment, twoCharWordStarts, terms);
        segment = [];
        twoCharWordStarts = new Set();
      };
      for (const word of words) {
        if (stopWords.has(word)) {
          flush();
          continue;
        }
        terms.push({ text: word, kind: 'word' });
        const chars = [...word];
        if (chars.length === 2) twoCharWordStarts.add(segment.length);
        segment.push(...chars);
      }
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

/**
 * The index's hot path: the same terms as indexTerms(), in the same order, counted as they
 * are produced. Works on string offsets instead of Term objects and character arrays,
 * which made tokenising cost twice what jieba itself costs.
 */
export function indexTermCounts(normalised: string): TermCounts {
  const at = new Map<string, number>();
  const terms: string[] = [];
  const counts: number[] = [];
  const add = (term: string) => {
    const i = at.get(term);
    if (i === undefined) {
      at.set(term, terms.length);
      terms.push(term);
      counts.push(1);
    } else counts[i]! += 1;
  };
  const twoCharStarts: number[] = [];
  for (const match of normalised.matchAll(RUN_PATTERN)) {
    const [, han, ascii, other] = match;
    if (han === undefined) {
      const word = (ascii ?? other)!;
      if (!INDEX_STOP_WORDS.has(word)) add(word);
      continue;
    }
    if (SURROGATE.test(han)) {
      // Characters outside the BMP take two code units: the general path counts them right.
      for (const t of analyse(han, INDEX_STOP_WORDS)) add(t.text);
      continue;
    }
    const words = han.length === 1 ? [han] : nodejieba.cut(han);
    let segmentStart = 0;
    let pos = 0;
    twoCharStarts.length = 0;
    const flush = (segmentEnd: number) => {
      let k = 0;
      for (let i = segmentStart; i + 1 < segmentEnd; i++) {
        while (k < twoCharStarts.length && twoCharStarts[k]! < i) k++;
        if (twoCharStarts[k] === i) continue;
        add(han.slice(i, i + 2));
      }
      twoCharStarts.length = 0;
    };
    for (const word of words) {
      if (!han.startsWith(word, pos)) throw new Error(`jieba returned "${word}", not a piece of "${han.slice(0, 40)}"`);
      if (INDEX_STOP_WORDS.has(word)) {
        flush(pos);
        pos += word.length;
        segmentStart = pos;
        continue;
      }
      add(word);
      if (word.length === 2) twoCharStarts.push(pos);
      pos += word.length;
    }
    flush(pos);
  }
  return { terms, counts };
}

export function queryTerms(normalised: string): Term[] {
  const seen = new Set<string>();
  return analyse(normalised, QUERY_STOP_WORDS).filter((t) => !seen.has(t.text) && seen.add(t.text));
}

/** Loads jieba's dictionary now rather than on the first query. */
export function warmTokenizer(): void {
  nodejieba.cut('预热');
}

export function hasHan(text: string): boolean {
  return HAN_CHAR.test(text);
}
