// One corpus file → a parsed article with normalised search keys, or why it cannot be
// indexed. Synchronous, and free of jieba (which lives on the tokenizer thread), so the
// parse thread runs it too (see parse-thread.ts).
import { DEFAULT_READ_OPTIONS, parseOptions, readArticleBytesSync, type CorpusReadOptions } from '../corpus/load.ts';
import type { RemovedParagraph } from '../corpus/article.ts';
import { normaliseArticle, type NormalisedArticle } from './prepare.ts';
import { oneLine, parseArticleWithReport } from '../corpus/parse-article.ts';

export interface FileToPrepare {
  id: string;
  path: string;
  /** Bytes, when known from the listing: big files are parsed off the main thread. */
  size?: number;
}

/** `removed` is what cleaning took out: the index drops it, `index` and `show` report it. */
export type PrepareOutcome = { id: string; normalised: NormalisedArticle; removed: RemovedParagraph[] } | { id: string; failed: string };

/** `now` is the load time, for judging dates (see parseArticle). */
export function prepareFile(file: FileToPrepare, options: CorpusReadOptions = DEFAULT_READ_OPTIONS, now = Date.now()): PrepareOutcome {
  let bytes: Buffer;
  try {
    bytes = readArticleBytesSync(file.path, options);
  } catch (error) {
    return { id: file.id, failed: `cannot be read: ${oneLine(error)}` };
  }
  try {
    const { article, removed } = parseArticleWithReport(file.id, bytes, parseOptions(options, now));
    return { id: file.id, normalised: normaliseArticle(article), removed };
  } catch (error) {
    return { id: file.id, failed: oneLine(error) };
  }
}
