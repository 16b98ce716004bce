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

/**
 * What a paragraph is, as the page's structure (or Markdown) says. Summaries and excerpts
 * read `text`; code is shown as code; captions and headings are never taken as sentences.
 */
export type ParagraphKind = 'text' | 'heading' | 'list' | 'quote' | 'code' | 'caption' | 'table';

/** A paragraph the cleaner took out, and the rule that took it (see `npm run cli -- show`). */
export interface RemovedParagraph {
  text: string;
  rule: string;
}

/** A paragraph as a reader (HTML or Markdown) delivers it, before furniture is removed. */
export interface RawParagraph {
  text: string;
  kind: ParagraphKind;
  /** Nothing but an image stood between this paragraph and the one before: a caption or credit position. */
  afterImage: boolean;
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
  /** Clean display paragraphs, boilerplate removed, in the article's own script. Empty for a
   * headline-only item (an RSS entry with a title and no body). Code keeps its line breaks. */
  paragraphs: string[];
  /** The kind of each paragraph, same length as `paragraphs`. */
  kinds: ParagraphKind[];
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
