// The in-memory index: BM25 over pre-counted fields (inverted-index.ts), plus the live set of articles.
// Updates add new versions invisibly, make them live in one synchronous step, then
// discard the old versions, so a search never sees half of a reload.
import type { Article } from '../corpus/article.ts';
import { normaliseForSearch } from '../corpus/normalise.ts';
import { RepeatedParagraphs } from '../corpus/repeated.ts';
import { buildExcerpt, type WeightedTerm } from './excerpt.ts';
import { InvertedIndex, type ScoredDoc } from './inverted-index.ts';
import type { PreparedArticle } from './prepare.ts';
import { parseQuery } from './query.ts';
import { rerankByPassage } from './rank.ts';
import { articleShape, joinSummary, listOutline, summarise } from './summary.ts';
import {
  UserInputError,
  type ArticleChoice,
  type ArticleSummary,
  type SearchOptions,
  type SearchResponse,
  type SourceCount,
} from './types.ts';

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 50;
const FIELDS = ['title', 'body', 'source'] as const;
/** Boosts in FIELDS order: title 2, body 1, source 1. */
const FIELD_BOOSTS = [2, 1, 1];
/** During a big load, staged postings are packed every million or so: the staging log stays small. */
const PACK_AFTER_POSTINGS = 1_000_000;

type Mode = 'search' | 'ask';

export interface IndexedRecord extends PreparedArticle {
  seq: number;
}

/** What a snapshot restores: the index, the articles, and which version of each is live. */
export interface EngineState {
  index: InvertedIndex;
  records: IndexedRecord[];
  live: Map<string, number>;
  nextSeq: number;
}

export interface ChangeSet {
  /** New versions, in the order they get document numbers; may arrive as they are prepared. */
  upsert: Iterable<PreparedArticle> | AsyncIterable<PreparedArticle>;
  remove: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The article as the index keeps it: `text` is its paragraphs joined, made when asked for
 * (rarely: summaries, the console's show) instead of kept, which saves a copy of every article.
 */
export function withLazyText(article: Article): Article {
  const { text: _text, ...rest } = article;
  return Object.defineProperty(rest, 'text', {
    get(this: Article) {
      return this.paragraphs.join('\n');
    },
    enumerable: true,
  }) as Article;
}

function checkDay(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!DAY.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UserInputError('bad-date', `${name} must be a date like 2021-11-20, got "${value.slice(0, 40)}".`);
  }
  return value;
}

/** What a hit or a summary says about its article. */
function describe({ id, title, date, source, url }: Article) {
  return { id, title, date, source, url };
}

export class SearchEngine {
  private readonly index: InvertedIndex;
  private readonly records = new Map<number, IndexedRecord>();
  /** Article id → seq of its live version. Replaced, never mutated, so readers see one state. */
  private live: Map<string, number>;
  private nextSeq: number;
  /** Paragraphs repeated across a source's live articles: furniture readers are not shown. */
  readonly repeated = new RepeatedParagraphs();

  constructor(state?: EngineState) {
    this.index = state?.index ?? new InvertedIndex(FIELDS.length);
    this.live = state?.live ?? new Map();
    this.nextSeq = state?.nextSeq ?? 1;
    for (const record of state?.records ?? []) this.records.set(record.seq, record);
    for (const record of this.articles()) this.repeated.add(record.article);
  }

  /** The state a snapshot saves; packs the index first. Call between reloads. */
  async exportState(): Promise<EngineState> {
    await this.index.vacuum();
    return { index: this.index, records: [...this.records.values()], live: this.live, nextSeq: this.nextSeq };
  }


  get size(): number {
    return this.live.size;
  }

  *articles(): IterableIterator<PreparedArticle> {
    for (const seq of this.live.values()) yield this.records.get(seq)!;
  }

  get(id: string): PreparedArticle | undefined {
    const seq = this.live.get(id);
    return seq === undefined ? undefined : this.records.get(seq);
  }

  /**
   * Applies a change set. New versions are indexed first (yielding to the event loop every
   * `yieldEveryMs` so searches keep being answered), then swapped in at once.
   */
  async apply(changes: ChangeSet, yieldEveryMs = 25): Promise<void> {
    const added = new Map<string, number>();
    let sliceStart = performance.now();
    try {
      for await (const prepared of changes.upsert) {
        const seq = this.nextSeq++;
        const fields = prepared.fields;
        if (!fields) throw new Error(`article ${prepared.article.id} has no index terms`);
        this.index.add(seq, [fields.title, fields.body, fields.source]);
        this.records.set(seq, { ...prepared, article: withLazyText(prepared.article), fields: null, seq });
        const replaced = added.get(prepared.article.id);
        if (replaced !== undefined) this.forget(replaced);
        added.set(prepared.article.id, seq);
        if (this.index.staged > PACK_AFTER_POSTINGS) await this.index.pack(yieldEveryMs);
        if (yieldEveryMs > 0 && performance.now() - sliceStart > yieldEveryMs) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
    } catch (error) {
      // Nothing was made live: drop what was staged, so a failed reload leaves no trace.
      for (const seq of added.values()) this.forget(seq);
      await this.index.vacuum(yieldEveryMs);
      throw error;
    }
    // New versions become searchable before they become live.
    await this.index.pack(yieldEveryMs);
    const next = new Map(this.live);
    const retired: number[] = [];
    for (const id of changes.remove) {
      const seq = next.get(id);
      if (seq !== undefined) retired.push(seq);
      next.delete(id);
    }
    for (const [id, seq] of added) {
      const old = next.get(id);
      if (old !== undefined) retired.push(old);
      next.set(id, seq);
    }
    for (const seq of retired) this.repeated.remove(this.records.get(seq)!.article);
    for (const seq of added.values()) this.repeated.add(this.records.get(seq)!.article);
    this.live = next;
    for (const seq of retired) this.forget(seq);
    // Drops the retired postings and packs the lists added, pausing for searches.
    await this.index.vacuum(yieldEveryMs);
  }

  private forget(seq: number): void {
    this.index.discard(seq);
    this.records.delete(seq);
  }

  private idf = (term: string): number => {
    const n = Math.max(1, this.live.size);
    return Math.log(1 + n / (this.index.documentFrequency(term) + 0.5));
  };

  private filterFor(options: SearchOptions): (record: IndexedRecord) => boolean {
    const from = checkDay('from', options.from);
    const to = checkDay('to', options.to);
    const source = options.source?.trim() ? normaliseForSearch(options.source.trim()) : null;
    return (r) => {
      if (this.live.get(r.article.id) !== r.seq) return false;
      if ((from || to) && (r.day === null || (from && r.day < from) || (to && r.day > to))) return false;
      if (source && !(r.sourceKey ?? '').includes(source)) return false;
      return true;
    };
  }

  search(query: string, options: SearchOptions = {}, mode: Mode = 'search'): SearchResponse {
    const started = performance.now();
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const terms = parseQuery(query, this.idf);
    const accept = this.filterFor(options);
    let results: ScoredDoc[] = this.index.search(
      terms.map((t) => ({ term: t.text, boost: t.weight })),
      FIELD_BOOSTS,
      (seq) => accept(this.records.get(seq)!),
    );
    const excerptTerms: WeightedTerm[] = terms.map((t) => ({ text: t.text, weight: t.weight, mark: !t.joinsWords }));
    if (mode === 'ask') results = rerankByPassage(results, terms, (r) => this.repeated.view(this.records.get(r.id)!.article));
    if (options.sort === 'newest') {
      const time = (r: ScoredDoc) => this.records.get(r.id)!.article.date?.timestamp ?? -Infinity;
      results.sort((a, b) => time(b) - time(a) || b.score - a.score);
    }
    const hits = results.slice(offset, offset + limit).map((r) => {
      const { article, titleKey } = this.records.get(r.id)!;
      const { paragraphs, kinds } = this.repeated.view(article);
      return {
        ...describe(article),
        score: Math.round(r.score * 1000) / 1000,
        excerpt: buildExcerpt(paragraphs, excerptTerms, titleKey, undefined, kinds),
      };
    });
    return {
      query,
      total: results.length,
      offset,
      hits,
      terms: terms.map((t) => t.text),
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  summary(id: string): ArticleSummary {
    const record = this.get(id);
    if (!record) throw new UserInputError('unknown-article', `No article with id "${id.slice(0, 120)}".`);
    const { article } = record;
    const visible = this.repeated.view(article);
    const sentences = summarise({ ...visible, title: article.title });
    const shape = articleShape(visible);
    return {
      ...describe(article),
      shape,
      list: shape === 'list' ? listOutline(visible) : null,
      chars: visible.paragraphs.reduce((n, p) => n + p.length, 0) + Math.max(0, visible.paragraphs.length - 1),
      sentences,
      summary: joinSummary(sentences),
    };
  }

  suggestArticles(text: string, limit: number): ArticleChoice[] {
    const needle = normaliseForSearch(text.trim());
    const ranked: { choice: ArticleChoice; rank: number; time: number }[] = [];
    for (const r of this.articles()) {
      const title = r.article.title ?? r.article.id;
      const at = needle ? r.titleKey.indexOf(needle) : 0;
      const idAt = needle && at < 0 ? r.article.id.toLowerCase().indexOf(needle) : -1;
      if (at < 0 && idAt < 0) continue;
      ranked.push({ choice: { id: r.article.id, title }, rank: at === 0 ? 0 : at > 0 ? 1 : 2, time: r.article.date?.timestamp ?? 0 });
    }
    ranked.sort((a, b) => a.rank - b.rank || b.time - a.time || a.choice.id.localeCompare(b.choice.id));
    return ranked.slice(0, limit).map((r) => r.choice);
  }

  /** Sources with counts, recounted only after the index changed (autocomplete asks per keystroke). */
  sources(): SourceCount[] {
    if (this.sourceCounts && this.sourceCountsFor === this.live) return this.sourceCounts;
    this.sourceCounts = this.countSources();
    this.sourceCountsFor = this.live;
    return this.sourceCounts;
  }

  private sourceCounts: SourceCount[] | null = null;
  private sourceCountsFor: ReadonlyMap<string, number> | null = null;

  private countSources(): SourceCount[] {
    const counts = new Map<string, number>();
    for (const r of this.articles()) {
      const source = r.article.source;
      if (source) counts.set(source, (counts.get(source) ?? 0) + 1);
    }
    return [...counts].map(([source, count]) => ({ source, count })).sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  }

  dateRange(): { from: string; to: string } | null {
    let from: string | null = null;
    let to: string | null = null;
    for (const r of this.articles()) {
      if (!r.day) continue;
      if (from === null || r.day < from) from = r.day;
      if (to === null || r.day > to) to = r.day;
    }
    return from && to ? { from, to } : null;
  }
}
