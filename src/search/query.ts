// Turns what a person typed into weighted search terms, phrases that must match and words
// to leave out.
import { formTable, normaliseForSearch, type FormTable } from '../corpus/normalise.ts';
import { fragmentTerms, queryTerms, type Term } from './tokenize.ts';
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

/** A phrase to match or leave out, on the normalised text with spaces and punctuation ignored (phraseKey). */
export interface Needle {
  /** Its phraseKey. */
  compact: string;
  /** Index terms every article holding it holds (tokenize.ts fragmentTerms): they narrow the search. */
  anchors: string[];
  /** Holding the one anchor is holding the needle (a Han bigram, a whole Latin word): no text to check. */
  exact: boolean;
  /**
   * The raw characters that normalise to each of its Han characters, letters and digits
   * (formTable): in text that is only folded, and in text that is also simplified. A part of
   * an article whose raw text lacks all of one character's forms cannot hold the needle, and
   * is not normalised.
   */
  rawForms: { folded: FormTable; simplified: FormTable };
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

/**
 * Spaces and punctuation (ASCII but the `.` and `#` the tokeniser keeps inside words, Latin-1,
 * general, CJK and full-width), as ranges: property escapes make each phrase's pattern take
 * a hundred times longer to compile.
 */
const NOT_PHRASE_TEXT =
  '[\\s!-"$-\\-/:-@\\[-`{-~\\u00a1-\\u00bf\\u00d7\\u00f7\\u2000-\\u206f\\u2190-\\u23ff\\u2500-\\u27bf\\u3000-\\u303f\\ufe10-\\ufe6f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65]';

const NOT_PHRASE_RUNS = new RegExp(`${NOT_PHRASE_TEXT}+`, 'g');

/**
 * What a phrase is matched on: normalised text without spaces and punctuation, as Lucene's
 * phrases skip what is not a token. `"/jenkins"` is the word jenkins, and `"数据 交易"` is
 * found in 数据交易.
 */
export function phraseKey(normalised: string): string {
  return normalised.replace(NOT_PHRASE_RUNS, '');
}

/**
 * Finds a phrase key in normalised text with spaces and punctuation anywhere between its
 * characters: phraseKey(text).includes(key), without building phraseKey(text), which costs
 * several times the search.
 */
export function phrasePattern(key: string): RegExp {
  return new RegExp([...key].map((c) => c.replace(/[.#]/, '\\$&')).join(`${NOT_PHRASE_TEXT}*`));
}

/**
 * A phrase the index can narrow down, or null: one with no anchor (punctuation, a stop word,
 * a single character) would have every candidate's text read, so it is searched as plain text.
 */
function needleOf(text: string): Needle | null {
  const normalised = normaliseForSearch(text);
  const compact = phraseKey(normalised);
  // Every bigram of each of its runs: a text holding the phrase holds them unless it puts a
  // space inside what the phrase writes together, and they narrow far more than whole words.
  const anchors = [...new Set(fragmentTerms(normalised).filter((term) => !LONE_HAN.test(term)))];
  if (compact === '' || anchors.length === 0) return null;
  const rawForms = { folded: formTable(compact, false), simplified: formTable(compact, true) };
  return { compact, anchors, exact: anchors.length === 1 && anchors[0] === compact, rawForms };
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
  const weighted = terms.map((t) => ({ ...t, weight: KIND_WEIGHT[t.kind] * idf(t.text) }));
  const top = weighted.length <= MAX_QUERY_TERMS ? weighted : [...weighted].sort((a, b) => b.weight - a.weight).slice(0, MAX_QUERY_TERMS);
  // Only articles with a term are candidates, and jieba may cut a phrase (这个/空) unlike the text that holds
  // it (这个空间站), or its words may be stop words ("如何" quoted is wanted): its rarest anchor is searched too.
  for (const needle of phrases) {
    if (needle.anchors.some((anchor) => top.some((t) => t.text === anchor))) continue;
    const rarest = needle.anchors.reduce((best, anchor) => (idf(anchor) > idf(best) ? anchor : best));
    const kind = LONE_HAN.test(rarest[0]!) ? 'bigram' : 'latin';
    top.push({ text: rarest, kind, weight: KIND_WEIGHT[kind] * idf(rarest) });
  }
  if (top.length === 0) {
    throw new UserInputError('only-stop-words', `"${trimmed.slice(0, 40)}" has only question or stop words; add a name, a place or a topic.`);
  }
  return { terms: top, phrases, excluded };
}
