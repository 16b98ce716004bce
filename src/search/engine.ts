// The in-memory index: BM25 over pre-counted fields (inverted-index.ts), plus the live set of
// articles and the search-as-you-type index of titles and sources (suggest.ts). Updates add
// new versions invisibly, make them live in one synchronous step (both indexes), then
// discard the old versions, so neither a search nor an autocomplete sees half of a reload.
import type { Article } from '../corpus/article.ts';
import { foldForSearch, mayHoldNormalised, normaliseForSearch } from '../corpus/normalise.ts';
import { RepeatedParagraphs, type VisibleParagraphs } from '../corpus/repeated.ts';
import { buildExcerpt, type WeightedTerm } from './excerpt.ts';
import { InvertedIndex, type ScoredDoc } from './inverted-index.ts';
import { paragraphFolds, type PreparedArticle } from './prepare.ts';
import { parseQuery, phrasePattern, type Needle } from './query.ts';
import { ASK_RERANK_DEPTH, rerankByPassage } from './rank.ts';
import { memoSentences } from './sentences.ts';
import { RESULT_LIMITS } from './result-limits.ts';
import { SuggestIndex, type Suggestion } from './suggest.ts';
import { articleShape, listOutline, summaryOf } from './summary.ts';
import { buildTimeline, type ScoredMatch } from './timeline.ts';
import { fragmentTerms, typedTerms } from './tokenize.ts';
import { pauser } from './turns.ts';
import {
  UserInputError,
  type ArticleChoice,
  type ArticleSummary,
  type RelatedArticle,
  type SearchOptions,
  type SearchResponse,
  type SourceCount,
  type TimelineOptions,
  type TimelineSeries,
} from './types.ts';

const FIELDS = ['title', 'body', 'source'] as const;
/** Boosts in FIELDS order: title 2, body 1, source 1. */
const FIELD_BOOSTS = [2, 1, 1];
const TITLE_FIELD = 0;
const BODY_FIELD = 1;
/** Titles sharing this much of their terms (Jaccard) are one story, not a related one. */
const NEAR_DUPLICATE_TITLES = 0.8;
/** During a big load, staged postings are packed every million or so: the staging log stays small. */
const PACK_AFTER_POSTINGS = 1_000_000;
/** A phrase's candidates hold its rarest few anchors; its text decides, so more would only cost. */
const PHRASE_ANCHORS = 3;

/** How a search ranks: plain, or as a question (its candidates re-ranked by passage). */
export type Mode = 'search' | 'ask';

/** Where one search's time went, in milliseconds: what the scale bench breaks down. */
export interface SearchPhases {
  /** Query text to weighted terms, phrases and exclusions. */
  parse: number;
  /** Scoring candidates from the postings, filters included. */
  rank: number;
  /** Questions only: the candidates re-ranked by their best sentence. */
  rerank: number;
  /** Excerpts of the hits shown. */
  excerpts: number;
}

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

/** A byte per seq, 1 where the seq is listed: a match is checked in one array read, not a hash lookup. */
function seqMask(seqs: Iterable<number>): Uint8Array {
  const list = [...seqs];
  const mask = new Uint8Array(list.reduce((max, seq) => Math.max(max, seq), 0) + 1);
  for (const seq of list) mask[seq] = 1;
  return mask;
}

/** Newest first; undated articles last; then by id, so the order is stable. */
function newestFirst(a: IndexedRecord, b: IndexedRecord): number {
  const time = (r: IndexedRecord) => r.article.date?.timestamp ?? -Infinity;
  return time(b) - time(a) || (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0);
}

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
  /** 1 at the seqs of `live`, replaced with it: a search checks every match against it. */
  private liveSeqs: Uint8Array;
  private nextSeq: number;
  /** Paragraphs repeated across a source's live articles: furniture readers are not shown. */
  readonly repeated = new RepeatedParagraphs();

  private readonly suggestions = new SuggestIndex();
  /** Told where each search's time went (the scale bench); null the rest of the time. */
  onSearched: ((phases: SearchPhases) => void) | null = null;

  constructor(state?: EngineState) {
    this.index = state?.index ?? new InvertedIndex(FIELDS.length);
    this.live = state?.live ?? new Map<string, number>();
    this.liveSeqs = seqMask(this.live.values());
    this.nextSeq = state?.nextSeq ?? 1;
    for (const record of state?.records ?? []) this.records.set(record.seq, record);
    for (const record of this.articles()) this.repeated.add(record.article);
    if (state) {
      // A snapshot keeps the title terms in the postings: no tokenizing again.
      const titles = this.index.termsByDoc(TITLE_FIELD);
      for (const [id, seq] of this.live) this.suggestions.putArticle(id, titles.get(seq) ?? []);
      this.syncSuggestedSources();
    }
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

  get(id: string): IndexedRecord | undefined {
    const seq = this.live.get(id);
    return seq === undefined ? undefined : this.records.get(seq);
  }

  /**
   * Applies a change set. New versions are indexed first (yielding to the event loop every
   * `yieldEveryMs` so searches keep being answered), then swapped in at once.
   */
  async apply(changes: ChangeSet, yieldEveryMs = 25): Promise<void> {
    const added = new Map<string, number>();
    /** Title terms of each new version, for the autocomplete index once it is live. */
    const titleTerms = new Map<number, readonly string[]>();
    const pause = pauser(yieldEveryMs);
    try {
      for await (const prepared of changes.upsert) {
        const seq = this.nextSeq++;
        const fields = prepared.fields;
        if (!fields) throw new Error(`article ${prepared.article.id} has no index terms`);
        this.index.add(seq, [fields.title, fields.body, fields.source]);
        this.records.set(seq, { ...prepared, article: withLazyText(prepared.article), fields: null, seq });
        titleTerms.set(seq, fields.title.terms);
        const replaced = added.get(prepared.article.id);
        if (replaced !== undefined) {
          this.forget(replaced);
          titleTerms.delete(replaced);
        }
        added.set(prepared.article.id, seq);
        if (this.index.staged > PACK_AFTER_POSTINGS) await this.index.pack(yieldEveryMs);
        const paused = pause();
        if (paused) await paused;
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
    this.liveSeqs = seqMask(next.values());
    // The autocomplete index follows in the same synchronous step.
    for (const id of changes.remove) this.suggestions.removeArticle(id);
    for (const [id, seq] of added) this.suggestions.putArticle(id, titleTerms.get(seq)!);
    this.syncSuggestedSources();
    for (const seq of retired) this.forget(seq);
    // Drops the retired postings and packs the lists added, pausing for searches.
    await this.index.vacuum(yieldEveryMs);
    await this.suggestions.vacuum();
  }

  /**
   * Source names in the autocomplete index, as their bigrams and Latin words: no jieba, which
   * a restart from a snapshot must not load on this thread before the tokenizer thread is up.
   */
  private syncSuggestedSources(): void {
    this.suggestions.setSources(
      this.sources().map((s) => s.source),
      (source) => fragmentTerms(normaliseForSearch(source)),
    );
  }

  private forget(seq: number): void {
    this.index.discard(seq);
    this.records.delete(seq);
  }

  private idf = (term: string): number => {
    const n = Math.max(1, this.live.size);
    return Math.log(1 + n / (this.index.documentFrequency(term) + 0.5));
  };

  /**
   * Which documents a search accepts: live ones that pass the filters; no record is looked up
   * when there are none. `within`: when phrases are required, the anchor holders of the one
   * with fewest, outside which nothing is accepted.
   */
  private filterFor(
    options: SearchOptions,
    phrases: readonly Needle[] = [],
    excluded: readonly Needle[] = [],
  ): { accept: (seq: number) => boolean; within?: ReadonlySet<number> } {
    const from = checkDay('from', options.from);
    const to = checkDay('to', options.to);
    const source = options.source?.trim() ? normaliseForSearch(options.source.trim()) : null;
    const texts = new Map<number, string[]>();
    const required = phrases.map((p) => this.holderTest(p, texts));
    const mustHold = required.map((test) => test.holds);
    const mustNotHold = excluded.map((p) => this.holderTest(p, texts).holds);
    const within = required.reduce<ReadonlySet<number> | undefined>(
      (fewest, { holders }) => (fewest && fewest.size <= holders.size ? fewest : holders),
      undefined,
    );
    const liveSeqs = this.liveSeqs;
    if (!from && !to && !source && mustHold.length === 0 && mustNotHold.length === 0) return { accept: (seq) => liveSeqs[seq] === 1 };
    const accept = (seq: number) => {
      if (liveSeqs[seq] !== 1) return false;
      // A record is fetched only when a filter needs it: the records are scattered in memory.
      if (from || to || source) {
        const r = this.records.get(seq)!;
        if ((from || to) && (r.day === null || (from && r.day < from) || (to && r.day > to))) return false;
        if (source && !(r.sourceKey ?? '').includes(source)) return false;
      }
      return mustHold.every((holds) => holds(seq)) && !mustNotHold.some((holds) => holds(seq));
    };
    return within ? { accept, within } : { accept };
  }

  /**
   * Whether an article holds a phrase: the index rules out those without its rarest anchor
   * terms, and the normalised title, a paragraph or the source decides the rest. A part
   * whose raw text lacks every form of one of the needle's characters is skipped unread;
   * the others are normalised as the check reaches them, and kept in `texts` for the other
   * phrases of the same search.
   */
  private holderTest(needle: Needle, texts: Map<number, string[]>): { holds: (seq: number) => boolean; holders: ReadonlySet<number> } {
    const holders = this.index.docsWithAll(needle.anchors, PHRASE_ANCHORS);
    const pattern = phrasePattern(needle.compact);
    const holds = (seq: number) => {
      if (!holders.has(seq)) return false;
      if (needle.exact) return true;
      const r = this.records.get(seq)!;
      const { title, originalTitle, paragraphs, source } = r.article;
      const parts = texts.get(seq) ?? [];
      texts.set(seq, parts);
      // Parts in order: title, original title, the paragraphs, source.
      const count = paragraphs.length + 3;
      for (let i = 0; i < count; i++) {
        const raw = (i === 0 ? title : i === 1 ? originalTitle : i < count - 1 ? paragraphs[i - 2] : source) ?? '';
        const folded = i >= 2 && i < count - 1 && paragraphFolds(r, i - 2);
        if (parts[i] === undefined && !mayHoldNormalised(raw, folded ? needle.rawForms.folded : needle.rawForms.simplified)) continue;
        parts[i] ??= (folded ? foldForSearch : normaliseForSearch)(raw);
        if (pattern.test(parts[i]!)) return true;
      }
      return false;
    };
    return { holds, holders };
  }

  /** The paragraphs a reader sees of a record, and which of them fold (see sentencesOf). */
  private passageOf(record: IndexedRecord): VisibleParagraphs & { folding: boolean[] } {
    const view = this.repeated.view(record.article);
    return { ...view, folding: view.paragraphs.map((_, i) => paragraphFolds(record, view.from?.[i] ?? i)) };
  }

  search(query: string, options: SearchOptions = {}, mode: Mode = 'search'): SearchResponse {
    const started = performance.now();
    const limit = Math.min(RESULT_LIMITS.search.max, Math.max(1, Math.floor(options.limit ?? RESULT_LIMITS.search.default)));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const { terms, phrases, excluded } = parseQuery(query, this.idf);
    const parsed = performance.now();
    const { accept, within } = this.filterFor(options, phrases, excluded);
    // Only the page is kept, and for a question the candidates it re-ranks; sorting by date needs them all.
    const depth = options.sort === 'newest' ? Infinity : Math.max(offset + limit, mode === 'ask' ? ASK_RERANK_DEPTH : 0);
    const top = this.index.top(
      terms.map((t) => ({ term: t.text, boost: t.weight })),
      FIELD_BOOSTS,
      accept,
      depth,
      within,
    );
    let results: ScoredDoc[] = top.hits;
    const ranked = performance.now();
    const excerptTerms: WeightedTerm[] = terms.map((t) => ({ text: t.text, weight: t.weight, mark: !t.joinsWords }));
    const split = memoSentences();
    if (mode === 'ask') {
      results = rerankByPassage(results, terms, (r) => this.passageOf(this.records.get(r.id)!), split);
    }
    if (options.sort === 'newest') {
      const time = (r: ScoredDoc) => this.records.get(r.id)!.article.date?.timestamp ?? -Infinity;
      results.sort((a, b) => time(b) - time(a) || b.score - a.score);
    }
    const reranked = performance.now();
    const hits = results.slice(offset, offset + limit).map((r) => {
      const record = this.records.get(r.id)!;
      const { paragraphs, kinds, folding } = this.passageOf(record);
      return {
        ...describe(record.article),
        score: Math.round(r.score * 1000) / 1000,
        excerpt: buildExcerpt(paragraphs, excerptTerms, { titleKey: record.titleKey, kinds, folding, split }),
      };
    });
    const done = performance.now();
    this.onSearched?.({ parse: parsed - started, rank: ranked - parsed, rerank: reranked - ranked, excerpts: done - reranked });
    return {
      query,
      total: top.total,
      offset,
      hits,
      terms: terms.map((t) => t.text),
      tookMs: Math.round((done - started) * 100) / 100,
    };
  }

  /** Every match with its score and date, and what a passing mention scores: what a timeline counts from. */
  timelineMatches(query: string, options: TimelineOptions = {}): { terms: string[]; matches: ScoredMatch[]; passingScore: number } {
    const { terms, phrases, excluded } = parseQuery(query, this.idf);
    const { accept, within } = this.filterFor(options, phrases, excluded);
    const spec = terms.map((t) => ({ term: t.text, boost: t.weight }));
    // One small object per match, the article itself by reference: a common word matches most of the corpus.
    const matches = this.index.search(spec, FIELD_BOOSTS, accept, within).map((r): ScoredMatch => {
      const { article, day } = this.records.get(r.id)!;
      return { score: r.score, day, date: article.date, article };
    });
    const passingScore = this.index.passingMentionScore(spec, BODY_FIELD, FIELD_BOOSTS[BODY_FIELD]!);
    return { terms: terms.map((t) => t.text), matches, passingScore };
  }

  /** Matches counted per period; passing mentions (see timeline.ts) are left out and counted. */
  timeline(query: string, options: TimelineOptions = {}): TimelineSeries {
    const started = performance.now();
    const series = buildTimeline({
      query,
      ...this.timelineMatches(query, options),
      ...(options.from && { from: options.from }),
      ...(options.to && { to: options.to }),
      ...(options.granularity && { granularity: options.granularity }),
    });
    series.tookMs = Math.round((performance.now() - started) * 100) / 100;
    return series;
  }

  summary(id: string): ArticleSummary {
    const record = this.get(id);
    if (!record) throw new UserInputError('unknown-article', `No article with id "${id.slice(0, 120)}".`);
    const { article } = record;
    const visible = this.repeated.view(article);
    const { sentences, summary } = summaryOf({ ...visible, title: article.title });
    const shape = articleShape(visible);
    return {
      ...describe(article),
      shape,
      list: shape === 'list' ? listOutline(visible) : null,
      chars: visible.paragraphs.reduce((n, p) => n + p.length, 0) + Math.max(0, visible.paragraphs.length - 1),
      sentences,
      summary,
      related: this.related(record),
    };
  }

  /** Articles whose titles share the most words with this one's; the article and its near-duplicates left out. */
  private related(record: IndexedRecord): RelatedArticle[] {
    const own = new Set(typedTerms(record.titleKey));
    const compactTitle = (r: IndexedRecord) => r.titleKey.replace(/\s+/g, '');
    const out: RelatedArticle[] = [];
    // A few more than needed: some may be near-duplicates.
    for (const other of this.ranked(this.suggestions.related(record.titleKey), 4 * RESULT_LIMITS.related)) {
      if (other.article.id === record.article.id || compactTitle(other) === compactTitle(record)) continue;
      if (other.article.paragraphs[0] !== undefined && other.article.paragraphs[0] === record.article.paragraphs[0]) continue;
      const theirs = typedTerms(other.titleKey);
      const shared = theirs.filter((t) => own.has(t)).length;
      if (shared / (own.size + new Set(theirs).size - shared) >= NEAR_DUPLICATE_TITLES) continue;
      out.push(describe(other.article));
      if (out.length === RESULT_LIMITS.related) break;
    }
    return out;
  }

  /**
   * The best `limit` live articles of the suggestions, the newest first among equal scores.
   * A one-letter prefix can match most titles: the top is kept as it goes, nothing more sorted.
   */
  private ranked(suggestions: readonly Suggestion[], limit: number): IndexedRecord[] {
    type Ranked = { record: IndexedRecord; score: number };
    const before = (a: Ranked, b: Ranked) => b.score - a.score || newestFirst(a.record, b.record);
    const top: Ranked[] = [];
    if (limit < 1) return [];
    for (const s of suggestions) {
      const record = this.get(s.id);
      if (!record) continue;
      // Scores are sums of the same few numbers: rounding makes equal ones compare equal.
      const entry = { record, score: Math.round(s.score * 1e6) / 1e6 };
      if (top.length === limit && before(entry, top[limit - 1]!) >= 0) continue;
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && before(entry, top[at - 1]!) < 0) {
        top[at] = top[at - 1]!;
        at--;
      }
      top[at] = entry;
    }
    return top.map((r) => r.record);
  }

  suggestArticles(text: string, limit: number): ArticleChoice[] {
    const records = text.trim() === '' ? this.newest().slice(0, limit) : this.ranked(this.suggestions.articles(text), limit);
    return records.map(({ article }) => ({ id: article.id, title: article.title ?? article.id }));
  }

  /** Live articles, newest first, sorted again only after the index changed (an empty autocomplete asks per keystroke). */
  private newest(): IndexedRecord[] {
    if (this.newestList && this.newestFor === this.live) return this.newestList;
    this.newestList = [...this.live.values()].map((seq) => this.records.get(seq)!).sort(newestFirst);
    this.newestFor = this.live;
    return this.newestList;
  }

  private newestList: IndexedRecord[] | null = null;
  private newestFor: ReadonlyMap<string, number> | null = null;

  suggestSources(text: string, limit: number): SourceCount[] {
    const all = this.sources();
    if (text.trim() === '') return all.slice(0, limit);
    const count = new Map(all.map((s) => [s.source, s.count]));
    return this.suggestions
      .sources(text)
      .filter((s) => count.has(s.id))
      .map((s) => ({ source: s.id, count: count.get(s.id)!, score: Math.round(s.score * 1e6) / 1e6 }))
      .sort((a, b) => b.score - a.score || b.count - a.count || a.source.localeCompare(b.source))
      .slice(0, limit)
      .map(({ source, count }) => ({ source, count }));
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
