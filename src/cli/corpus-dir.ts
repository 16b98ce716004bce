import path from 'node:path';
import { corpusReadOptionsOrThrow } from '../config/env.ts';
import type { CorpusReadOptions } from '../corpus/load.ts';
import { stringFlag, type ParsedArgs } from './args.ts';

/** `--corpus DIR`, else CORPUS_DIR, else the bundled seeds. */
export function corpusDirFrom(args: ParsedArgs): string {
  return path.resolve(stringFlag(args, 'corpus') || process.env.CORPUS_DIR || 'seeds');
}

/** The CORPUS_* reading settings (symbolic links, limits) from the environment. */
export function corpusReadOptions(): CorpusReadOptions {
  return corpusReadOptionsOrThrow(process.env);
}
