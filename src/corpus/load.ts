// Loading a corpus folder: every .md/.markdown/.txt/.html file below the root is one article,
// id = path relative to the root with `/` separators. A file that cannot become an article is
// listed as skipped with a one-line reason; it never stops the others.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SkippedFile } from './article.ts';
import { DEFAULT_HTML_LIMITS, type HtmlLimits } from './html-shape.ts';
import { DEFAULT_MAX_ARTICLE_CHARS, oneLine, type ParseOptions } from './parse-article.ts';

export { parseArticle } from './parse-article.ts';

export const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.txt', '.html'];

export interface CorpusFile {
  id: string;
  path: string;
  size: number;
  mtimeMs: number;
}

export interface CorpusListing {
  files: CorpusFile[];
  /** Entries with an article extension that are not readable files (directories, dangling links...). */
  skipped: SkippedFile[];
}

/** How the folder is read: symbolic links and limits, from the environment (see src/config/env.ts). */
export interface CorpusReadOptions extends HtmlLimits {
  /**
   * Follow symbolic links whose target lies inside the corpus folder. Links that point
   * outside it are never followed, whatever this says.
   */
  followSymlinks: boolean;
  /** A larger file is skipped, with its size as the reason. */
  maxFileBytes: number;
  /** An article that takes longer to parse (on the parse thread, see parse-thread.ts) is skipped. */
  parseTimeoutMs: number;
  /** Only this many characters of an article's clean text are kept, with a note saying so. */
  maxArticleChars: number;
}

export const MB = 1024 * 1024;

export const DEFAULT_READ_OPTIONS: CorpusReadOptions = {
  followSymlinks: false,
  // News articles are kilobytes; a 50 MB "article" is a mistake, and would slow every query that finds it.
  maxFileBytes: 5 * MB,
  parseTimeoutMs: 10_000,
  maxArticleChars: DEFAULT_MAX_ARTICLE_CHARS,
  ...DEFAULT_HTML_LIMITS,
};

/** Why a file of `size` bytes is not read, or null when it may be. */
export function sizeProblem(size: number, options: CorpusReadOptions): string | null {
  if (size <= options.maxFileBytes) return null;
  const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;
  return `file is ${mb(size)}, over the ${mb(options.maxFileBytes)} limit (CORPUS_MAX_FILE_MB)`;
}

/** Lists article files with size and mtime (for incremental reload), sorted by id. */
export async function listCorpusFiles(root: string, options: CorpusReadOptions = DEFAULT_READ_OPTIONS): Promise<CorpusFile[]> {
  return (await scanCorpus(root, options)).files;
}

/** Files stat()ed at once while listing. */
const STAT_BATCH = 64;

const NOT_FOLLOWED = 'symbolic link, not followed (CORPUS_FOLLOW_SYMLINKS=false)';
const POINTS_OUTSIDE = 'symbolic link to a path outside the corpus folder, not followed';

/** Whether `real` (a resolved path) is `realRoot` or lies below it. */
export function isInside(realRoot: string, real: string): boolean {
  const rel = path.relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The folder's real path (links resolved), or a one-line error. */
async function realRootOf(root: string): Promise<string> {
  const real = await realpath(root).catch((err: unknown) => {
    throw new Error(`corpus folder ${root} cannot be read: ${oneLine(err)}`);
  });
  const rootStat = await stat(real);
  if (!rootStat.isDirectory()) throw new Error(`corpus folder ${root} is not a directory`);
  return real;
}

/**
 * Every article file below root. A file is accepted only if its real path lies inside the
 * folder's real path: a link out of the folder (to /etc/passwd, say) is listed as skipped,
 * and with followSymlinks off every link is. `path` is the file's real path, read later
 * without following links (see prepare-file.ts).
 */
export async function scanCorpus(root: string, options: CorpusReadOptions = DEFAULT_READ_OPTIONS): Promise<CorpusListing> {
  const realRoot = await realRootOf(root);
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  // Folders by id, with their real path. Linked folders wait until the real tree is walked, and
  // a folder already walked is not walked again: an article keeps its real path as its id, once.
  const pending: { rel: string; real: string }[] = [{ rel: '', real: realRoot }];
  const linkedFolders: { rel: string; real: string }[] = [];
  const seenFolders = new Set([realRoot]);
  while (pending.length > 0 || linkedFolders.length > 0) {
    if (pending.length === 0) {
      const linked = linkedFolders.shift()!;
      if (!seenFolders.has(linked.real)) {
        seenFolders.add(linked.real);
        pending.push(linked);
      }
      continue;
    }
    const { rel, real } = pending.pop()!;
    let entries;
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch (err) {
      if (rel) skipped.push({ file: toId(rel), reason: `folder cannot be read: ${oneLine(err)}` });
      else throw new Error(`corpus folder ${root} cannot be read: ${oneLine(err)}`, { cause: err });
      continue;
    }
    const articleFiles: { relPath: string; real: string }[] = [];
    for (const entry of entries) {
      const relPath = rel ? path.join(rel, entry.name) : entry.name;
      const entryPath = path.join(real, entry.name);
      const hasArticleExt = ARTICLE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase());
      if (entry.isDirectory()) {
        // A folder named like an article (`x.md/`) is just a folder: the articles in it load.
        if (!entry.name.startsWith('.')) {
          seenFolders.add(entryPath);
          pending.push({ rel: relPath, real: entryPath });
        }
      } else if (entry.isSymbolicLink()) {
        const target = await realpath(entryPath).catch(() => null);
        const targetStat = target === null ? null : await stat(target).catch(() => null);
        const isFolder = targetStat?.isDirectory() === true;
        // Links to other kinds of file are ignored like the files themselves.
        if (!isFolder && !hasArticleExt) continue;
        if (target === null || targetStat === null) skipped.push({ file: toId(relPath), reason: 'cannot be read: dangling symbolic link' });
        else if (!isInside(realRoot, target)) skipped.push({ file: toId(relPath), reason: POINTS_OUTSIDE });
        else if (!options.followSymlinks) skipped.push({ file: toId(relPath), reason: NOT_FOLLOWED });
        else if (!isFolder) articleFiles.push({ relPath, real: target });
        else if (!entry.name.startsWith('.')) linkedFolders.push({ rel: relPath, real: target });
      } else if (hasArticleExt) articleFiles.push({ relPath, real: entryPath });
    }
    // Many stats at once: one at a time, 10,000 files took half a second.
    for (let i = 0; i < articleFiles.length; i += STAT_BATCH) {
      const batch = articleFiles.slice(i, i + STAT_BATCH);
      const stats = await Promise.allSettled(batch.map((f) => lstat(f.real)));
      stats.forEach((result, k) => {
        const { relPath, real: filePath } = batch[k]!;
        if (result.status === 'rejected') skipped.push({ file: toId(relPath), reason: `cannot be read: ${oneLine(result.reason)}` });
        else if (!result.value.isFile()) skipped.push({ file: toId(relPath), reason: 'not a regular file' });
        else if (sizeProblem(result.value.size, options)) skipped.push({ file: toId(relPath), reason: sizeProblem(result.value.size, options)! });
        else files.push({ id: toId(relPath), path: filePath, size: result.value.size, mtimeMs: result.value.mtimeMs });
      });
    }
  }
  files.sort((a, b) => compareIds(a.id, b.id));
  return { files, skipped };
}

/**
 * A listed file's bytes. `file` is its real path: a link put in its place since the listing
 * is not followed (O_NOFOLLOW), so it cannot lead out of the folder; a file that grew past
 * the size limit since is refused.
 */
export function readArticleBytesSync(file: string, options: CorpusReadOptions): Buffer {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const tooBig = sizeProblem(fstatSync(fd).size, options);
    if (tooBig) throw new Error(tooBig);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What parsing needs of the reading options. */
export function parseOptions(options: CorpusReadOptions, now = Date.now()): ParseOptions {
  return { html: options, maxChars: options.maxArticleChars, now };
}

function toId(relPath: string): string {
  return relPath.split(path.sep).join('/');
}

/** Plain code-unit order: stable across machines and locales. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
