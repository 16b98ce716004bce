// The clean article every later stage reads. Display fields keep the article's own
// script; search normalisation (simplified, lower case) happens in the search layer.

/** How much of a date is known. A dateline such as `新华社北京4月30日电` has no year. */
export type DatePrecision = 'datetime' | 'date' | 'month-day';

export interface ArticleDate {
  /** null only for `month-day` precision. */
  year: number | null;
  month: number;
  day: number;
  /** `HH:MM:SS`, only for `datetime` precision. */
  time: string | null;
  precision: DatePrecision;
  /** Epoch ms; null unless the year is known. Body times are taken as Beijing time (UTC+8). */
  timestamp: number | null;
  /** ISO 8601 text at the known precision: `2021-11-20T04:32:42.000Z`, `2021-11-01`, `--04-30`. */
  iso: string;
}

/** The rule that found each metadata field; null when the field is null. */
export interface Provenance {
  title: string | null;
  originalTitle: string | null;
  date: string | null;
  source: string | null;
  url: string | null;
  categories: string | null;
}

export interface Article {
  /** Path relative to the corpus root with `/` separators, e.g. `000_e8ef5d2d52bef2dd.txt`. */
  id: string;
  title: string | null;
  originalTitle: string | null;
  date: ArticleDate | null;
  source: string | null;
  url: string | null;
  categories: string[];
  /** Clean display paragraphs, boilerplate removed, in the article's own script. */
  paragraphs: string[];
  /** paragraphs joined with `\n`. */
  text: string;
  provenance: Provenance;
  /** What loading noticed and set right, one line each (an implausible date dropped); absent when none. */
  notes?: string[];
}

/** A file that could not become an article, and why (one line). */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CorpusLoadResult {
  articles: Article[];
  skipped: SkippedFile[];
}
