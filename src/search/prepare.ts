// Article → what the index stores. Pure and synchronous, so worker threads can run it.
import type { Article } from '../corpus/article.ts';
import { foldForSearch, normaliseForSearch, simplifyFolded } from '../corpus/normalise.ts';
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
  /**
   * When only some paragraphs have something to simplify (a traditional quote in simplified
   * text), their indices: the others are folded. Absent when none or all have.
   */
  paragraphsToSimplify?: number[];
}

/** Whether body paragraph `i` normalises to itself folded, so that folding it normalises it. */
export function paragraphFolds({ bodySimplified, paragraphsToSimplify }: Pick<PreparedArticle, 'bodySimplified' | 'paragraphsToSimplify'>, i: number): boolean {
  return bodySimplified === true || (paragraphsToSimplify !== undefined && !paragraphsToSimplify.includes(i));
}

/** An article with its search keys normalised, before tokenising: what worker threads send back. */
export interface NormalisedArticle {
  article: Article;
  titleKey: string;
  sourceKey: string | null;
  bodyKey: string;
  /** See PreparedArticle.bodySimplified. */
  bodySimplified: boolean;
  /** See PreparedArticle.paragraphsToSimplify. */
  paragraphsToSimplify?: number[];
}

/** Parsing's share of the work that needs no jieba: NFKC, lower case, simplified. */
export function normaliseArticle(article: Article): NormalisedArticle {
  const titleText = [article.title, article.originalTitle !== article.title ? article.originalTitle : null].filter(Boolean).join('\n');
  // Paragraph by paragraph, joined as the text is: no converter word holds a line break (a
  // test checks), so this is the text normalised whole, at the same cost, and it tells which
  // paragraphs have anything to simplify.
  const folded = article.paragraphs.map(foldForSearch);
  const paragraphKeys = folded.map(simplifyFolded);
  const toSimplify = paragraphKeys.flatMap((key, i) => (key === folded[i] ? [] : [i]));
  return {
    article,
    titleKey: normaliseForSearch(titleText),
    sourceKey: article.source ? normaliseForSearch(article.source) : null,
    bodyKey: paragraphKeys.join('\n'),
    bodySimplified: toSimplify.length === 0,
    ...(toSimplify.length > 0 && toSimplify.length < paragraphKeys.length && { paragraphsToSimplify: toSimplify }),
  };
}

export type SearchKeys = Pick<NormalisedArticle, 'titleKey' | 'bodyKey' | 'sourceKey'>;

/** The lengths of jieba's words for the title, body and source keys, each from wordLengthsForIndex. */
export type FieldWordLengths = readonly [Int32Array, Int32Array, Int32Array];

/**
 * Tokenising: needs jieba, so it runs where the dictionary is (see segmenter.ts), unless
 * `wordLengths` brings the lengths of jieba's words for each key, segmented there.
 */
export function countKeys({ titleKey, bodyKey, sourceKey }: SearchKeys, wordLengths?: FieldWordLengths): IndexedFields {
  return {
    title: indexTermCounts(titleKey, wordLengths?.[0]),
    body: indexTermCounts(bodyKey, wordLengths?.[1]),
    source: sourceKey ? indexTermCounts(sourceKey, wordLengths?.[2]) : { terms: [], counts: [] },
  };
}

export function preparedFrom(
  { article, titleKey, sourceKey, bodySimplified, paragraphsToSimplify }: NormalisedArticle,
  fields: IndexedFields,
): PreparedArticle {
  return { article, fields, sourceKey, titleKey, day: dayString(article.date), bodySimplified, ...(paragraphsToSimplify && { paragraphsToSimplify }) };
}

export function tokeniseArticle(normalised: NormalisedArticle): PreparedArticle {
  return preparedFrom(normalised, countKeys(normalised));
}
