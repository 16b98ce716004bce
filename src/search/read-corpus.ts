// The corpus read exactly as the bot reads it, for the console's `index` and `show` and the
// summary bench: the same listing and limits, small files parsed here and big ones on the
// parse thread, and what cleaning removed from each article.
import path from 'node:path';
import type { Article, RemovedParagraph, SkippedFile } from '../corpus/article.ts';
import { compareIds, DEFAULT_READ_OPTIONS, scanCorpus, type CorpusReadOptions } from '../corpus/load.ts';
import type { ParsedArticle } from '../corpus/parse-article.ts';
import { ParseThread } from './parse-thread.ts';

export interface CorpusRead {
  articles: Article[];
  /** Files that are not articles, with a one-line reason each, sorted by id. */
  skipped: SkippedFile[];
  /** What cleaning removed, by article id. */
  removed: Map<string, RemovedParagraph[]>;
}

/** Every article under `root`; a bad file is skipped with its reason and never stops the others. */
export async function readCorpus(root: string, options: CorpusReadOptions = DEFAULT_READ_OPTIONS): Promise<CorpusRead> {
  const { files, skipped } = await scanCorpus(root, options);
  const articles: Article[] = [];
  const removed = new Map<string, RemovedParagraph[]>();
  const parser = new ParseThread(options, Date.now());
  try {
    for (const file of files) {
      const outcome = await parser.prepareAny(file);
      if ('failed' in outcome) skipped.push({ file: outcome.id, reason: outcome.failed });
      else {
        articles.push(outcome.normalised.article);
        removed.set(outcome.id, outcome.removed);
      }
    }
  } finally {
    await parser.stop();
  }
  skipped.sort((a, b) => compareIds(a.file, b.file));
  return { articles, skipped, removed };
}

/** One article by id, read the same way; a file that is not one throws its one-line reason. */
export async function readArticle(root: string, id: string, options: CorpusReadOptions = DEFAULT_READ_OPTIONS): Promise<ParsedArticle> {
  const rel = path.relative(path.resolve(root), path.resolve(root, ...id.split('/')));
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${id}: not inside the corpus folder`);
  const { files, skipped } = await scanCorpus(root, options);
  const file = files.find((f) => f.id === id);
  if (!file) {
    // The file itself, or a folder on its way (a linked folder, say), may have been refused.
    const reason = skipped.find((s) => s.file === id || id.startsWith(`${s.file}/`))?.reason;
    throw new Error(reason ? `${id}: ${reason}` : `no article "${id}" in ${root}`);
  }
  const parser = new ParseThread(options, Date.now());
  try {
    const outcome = await parser.prepareAny(file);
    if ('failed' in outcome) throw new Error(`${id}: ${outcome.failed}`);
    return { article: outcome.normalised.article, removed: outcome.removed };
  } finally {
    await parser.stop();
  }
}
