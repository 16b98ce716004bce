// Tokeniser shared by index and query: nodejieba words plus CJK character bigrams,
// with Latin and digit runs kept whole (jieba alone splits `2021` into 2,0,2,1).
// Input must already be normalised with normaliseForSearch (NFKC, lower case, simplified).
import nodejieba from 'nodejieba';
import { INDEX_STOP_WORDS, QUERY_STOP_WORDS } from './stopwords.ts';

/** Han runs, ASCII word runs (keeping `5g`, `2.5`, `c#`), and runs of other letters. */
const RUN_PATTERN = /(\p{Script=Han}+)|([a-z0-9]+(?:[.#][a-z0-9]+)*)|([\p{L}\p{N}]+)/gu;

const HAN_CHAR = /\p{Script=Han}/u;

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
  return analyse(normalised, INDEX_STOP_WORDS).map((t) => encodeTerm(t.text));
}

export function queryTerms(normalised: string): Term[] {
  const seen = new Set<string>();
  return analyse(normalised, QUERY_STOP_WORDS).filter((t) => !seen.has(t.text) && seen.add(t.text));
}

// MiniSearch's radix tree scans a node's children linearly; CJK terms give nodes thousands
// of children. Spelling each non-ASCII character as 4 characters from a 32-letter alphabet
// caps the fan-out at 32. The alphabet has no lower-case letters or digits, so an encoded
// term never equals a Latin term.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*';

export function encodeTerm(term: string): string {
  let out = '';
  for (let i = 0; i < term.length; i++) {
    const code = term.charCodeAt(i);
    if (code < 128) {
      out += term[i];
      continue;
    }
    out +=
      ALPHABET[(code >> 15) & 31]! + ALPHABET[(code >> 10) & 31]! + ALPHABET[(code >> 5) & 31]! + ALPHABET[code & 31]!;
  }
  return out;
}

export function hasHan(text: string): boolean {
  return HAN_CHAR.test(text);
}
