import path from 'node:path';
import { stringFlag, type ParsedArgs } from './args.ts';

/** `--corpus DIR`, else CORPUS_DIR, else the bundled seeds. */
export function corpusDirFrom(args: ParsedArgs): string {
  return path.resolve(stringFlag(args, 'corpus') || process.env.CORPUS_DIR || 'seeds');
}
