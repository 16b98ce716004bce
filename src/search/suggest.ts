// Search-as-you-type over titles and source names, with MiniSearch: prefix and fuzzy
// matching over short fields is what it is built for (the article index, where it was too
// slow and too big, is inverted-index.ts). Titles are indexed with the article index's own
// title terms (jieba words and Han bigrams, whole Latin words); what is typed becomes the
// bigrams of its jieba words (tokenize.ts typedTerms), which every title holding those
// words has, in whatever order they were typed.
import MiniSearch, { type SearchOptions as MiniSearchOptions, type SearchResult } from 'minisearch';
import { normaliseForSearch } from '../corpus/normalise.ts';
import { typedTerms } from './tokenize.ts';

interface SuggestDoc {
  /** `a:` + article id, or `s:` + source name. */
  key: string;
  /** Space-separated index terms of each field (terms never hold spaces). */
  title?: string;
  source?: string;
}

export interface Suggestion {
  /** The article id or the source name. */
  id: string;
  score: number;
}

const ARTICLE = 'a:';
const SOURCE = 's:';
/** Latin words of four letters or more match with one typo in five letters (`magisc` → `magisk`). */
const FUZZY_MIN_LENGTH = 4;
const FUZZY = 0.2;
const LATIN_WORD = /^[a-z]+$/;
/**
 * BM25 without length normalisation or term-frequency saturation (k 0, b 0): a title scores
 * the inverse document frequency of each typed word it matches, so titles that match the
 * same words the same way score the same, and the newest of them comes first.
 */
const FLAT_BM25 = { k: 0, b: 0, d: 0.5 };
const splitTerms = (text: string): string[] => (text === '' ? [] : text.split(' '));

export class SuggestIndex {
  private readonly mini = new MiniSearch<SuggestDoc>({
    idField: 'key',
    fields: ['title', 'source'],
    storeFields: [],
    tokenize: splitTerms,
    processTerm: (term) => term,
    // Discarded documents are vacuumed after each reload, as the article index is.
    autoVacuum: false,
  });

  /** Adds or replaces an article, from its title's index terms. */
  putArticle(id: string, titleTerms: readonly string[]): void {
    const doc = { key: ARTICLE + id, title: titleTerms.join(' ') };
    if (this.mini.has(doc.key)) this.mini.replace(doc);
    else this.mini.add(doc);
  }

  removeArticle(id: string): void {
    if (this.mini.has(ARTICLE + id)) this.mini.discard(ARTICLE + id);
  }

  /** Makes the indexed sources these (few: a reload touches only the ones that came or went). */
  setSources(sources: Iterable<string>, termsOf: (source: string) => readonly string[]): void {
    const wanted = new Set(sources);
    for (const source of this.indexedSources) if (!wanted.has(source)) this.mini.discard(SOURCE + source);
    for (const source of wanted) if (!this.indexedSources.has(source)) this.mini.add({ key: SOURCE + source, source: termsOf(source).join(' ') });
    this.indexedSources = wanted;
  }

  private indexedSources = new Set<string>();

  /** Frees what discarded documents left in the radix tree (a walk of all of it: only when there are some). */
  async vacuum(): Promise<void> {
    if (this.mini.dirtCount > 0) await this.mini.vacuum();
  }

  /**
   * Articles for what is typed: prefix on the word being typed (the last one, unless a space
   * follows it), fuzzy on Latin words, every typed word (in any order) or, when no title
   * has them all, any. Best first; ties in index order.
   */
  articles(typed: string): Suggestion[] {
    return this.run(typed, ['title'], ARTICLE);
  }

  sources(typed: string): Suggestion[] {
    return this.run(typed, ['source'], SOURCE);
  }

  /** Articles whose titles share words with these title terms, best first (no prefix, any word). */
  related(titleKey: string): Suggestion[] {
    const terms = typedTerms(titleKey);
    if (terms.length === 0) return [];
    return this.found(this.mini.search(terms.join(' '), { ...this.options(['title'], false), combineWith: 'OR' }), ARTICLE);
  }

  private options(fields: string[], typing: boolean): MiniSearchOptions {
    return {
      fields,
      bm25: FLAT_BM25,
      tokenize: splitTerms,
      processTerm: (term) => term,
      prefix: (_term, i, terms) => typing && i === terms.length - 1,
      fuzzy: (term) => (term.length >= FUZZY_MIN_LENGTH && LATIN_WORD.test(term) ? FUZZY : false),
    };
  }

  private run(typed: string, fields: string[], kind: string): Suggestion[] {
    const normalised = normaliseForSearch(typed);
    const terms = typedTerms(normalised);
    if (terms.length === 0) return [];
    const typing = !/\s$/.test(typed);
    const query = terms.join(' ');
    const options = this.options(fields, typing);
    let results = this.mini.search(query, { ...options, combineWith: 'AND' });
    if (results.length === 0 && terms.length > 1) results = this.mini.search(query, { ...options, combineWith: 'OR' });
    return this.found(results, kind);
  }

  private found(results: SearchResult[], kind: string): Suggestion[] {
    const out: Suggestion[] = [];
    for (const r of results) {
      const key = r.id as string;
      if (key.startsWith(kind)) out.push({ id: key.slice(kind.length), score: r.score });
    }
    return out;
  }
}
