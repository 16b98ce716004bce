// Article → what the index stores. Pure and synchronous, so worker threads can run it.
import type { Article } from '../corpus/article.ts';
import { foldForSearch, normaliseForSearch } from '../corpus/normalise.ts';
import type { FieldTerms } from './inverted-index.ts';
import { indexTermCounts } from './tokenize.ts';
import { dayString } from '../corpus/dates.ts';

export interface IndexedFields {
  title: FieldTerms;
  body: FieldTerms;
  source: FieldTerms;
}

export interface PreparedArticle {
  article: Article;
  /** Distinct index terms and their counts per field; dropped once the article is in the index. */
  fields: IndexedFields | null;
  /** Normalised source, for the source filter and autocomplete. */
  sourceKey: string | null;
  /** Normalised title, for title autocomplete. */
  titleKey: string;
  /** `YYYY-MM-DD` when the year is known, for the date filter. */
  day: string | null;
  /**
   * The body normalises to itself folded (foldForSearch: no character to simplify), as most
   * simplified text does: a phrase check folds its paragraphs, four times cheaper than
   * normalising them. Absent in older snapshots: then they are normalised.
   */
  bodySimplified?: boolean;
}

/** An article with its search keys normalised, before tokenising: what worker threads send back. */
export interface NormalisedArticle {
  article: Article;
  titleKey: string;
  sourceKey: string | null;
  bodyKey: string;
  /** See PreparedArticle.bodySimplified. */
  bodySimplified: boolean;
}

/** Parsing's share of the work that needs no jieba: NFKC, lower case, simplified. */
export function normaliseArticle(article: Article): NormalisedArticle {
  const titleText = [article.title, article.originalTitle !== article.title ? article.originalTitle : null].filter(Boolean).join('\n');
  const bodyKey = normaliseForSearch(article.text);
  return {
    article,
    titleKey: normaliseForSearch(titleText),
    sourceKey: article.source ? normaliseForSearch(article.source) : null,
    bodyKey,
    bodySimplified: bodyKey === foldForSearch(article.text),
  };
}

export type SearchKeys = Pick<NormalisedArticle, 'titleKey' | 'bodyKey' | 'sourceKey'>;

/** jieba's words for the title, body and source keys, each from segmentForIndex. */
export type FieldWords = readonly [readonly string[], readonly string[], readonly string[]];

/**
 * Tokenising: needs jieba, so it runs where the dictionary is (see segmenter.ts), unless
 * `words` brings jieba's words for each key, segmented there.
 */
export function countKeys({ titleKey, bodyKey, sourceKey }: SearchKeys, words?: FieldWords): IndexedFields {
  return {
    title: indexTermCounts(titleKey, words?.[0]),
    body: indexTermCounts(bodyKey, words?.[1]),
    source: sourceKey ? indexTermCounts(sourceKey, words?.[2]) : { terms: [], counts: [] },
  };
}

export function preparedFrom({ article, titleKey, sourceKey, bodySimplified }: NormalisedArticle, fields: IndexedFields): PreparedArticle {
  return { article, fields, sourceKey, titleKey, day: dayString(article.date), bodySimplified };
}

export function tokeniseArticle(normalised: NormalisedArticle): PreparedArticle {
  return preparedFrom(normalised, countKeys(normalised));
}
