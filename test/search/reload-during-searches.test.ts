// A reload of many files runs while searches keep arriving: every one is answered, from
// the old index or the new, never from half of each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviseSyntheticCorpus } from '../../src/bench/synthetic.ts';
import { openLibrary, type CorpusLibrary } from '../../src/library.ts';
import { testMaterial } from '../helpers.ts';
import { tempCorpus, type TempCorpus } from './helpers.ts';

let corpus: TempCorpus;
let library: CorpusLibrary;

beforeAll(async () => {
  corpus = await tempCorpus(120);
  library = await openLibrary({ corpusDir: corpus.corpusDir, tokenizerThread: false });
});

afterAll(() => corpus.remove());

describe('reload during searches', () => {
  it('answers every search while a third of the corpus is re-read', async () => {
    const changed = await reviseSyntheticCorpus(corpus.corpusDir, await testMaterial(), 120, 3);
    const before = library.stats().articles;
    let done = false;
    const reload = library.reload().finally(() => {
      done = true;
    });
    const totals: number[] = [];
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      const response = library.search('中国 经济 发展');
      expect(response.hits.length).toBeGreaterThan(0);
      totals.push(library.stats().articles);
    }
    const report = await reload;
    expect(report.changed.sort()).toEqual(changed.sort());
    expect(totals.length).toBeGreaterThan(1); // searches really ran during the reload
    expect(new Set(totals)).toEqual(new Set([before])); // never a half-applied corpus
    expect(library.stats().articles).toBe(before);
  });
});
