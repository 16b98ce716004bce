// The corpus folder as a searchable library: first load, incremental reloads that
// coalesce and never lose the working index, and the Library API the commands use.
import { readFile, stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Article, SkippedFile } from './corpus/article.ts';
import { parseArticle, scanCorpus } from './corpus/load.ts';
import { SearchEngine } from './search/engine.ts';
import { prepareArticle, type PreparedArticle } from './search/prepare.ts';
import type {
  ArticleChoice,
  ArticleSummary,
  CorpusStats,
  Library,
  ReloadReport,
  SearchOptions,
  SearchResponse,
  SourceCount,
} from './search/types.ts';

export interface LibraryOptions {
  corpusDir: string;
  logger?: Logger;
}

/** A whole (re)load that could not run: the previous index stays in service. */
export class CorpusUnavailableError extends Error {
  override name = 'CorpusUnavailableError';
}

interface FileState {
  size: number;
  mtimeMs: number;
}

interface ScanResult {
  upsert: PreparedArticle[];
  added: string[];
  changed: string[];
  removed: string[];
  failed: SkippedFile[];
  files: Map<string, FileState>;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 300);
}

export class CorpusLibrary implements Library {
  private readonly engine = new SearchEngine();
  /** What each file looked like when it was last read, failed ones included. */
  private files = new Map<string, FileState>();
  private skipped: SkippedFile[] = [];
  private loadedAt = 0;
  private running: Promise<ReloadReport> | null = null;

  constructor(private readonly options: LibraryOptions) {}

  get corpusDir(): string {
    return this.options.corpusDir;
  }

  /** Reads the folder and applies what changed since the last scan. */
  private async scan(): Promise<ScanResult> {
    const root = this.options.corpusDir;
    const info = await stat(root).catch((error: unknown) => {
      throw new CorpusUnavailableError(`cannot read the corpus folder ${root}: ${oneLine(error)}`);
    });
    if (!info.isDirectory()) throw new CorpusUnavailableError(`the corpus path ${root} is not a folder`);
    const { files: listed, skipped } = await scanCorpus(root);
    const result: ScanResult = { upsert: [], added: [], changed: [], removed: [], failed: [...skipped], files: new Map() };
    for (const file of listed) {
      const state = { size: file.size, mtimeMs: file.mtimeMs };
      result.files.set(file.id, state);
      const before = this.files.get(file.id);
      if (before && before.size === state.size && before.mtimeMs === state.mtimeMs) {
        const stillFailing = this.skipped.find((s) => s.file === file.id);
        if (stillFailing) result.failed.push(stillFailing);
        continue;
      }
      try {
        const article = parseArticle(file.id, await readFile(file.path));
        result.upsert.push(prepareArticle(article));
        (this.engine.get(file.id) ? result.changed : result.added).push(file.id);
      } catch (error) {
        // A file that broke keeps its last good version in the index; it is reported, not lost.
        result.failed.push({ file: file.id, reason: oneLine(error) });
      }
    }
    for (const { article } of this.engine.articles()) {
      if (!result.files.has(article.id)) result.removed.push(article.id);
    }
    if (listed.length === 0 && this.engine.size > 0) {
      throw new CorpusUnavailableError(`the corpus folder ${root} has no article files now`);
    }
    return result;
  }

  private async run(): Promise<ReloadReport> {
    const started = performance.now();
    const scanned = await this.scan();
    await this.engine.apply({ upsert: scanned.upsert, remove: scanned.removed });
    this.files = scanned.files;
    this.skipped = scanned.failed;
    this.loadedAt = Date.now();
    const report: ReloadReport = {
      added: scanned.added,
      changed: scanned.changed,
      removed: scanned.removed,
      failed: scanned.failed,
      ms: Math.round(performance.now() - started),
      coalesced: false,
    };
    this.options.logger?.info(
      { added: report.added.length, changed: report.changed.length, removed: report.removed.length, failed: report.failed.length, ms: report.ms },
      'corpus loaded',
    );
    return report;
  }

  reload(): Promise<ReloadReport> {
    if (this.running) return this.running.then((report) => ({ ...report, coalesced: true }));
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The clean article, for the console's `show`; not part of the Library API. */
  article(id: string): Article | undefined {
    return this.engine.get(id)?.article;
  }

  search(query: string, options?: SearchOptions): SearchResponse {
    return this.engine.search(query, options, 'search');
  }

  ask(question: string, options?: SearchOptions): SearchResponse {
    return this.engine.search(question, { ...options, limit: options?.limit ?? 3 }, 'ask');
  }

  summary(id: string): ArticleSummary {
    return this.engine.summary(id);
  }

  suggestArticles(text: string, limit: number): ArticleChoice[] {
    return this.engine.suggestArticles(text, limit);
  }

  suggestSources(text: string, limit: number): SourceCount[] {
    const needle = text.trim().toLowerCase();
    return this.engine
      .sources()
      .filter((s) => !needle || s.source.toLowerCase().includes(needle))
      .slice(0, limit);
  }

  stats(): CorpusStats {
    return {
      articles: this.engine.size,
      sources: this.engine.sources(),
      dateRange: this.engine.dateRange(),
      skipped: this.skipped,
      loadedAt: this.loadedAt,
    };
  }
}

/** Opens the corpus folder and loads it; throws CorpusUnavailableError when it cannot be read. */
export async function openLibrary(options: LibraryOptions): Promise<CorpusLibrary> {
  const library = new CorpusLibrary(options);
  await library.reload();
  return library;
}
