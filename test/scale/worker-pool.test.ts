// Building with a worker thread gives exactly the index a single-threaded build gives.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library.ts';
import { MIN_FILES_FOR_WORKERS, prepareInOrder } from '../../src/search/worker-pool.ts';
import { QUERIES, answers, memoryLogger, tempCorpus, type TempCorpus } from './helpers.ts';

let corpus: TempCorpus;
const BROKEN = 'zz-broken.md';

beforeAll(async () => {
  corpus = await tempCorpus(MIN_FILES_FOR_WORKERS + 20);
  await writeFile(path.join(corpus.corpusDir, BROKEN), '---\ntitle: only a title\n---\n\n');
});

afterAll(() => corpus.remove());

describe('worker-thread build', () => {
  it('prepares every file, in order, failures included', async () => {
    const files = [...corpus.names, BROKEN].map((id) => ({ id, path: path.join(corpus.corpusDir, id) }));
    const ids: string[] = [];
    const failed: string[] = [];
    for await (const outcome of prepareInOrder(files, 1)) {
      ids.push(outcome.id);
      if ('failed' in outcome) failed.push(outcome.id);
    }
    expect(ids).toEqual(files.map((f) => f.id));
    expect(failed).toEqual([BROKEN]);
  });

  it('ranks exactly as the single-threaded build', async () => {
    const one = memoryLogger();
    const single = await openLibrary({ corpusDir: corpus.corpusDir, workers: 0, logger: one.logger });
    const pooled = await openLibrary({ corpusDir: corpus.corpusDir, workers: 1 });
    expect(pooled.stats().articles).toBe(corpus.names.length);
    expect(pooled.stats().skipped.map((s) => s.file)).toEqual([BROKEN]);
    expect(pooled.stats().skipped).toEqual(single.stats().skipped);
    const expected = answers(single, QUERIES);
    expect(expected.some((a) => (a as { total: number }).total > 10)).toBe(true);
    expect(answers(pooled, QUERIES)).toEqual(expected);
  });
});
