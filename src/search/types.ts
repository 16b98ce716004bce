import type { ArticleDate, SkippedFile } from '../corpus/article.ts';
import type { MarkedText } from './highlight.ts';

export type SortOrder = 'relevance' | 'newest';

export interface SearchOptions {
  /** Results per call; default and maximum in RESULT_LIMITS.search (result-limits.ts). */
  limit?: number;
  /** Results to skip, for paging. */
  offset?: number;
  /** Inclusive `YYYY-MM-DD` bounds. Articles without a known year never pass a date filter. */
  from?: string;
  to?: string;
  /** Exact source name, as listed by `sources()`; matched after normalisation. */
  source?: string;
  sort?: SortOrder;
}

export interface SearchHit {
  id: string;
  title: string | null;
  date: ArticleDate | null;
  source: string | null;
  url: string | null;
  score: number;
  /** At most 300 characters of plain text, cut with `…`; matched terms and code as spans. */
  excerpt: MarkedText;
}

export interface SearchResponse {
  query: string;
  /** Matches before paging. */
  total: number;
  offset: number;
  hits: SearchHit[];
  /** Normalised query terms that were searched. */
  terms: string[];
  tookMs: number;
}

/** An article that is not plain prose says so in its summary. */
export type ArticleShape = 'prose' | 'headline-only' | 'mostly-code' | 'list';

/** A list article's outline: how many items, and the first items' heads in order. */
export interface ListOutline {
  count: number;
  heads: string[];
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  date: ArticleDate | null;
  source: string | null;
  url: string | null;
  /** Characters of clean text in the article. */
  chars: number;
  shape: ArticleShape;
  /** For a list article (`shape: 'list'`): its outline; null otherwise. */
  list: ListOutline | null;
  /** At most 3 sentences, about 200 characters, in the article's own script. */
  sentences: string[];
  /** The sentences as one text; a code-only article's lines are marked as code. */
  summary: MarkedText;
  /** Up to three articles whose titles share the most with this one's, near-duplicates left out. */
  related: RelatedArticle[];
}

export interface RelatedArticle {
  id: string;
  title: string | null;
  date: ArticleDate | null;
  source: string | null;
  url: string | null;
}

export interface SourceCount {
  source: string;
  count: number;
}

export interface CorpusStats {
  articles: number;
  sources: SourceCount[];
  /** Earliest and latest dates with a known year, as `YYYY-MM-DD`. */
  dateRange: { from: string; to: string } | null;
  skipped: SkippedFile[];
  /** Epoch ms of the last successful (re)load. */
  loadedAt: number;
  /** Fingerprint of the files the index holds: processes serving the same corpus show the same one. */
  version: string;
}

export interface ReloadReport {
  added: string[];
  changed: string[];
  removed: string[];
  failed: SkippedFile[];
  ms: number;
  /** True when this call joined a reload that was already running. */
  coalesced: boolean;
}

export interface ArticleChoice {
  id: string;
  title: string;
}

/** Bad input from a user: the message is safe to show as is. */
export class UserInputError extends Error {
  constructor(
    readonly code: 'empty-query' | 'only-stop-words' | 'only-exclusions' | 'unknown-article' | 'bad-date' | 'bad-option',
    message: string,
  ) {
    super(message);
    this.name = 'UserInputError';
  }
}

/** What the commands, the console and the benchmarks use. Knows nothing of Discord. */
export interface Library {
  search(query: string, options?: SearchOptions): SearchResponse;
  /** The same engine tuned for a question: best answers first. */
  ask(question: string, options?: SearchOptions): SearchResponse;
  summary(id: string): ArticleSummary;
  /**
   * Titles for autocomplete, best first, the newest first among equals: every typed word in
   * any order (else any of them), the last one as a prefix, Latin words with a typo. Empty
   * text: the newest articles.
   */
  suggestArticles(text: string, limit: number): ArticleChoice[];
  /** Sources for autocomplete, matched as titles are; the most common first among equals. */
  suggestSources(text: string, limit: number): SourceCount[];
  stats(): CorpusStats;
  /** Re-reads the corpus folder; concurrent calls share one run; a failure keeps the old index. */
  reload(): Promise<ReloadReport>;
}
