// The corpus folder as a searchable library: first load (from a snapshot when one matches),
// incremental reloads that coalesce and never lose the working index, and the Library API
// the commands use.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { Logger } from 'pino';
import type { Article, SkippedFile } from './corpus/article.ts';
import { SNAPSHOT_WRITE_TIMEOUT_MS } from './config/env.ts';
import { scanCorpus, type CorpusReadOptions } from './corpus/load.ts';
import { SearchEngine, type Mode, type SearchPhases } from './search/engine.ts';
import { RESULT_LIMITS } from './search/result-limits.ts';
import type { FileToPrepare } from './search/prepare-file.ts';
import type { PreparedArticle } from './search/prepare.ts';
import { SegmenterThread } from './search/segmenter.ts';
import { LATE, checkSnapshotFolder, corpusFingerprint, loadSnapshot, makeFolder, saveSnapshot, withinDeadline, type FileState } from './search/snapshot.ts';
import type {
  ArticleChoice,
  ArticleSummary,
  CorpusStats,
  Library,
  ReloadReport,
  SearchOptions,
  SearchResponse,
  SourceCount,
  TimelineOptions,
  TimelineSeries,
} from './search/types.ts';
import { UserInputError } from './search/types.ts';
import { backgroundWait } from './search/turns.ts';
import { warmUpQueries } from './search/warm-up.ts';
import { warmTokenizer } from './search/tokenize.ts';
import { warmRawForms } from './corpus/normalise.ts';
import { prepareInOrder, tokenizerThreadByDefault } from './search/worker-pool.ts';
import { oneLine } from './corpus/parse-article.ts';

export interface LibraryOptions {
  corpusDir: string;
  /** Symbolic links and limits; default: links not followed (see CorpusReadOptions). */
  read?: CorpusReadOptions;
  logger?: Logger;
  /**
   * Folder for index snapshots, one subfolder per corpus folder; none is read or written
   * without it. The bot passes the SNAPSHOT_DIR environment variable here.
   */
  snapshotDir?: string | null;
  /**
   * A snapshot write that takes longer is abandoned with a warning, so a folder on a stuck
   * disk never holds up a reload or shutdown; default SNAPSHOT_WRITE_TIMEOUT_MS.
   */
  snapshotTimeoutMs?: number;
  /**
   * Segment words (jieba) on a worker thread, which uses a second core for building and
   * keeps the process's only jieba dictionary; default: on when there is a second core.
   */
  tokenizerThread?: boolean;
}

/** Corrections listed in one log line; the count says how many there were. */
const MAX_LOGGED_NOTES = 50;
/** Deadline for the start-up check that the snapshot folder can be written. */
export const SNAPSHOT_CHECK_MS = 5_000;

/** A whole (re)load that could not run: the previous index stays in service. */
export class CorpusUnavailableError extends Error {
  override name = 'CorpusUnavailableError';
}

interface Listing {
  toRead: FileToPrepare[];
  removed: string[];
  stillFailing: SkippedFile[];
  files: Map<string, FileState>;
}

/** Where this corpus's snapshot lives: corpora sharing SNAPSHOT_DIR do not overwrite each other. */
export function snapshotFolder(options: LibraryOptions): string | null {
  if (!options.snapshotDir) return null;
  const key = createHash('sha256').update(path.resolve(options.corpusDir)).digest('hex').slice(0, 16);
  return path.join(options.snapshotDir, key);
}

export class CorpusLibrary implements Library {
  private readonly engine: SearchEngine;
  /** What each file looked like when it was last read, failed ones included. */
  private files: Map<string, FileState>;
  private skipped: SkippedFile[];
  private loadedAt = 0;
  private version = '';
  private running: Promise<ReloadReport> | null = null;
  /** The snapshot being written after a reload; the next reload starts when it is done. */
  private saving: Promise<void> | null = null;
  /** The warm-up searches after the first load (warm-up.ts); null before it starts. */
  private warming: Promise<void> | null = null;
  private warmUpDone: { queries: number; ms: number } | null = null;
  private warmUpStopped = false;
  /** When someone last searched, asked, or typed in an autocomplete (performance.now()). */
  private askedAt = -Infinity;
  /** Fingerprint of the corpus the snapshot on disk holds; null when there is none. */
  private savedFingerprint: string | null;
  private readonly thread: SegmenterThread | null;

  constructor(
    private readonly options: LibraryOptions,
    restored?: Awaited<ReturnType<typeof loadSnapshot>>,
  ) {
    this.engine = new SearchEngine(restored?.engine);
    this.files = restored?.corpus.files ?? new Map<string, FileState>();
    this.skipped = restored?.corpus.skipped ?? [];
    this.savedFingerprint = restored?.fingerprint ?? null;
    this.thread = (options.tokenizerThread ?? tokenizerThreadByDefault()) ? SegmenterThread.start() : null;
  }

  /** Lists the folder and works out what changed since the last scan. */
  private async list(): Promise<Listing> {
    const root = this.options.corpusDir;
    const info = await stat(root).catch((error: unknown) => {
      throw new CorpusUnavailableError(`cannot read the corpus folder ${root}: ${oneLine(error)}`);
    });
    if (!info.isDirectory()) throw new CorpusUnavailableError(`the corpus path ${root} is not a folder`);
    const { files: listed, skipped } = await scanCorpus(root, this.options.read);
    if (listed.length === 0 && this.engine.size > 0) {
      throw new CorpusUnavailableError(`the corpus folder ${root} has no article files now`);
    }
    const skippedById = new Map(this.skipped.map((s) => [s.file, s]));
    const listing: Listing = { toRead: [], removed: [], stillFailing: [...skipped], files: new Map() };
    for (const file of listed) {
      const state = { size: file.size, mtimeMs: file.mtimeMs };
      listing.files.set(file.id, state);
      const before = this.files.get(file.id);
      if (before && before.size === state.size && before.mtimeMs === state.mtimeMs) {
        const failing = skippedById.get(file.id);
        if (failing) listing.stillFailing.push(failing);
        continue;
      }
      listing.toRead.push({ id: file.id, path: file.path, size: file.size });
    }
    for (const { article } of this.engine.articles()) {
      if (!listing.files.has(article.id)) listing.removed.push(article.id);
    }
    return listing;
  }

  private async run(): Promise<ReloadReport> {
    const started = performance.now();
    const listing = await this.list();
    const added: string[] = [];
    const changed: string[] = [];
    const failed = listing.stillFailing;
    const notes: string[] = [];
    const engine = this.engine;
    const thread = this.thread;
    const read = this.options.read;
    // Outcomes stream into the index as they are ready.
    async function* upserts(): AsyncGenerator<PreparedArticle> {
      for await (const outcome of prepareInOrder(listing.toRead, thread, read)) {
        if ('failed' in outcome) {
          // A file that broke keeps its last good version in the index; it is reported, not lost.
          failed.push({ file: outcome.id, reason: outcome.failed });
          continue;
        }
        (engine.get(outcome.id) ? changed : added).push(outcome.id);
        for (const note of outcome.prepared.article.notes ?? []) notes.push(`${outcome.id}: ${note}`);
        yield outcome.prepared;
      }
    }
    await this.engine.apply({ upsert: upserts(), remove: listing.removed });
    this.files = listing.files;
    this.skipped = failed;
    this.loadedAt = Date.now();
    this.version = corpusFingerprint(this.files);
    // The new index is live: searches need not wait for the snapshot.
    this.saving = this.saveSnapshot().finally(() => {
      this.saving = null;
    });
    const report: ReloadReport = {
      added,
      changed,
      removed: listing.removed,
      failed,
      ms: Math.round(performance.now() - started),
      coalesced: false,
    };
    if (notes.length > 0) {
      this.options.logger?.warn(
        { count: notes.length, notes: notes.slice(0, MAX_LOGGED_NOTES) },
        'articles loaded with corrections (e.g. implausible dates treated as unknown)',
      );
    }
    this.options.logger?.info(
      { added: report.added.length, changed: report.changed.length, removed: report.removed.length, failed: report.failed.length, ms: report.ms },
      'corpus loaded',
    );
    return report;
  }

  /** Saves the index when the corpus differs from the saved one; a failure is logged, never fatal. */
  private async saveSnapshot(): Promise<void> {
    const dir = snapshotFolder(this.options);
    if (!dir) return;
    const fingerprint = corpusFingerprint(this.files);
    if (fingerprint === this.savedFingerprint) return;
    const timeoutMs = this.options.snapshotTimeoutMs ?? SNAPSHOT_WRITE_TIMEOUT_MS;
    const abort = new AbortController();
    try {
      const started = performance.now();
      // Packing is memory work and always finishes; only the disk gets a deadline.
      const state = await this.engine.exportState();
      const corpus = { files: this.files, skipped: this.skipped };
      const writing = makeFolder(dir).then(() => saveSnapshot(dir, fingerprint, state, corpus, abort.signal));
      const outcome = await withinDeadline(writing, timeoutMs);
      if (outcome === LATE) {
        abort.abort();
        writing.catch(() => undefined); // it stops at its next write, leaving no file
        this.options.logger?.warn({ dir, timeoutMs }, 'index snapshot abandoned: not written in time (SNAPSHOT_DIR)');
        return;
      }
      this.savedFingerprint = fingerprint;
      this.options.logger?.info({ dir, mb: Math.round(outcome.value / 1e6), ms: Math.round(performance.now() - started) }, 'index snapshot saved');
    } catch (error) {
      this.options.logger?.warn({ dir, err: oneLine(error) }, 'index snapshot not saved');
    }
  }

  /**
   * Runs the warm-up searches once per process, after the first load's snapshot: a few hundred
   * searches, ask()s and summaries made from the corpus, one at a time when nobody else is
   * asking (idle). A failure ends the warm-up, logged; so does stopWarmUp().
   */
  private async warmUp(): Promise<void> {
    await this.saving;
    const started = performance.now();
    const articles = [...this.engine.articles()].map((record) => record.article);
    const queries = warmUpQueries(articles);
    try {
      for (const query of queries) {
        if (!(await this.idle())) return;
        try {
          this.answer(query.mode, query.text, query.options);
        } catch (error) {
          if (!(error instanceof UserInputError)) throw error;
        }
        if (!query.summary) continue;
        if (!(await this.idle())) return;
        if (this.engine.get(query.summary)) this.engine.summary(query.summary);
      }
      this.warmUpDone = { queries: queries.length, ms: Math.round(performance.now() - started) };
      this.options.logger?.info(this.warmUpDone, 'query path warmed up');
    } catch (error) {
      this.options.logger?.warn({ err: oneLine(error) }, 'query path warm-up stopped');
    }
  }

  /**
   * Waits for a turn of the event loop with no request in the last WARM_UP_IDLE_MS: a warm-up
   * search must not hold up someone's, and a stream of them warms the code by itself.
   * False once the warm-up is stopped.
   */
  private async idle(): Promise<boolean> {
    await backgroundWait();
    while (!this.warmUpStopped && performance.now() - this.askedAt < WARM_UP_IDLE_MS) await backgroundWait(WARM_UP_IDLE_MS);
    return !this.warmUpStopped;
  }

  /** Resolves when no reload runs and no snapshot is being written (shutdown waits, so the snapshot is whole). */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.saving;
  }

  /**
   * Resolves when the first load's warm-up searches are done (or were stopped), or at once when
   * none run. The warm-up alone never keeps the process alive (a one-shot console command
   * exits after its answer); waiting for it here does.
   */
  async warmedUp(): Promise<void> {
    const hold = setInterval(() => undefined, 60_000);
    try {
      await this.warming;
    } finally {
      clearInterval(hold);
    }
  }

  /** Ends the warm-up after the search it is on (shutdown need not wait for the rest). */
  stopWarmUp(): Promise<void> {
    this.warmUpStopped = true;
    return this.warmedUp();
  }

  reload(): Promise<ReloadReport> {
    if (this.running) return this.running.then((report) => ({ ...report, coalesced: true }));
    // Packing the index for a snapshot and indexing a reload must not interleave.
    const afterSave = this.saving ?? Promise.resolve();
    this.running = afterSave
      .then(() => this.run())
      .then((report) => {
        this.warming ??= this.warmUp();
        return report;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** The clean article, for the console's `show`; not part of the Library API. */
  article(id: string): Article | undefined {
    return this.engine.get(id)?.article;
  }

  search(query: string, options?: SearchOptions): SearchResponse {
    this.askedAt = performance.now();
    return this.answer('search', query, options);
  }

  ask(question: string, options?: SearchOptions): SearchResponse {
    this.askedAt = performance.now();
    return this.answer('ask', question, options);
  }

  /** search() and ask() without counting as someone's request (the warm-up's own). */
  private answer(mode: Mode, text: string, options?: SearchOptions): SearchResponse {
    return mode === 'ask'
      ? this.engine.search(text, { ...options, limit: options?.limit ?? RESULT_LIMITS.ask }, 'ask')
      : this.engine.search(text, options, 'search');
  }

  summary(id: string): ArticleSummary {
    this.askedAt = performance.now();
    return this.engine.summary(id);
  }

  /** The first load's warm-up searches and how long they took, once done; for the scale bench, not part of the Library API. */
  warmUpFigures(): { queries: number; ms: number } | null {
    return this.warmUpDone;
  }

  /** Tells `listener` where each search's time goes (the scale bench); null stops it. Not part of the Library API. */
  profileSearches(listener: ((phases: SearchPhases) => void) | null): void {
    this.engine.onSearched = listener;
  }

  suggestArticles(text: string, limit: number): ArticleChoice[] {
    this.askedAt = performance.now();
    return this.engine.suggestArticles(text, limit);
  }

  suggestSources(text: string, limit: number): SourceCount[] {
    this.askedAt = performance.now();
    return this.engine.suggestSources(text, limit);
  }

  timeline(query: string, options?: TimelineOptions): TimelineSeries {
    this.askedAt = performance.now();
    return this.engine.timeline(query, options);
  }

  /** The scored matches a timeline counts from, for the benchmark that chooses the threshold; not part of the Library API. */
  timelineMatches(query: string, options?: TimelineOptions): ReturnType<SearchEngine['timelineMatches']> {
    return this.engine.timelineMatches(query, options);
  }

  stats(): CorpusStats {
    return {
      articles: this.engine.size,
      sources: this.engine.sources(),
      dateRange: this.engine.dateRange(),
      skipped: this.skipped,
      loadedAt: this.loadedAt,
      version: this.version,
    };
  }
}

/** How long the warm-up waits after someone's request before its next search. */
const WARM_UP_IDLE_MS = 50;

/**
 * V8 lets its heap grow to about three times the live data before a full collection. Building
 * an index turns files into garbage fast, and at 10,000 articles (140 MB live) that left some
 * 200 MB of garbage in RSS at the peak. Growth of at most 2× keeps the peak about 80 MB lower
 * for a few percent more build time. The flag is process-wide; openLibrary sets it unless the
 * process was started with its own.
 */
const HEAP_GROWING_PERCENT = 100;

function limitHeapGrowth(): void {
  if (process.execArgv.some((flag) => flag.startsWith('--heap-growing-percent'))) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Opens the corpus folder and loads it; throws CorpusUnavailableError when it cannot be read.
 * With `snapshotDir`, starts from the saved index and re-reads only the files that changed
 * since; a snapshot that is corrupt or of another format is reported and rebuilt.
 */
export async function openLibrary(options: LibraryOptions): Promise<CorpusLibrary> {
  limitHeapGrowth();
  const threaded = options.tokenizerThread ?? tokenizerThreadByDefault();
  // The tokenizer thread starts and loads jieba's dictionary (1.6–1.9 s) while the snapshot is read.
  const threadReady = threaded ? SegmenterThread.start().ready : Promise.resolve(false);
  let restored: Awaited<ReturnType<typeof loadSnapshot>> = null;
  let snapshotDir = snapshotFolder(options);
  const problem = snapshotDir ? await checkSnapshotFolder(snapshotDir, SNAPSHOT_CHECK_MS) : null;
  if (problem) {
    // A folder that cannot be written (or hangs, as /proc does) turns snapshots off, loudly.
    options.logger?.warn({ dir: options.snapshotDir, reason: problem }, `SNAPSHOT_DIR cannot be written (${problem}); index snapshots are off`);
    options = { ...options, snapshotDir: null };
    snapshotDir = null;
  }
  if (snapshotDir) {
    const reading = loadSnapshot(snapshotDir).catch((error: unknown) => {
      options.logger?.warn({ dir: snapshotDir, err: oneLine(error) }, 'index snapshot not used; rebuilding');
      return null;
    });
    // Without the thread, the first query loads the dictionary here: do it while the snapshot is read.
    if (!threaded) warmTokenizer();
    warmRawForms();
    restored = await reading;
    if (restored) options.logger?.info({ dir: snapshotDir, articles: restored.corpus.files.size }, 'index snapshot loaded');
  } else warmRawForms();
  const library = new CorpusLibrary(options, restored);
  await library.reload();
  if (library.stats().articles === 0) {
    options.logger?.warn({ dir: options.corpusDir }, `no articles in the corpus folder ${options.corpusDir} (CORPUS_DIR): every search will find nothing`);
  }
  // Queries segment on the thread once it is ready; until then they would load a second dictionary here.
  if (threaded && !(await threadReady)) options.logger?.warn('tokenizer thread did not start; segmenting on the main thread');
  return library;
}
