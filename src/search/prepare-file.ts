// One corpus file → a parsed article with normalised search keys, or why it cannot be
// indexed. Synchronous, and free of jieba (which lives on the tokenizer thread).
import { parseArticle, readArticleBytesSync } from '../corpus/load.ts';
import { normaliseArticle, type NormalisedArticle } from './prepare.ts';
import { oneLine } from '../corpus/parse-article.ts';

export interface FileToPrepare {
  id: string;
  path: string;
}

export type PrepareOutcome = { id: string; normalised: NormalisedArticle } | { id: string; failed: string };


export function prepareFile(file: FileToPrepare): PrepareOutcome {
  let bytes: Buffer;
  try {
    bytes = readArticleBytesSync(file.path);
  } catch (error) {
    return { id: file.id, failed: `cannot be read: ${oneLine(error)}` };
  }
  try {
    return { id: file.id, normalised: normaliseArticle(parseArticle(file.id, bytes)) };
  } catch (error) {
    return { id: file.id, failed: oneLine(error) };
  }
}

