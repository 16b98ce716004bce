// Loading a corpus folder: every .md/.markdown/.txt/.html file below the root is one article,
// id = path relative to the root with `/` separators. A file that cannot become an article is
// listed as skipped with a one-line reason; it never stops the others.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, CorpusLoadResult, SkippedFile } from './article.ts';
import { oneLine, parseArticleWithReport, type ParsedArticle } from './parse-article.ts';

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

/** Lists article files with size and mtime (for incremental reload), sorted by id. */
export async function listCorpusFiles(root: string): Promise<CorpusFile[]> {
  return (await scanCorpus(root)).files;
}

/** Files stat()ed at once while listing. */
const STAT_BATCH = 64;

export async function scanCorpus(root: string): Promise<CorpusListing> {
  const rootStat = await stat(root).catch((err: unknown) => {
    throw new Error(`corpus folder ${root} cannot be read: ${oneLine(err)}`);
  });
  if (!rootStat.isDirectory()) throw new Error(`corpus folder ${root} is not a directory`);
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch (err) {
      if (rel) skipped.push({ file: toId(rel), reason: `folder cannot be read: ${oneLine(err)}` });
      else throw new Error(`corpus folder ${root} cannot be read: ${oneLine(err)}`);
      continue;
    }
    const articleFiles: string[] = [];
    for (const entry of entries) {
      const relPath = rel ? path.join(rel, entry.name) : entry.name;
      const hasArticleExt = ARTICLE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase());
      if (entry.isDirectory()) {
        if (hasArticleExt) skipped.push({ file: toId(relPath), reason: 'is a directory, not a file' });
        if (!entry.name.startsWith('.')) pending.push(relPath);
      } else if (hasArticleExt) articleFiles.push(relPath);
    }
    // Many stats at once: one at a time, 10,000 files took half a second.
    for (let i = 0; i < articleFiles.length; i += STAT_BATCH) {
      const batch = articleFiles.slice(i, i + STAT_BATCH);
      const stats = await Promise.allSettled(batch.map((relPath) => stat(path.join(root, relPath))));
      stats.forEach((result, k) => {
        const relPath = batch[k]!;
        if (result.status === 'rejected') skipped.push({ file: toId(relPath), reason: `cannot be read: ${oneLine(result.reason)}` });
        else if (!result.value.isFile()) skipped.push({ file: toId(relPath), reason: 'not a regular file' });
        else files.push({ id: toId(relPath), path: path.join(root, relPath), size: result.value.size, mtimeMs: result.value.mtimeMs });
      });
    }
  }
  files.sort((a, b) => compareIds(a.id, b.id));
  return { files, skipped };
}

/** Loads every article under root; bad files are listed in `skipped`, sorted by id. */
export async function loadCorpus(root: string): Promise<CorpusLoadResult & { removedByRule: Map<string, number> }> {
  const { files, skipped } = await scanCorpus(root);
  const articles: Article[] = [];
  const removedByRule = new Map<string, number>();
  // Read in small batches: enough parallel I/O to be quick, never thousands of open files.
  const BATCH = 32;
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const results = await Promise.all(batch.map((f) => loadFile(f.id, f.path)));
    for (const r of results) {
      if ('article' in r) {
        articles.push(r.article);
        for (const { rule } of r.removed) removedByRule.set(rule, (removedByRule.get(rule) ?? 0) + 1);
      } else skipped.push(r.skipped);
    }
  }
  skipped.sort((a, b) => compareIds(a.file, b.file));
  return { articles, skipped, removedByRule };
}

/** Loads one article by id, with what cleaning removed; throws an Error with a one-line message for a bad file. */
export async function loadArticleFile(root: string, id: string): Promise<ParsedArticle> {
  const full = path.resolve(root, ...id.split('/'));
  const rel = path.relative(path.resolve(root), full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${id}: not inside the corpus folder`);
  const s = await stat(full).catch(() => null);
  if (!s) throw new Error(`no article "${id}" in ${root}`);
  if (!s.isFile()) throw new Error(`${id}: not a regular file`);
  const r = await loadFile(id, full);
  if ('article' in r) return r;
  throw new Error(`${r.skipped.file}: ${r.skipped.reason}`);
}

async function loadFile(id: string, file: string): Promise<ParsedArticle | { skipped: SkippedFile }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return { skipped: { file: id, reason: `cannot be read: ${oneLine(err)}` } };
  }
  try {
    return parseArticleWithReport(id, bytes);
  } catch (err) {
    return { skipped: { file: id, reason: oneLine(err) } };
  }
}

function toId(relPath: string): string {
  return relPath.split(path.sep).join('/');
}

/** Plain code-unit order: stable across machines and locales. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
