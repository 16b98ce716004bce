// Turns what a person typed into weighted search terms, phrases that must match and words
// to leave out.
import { normaliseForSearch } from '../corpus/normalise.ts';
import { queryTerms, typedTerms, type Term } from './tokenize.ts';
import { UserInputError } from './types.ts';

/** A long paste is cut to its most distinctive terms, so it costs what a short query costs. */
export const MAX_QUERY_TERMS = 48;
/** Characters of a query that are analysed; the rest of a 6,000-character paste adds little. */
export const MAX_QUERY_CHARS = 1000;

const KIND_WEIGHT: Record<Term['kind'], number> = { word: 1, latin: 1, bigram: 0.5 };

export interface QueryTerm extends Term {
  /** Relative importance: kind weight times inverse document frequency. */
  weight: number;
}

/** A phrase to match or leave out, on the normalised text with spaces ignored. */
export interface Needle {
  /** Normalised, without spaces. */
  compact: string;
  /** Index terms every article holding it holds (tokenize.ts typedTerms): they narrow the search. */
  anchors: string[];
  /** Holding the one anchor is holding the needle (a Han bigram, a whole Latin word): no text to check. */
  exact: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Quoted phrases: an article must hold every one. */
  phrases: Needle[];
  /** `-word` and `-"phrase"`: an article holding any is left out. */
  excluded: Needle[];
}

/**
 * `-"phrase"`, `-word` (a minus at the start or after a space) and `"phrase"`. Anything else,
 * an unbalanced quote or a lone minus included, is plain text.
 */
const SYNTAX = /(?<=^|\s)-"([^"]*[^"\s][^"]*)"|(?<=^|\s)-([^\s"-][^\s"]*)|"([^"]*[^"\s][^"]*)"/g;

/** A lone Han character is an index term only where jieba cut it alone: it cannot anchor. */
const LONE_HAN = /^\p{Script=Han}$/u;

function needleOf(text: string): Needle | null {
  const normalised = normaliseForSearch(text);
  const compact = normalised.replace(/\s+/g, '');
  if (compact === '') return null;
  // Bigrams within the phrase's words: held by a text that spaces those words apart too.
  const anchors = [...new Set(typedTerms(normalised).filter((term) => !LONE_HAN.test(term)))];
  return { compact, anchors, exact: anchors.length === 1 && anchors[0] === compact };
}

/** Splits off the syntax: what is searched for (phrases unquoted, exclusions removed), phrases and exclusions. */
export function parseSyntax(query: string): { text: string; phrases: Needle[]; excluded: Needle[] } {
  const phrases: Needle[] = [];
  const excluded: Needle[] = [];
  const text = query.replace(/＂/g, '"').replace(SYNTAX, (_whole, excludedPhrase?: string, excludedWord?: string, phrase?: string) => {
    if (phrase !== undefined) {
      const needle = needleOf(phrase);
      if (needle) phrases.push(needle);
      return ` ${phrase} `;
    }
    const needle = needleOf((excludedPhrase ?? excludedWord)!);
    if (needle) excluded.push(needle);
    return ' ';
  });
  return { text, phrases, excluded };
}

export function parseQuery(query: string, idf: (term: string) => number): ParsedQuery {
  if (!query.trim()) throw new UserInputError('empty-query', 'The query is empty: type a few words to search for.');
  const { text, phrases, excluded } = parseSyntax(query.slice(0, MAX_QUERY_CHARS));
  const trimmed = text.trim();
  if (!trimmed) {
    throw new UserInputError('only-exclusions', 'The query only leaves words out: add a word to search for.');
  }
  const terms = queryTerms(normaliseForSearch(trimmed));
  if (terms.length === 0) {
    throw new UserInputError('only-stop-words', `"${trimmed.slice(0, 40)}" has only question or stop words; add a name, a place or a topic.`);
  }
  const weighted = terms.map((t) => ({ ...t, weight: KIND_WEIGHT[t.kind] * idf(t.text) }));
  const top = weighted.length <= MAX_QUERY_TERMS ? weighted : [...weighted].sort((a, b) => b.weight - a.weight).slice(0, MAX_QUERY_TERMS);
  return { terms: top, phrases, excluded };
}
