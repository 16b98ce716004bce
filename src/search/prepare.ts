// Article → what the index stores. Pure and synchronous, so worker threads can run it.
import type { Article } from '../corpus/article.ts';
import { normaliseForSearch } from '../corpus/normalise.ts';
import { indexTerms } from './tokenize.ts';

export interface IndexedFields {
  title: string[];
  body: string[];
  source: string[];
}

export interface PreparedArticle {
  article: Article;
  /** Encoded index terms per field; dropped once the article is in the index. */
  fields: IndexedFields | null;
  /** Normalised source, for the source filter and autocomplete. */
  sourceKey: string | null;
  /** Normalised title, for title autocomplete. */
  titleKey: string;
  /** `YYYY-MM-DD` when the year is known, for the date filter. */
  day: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dayOf(article: Article): string | null {
  const d = article.date;
  return d && d.year !== null ? `${d.year}-${pad(d.month)}-${pad(d.day)}` : null;
}

export function prepareArticle(article: Article): PreparedArticle {
  const titleText = [article.title, article.originalTitle !== article.title ? article.originalTitle : null]
    .filter(Boolean)
    .join('\n');
  const titleKey = normaliseForSearch(titleText);
  const sourceKey = article.source ? normaliseForSearch(article.source) : null;
  return {
    article,
    fields: {
      title: indexTerms(titleKey),
      body: indexTerms(normaliseForSearch(article.text)),
      source: sourceKey ? indexTerms(sourceKey) : [],
    },
    sourceKey,
    titleKey,
    day: dayOf(article),
  };
}
