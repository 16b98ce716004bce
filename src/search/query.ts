// Turns what a person typed into weighted search terms.
import { normaliseForSearch } from '../corpus/normalise.ts';
import { queryTerms, type Term } from './tokenize.ts';
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

export function parseQuery(query: string, idf: (term: string) => number): QueryTerm[] {
  const trimmed = query.trim();
  if (!trimmed) throw new UserInputError('empty-query', 'The query is empty: type a few words to search for.');
  const terms = queryTerms(normaliseForSearch(trimmed.slice(0, MAX_QUERY_CHARS)));
  if (terms.length === 0) {
    throw new UserInputError(
      'only-stop-words',
      `"${trimmed.slice(0, 40)}" has only question or stop words; add a name, a place or a topic.`,
    );
  }
  const weighted = terms.map((t) => ({ ...t, weight: KIND_WEIGHT[t.kind] * idf(t.text) }));
  if (weighted.length <= MAX_QUERY_TERMS) return weighted;
  return [...weighted].sort((a, b) => b.weight - a.weight).slice(0, MAX_QUERY_TERMS);
}
