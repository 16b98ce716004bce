// Building with the tokenizer thread gives exactly the index a single-threaded build gives,
// and queries segmented on that thread get the same words.
import nodejieba from 'nodejieba';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library.ts';
import type { FieldTerms } from '../../src/search/inverted-index.ts';
import { SegmenterThread } from '../../src/search/segmenter.ts';
import { prepareInOrder } from '../../src/search/worker-pool.ts';
import { parseArticle } from '../../src/corpus/load.ts';
import { countKeys, normaliseArticle, type IndexedFields } from '../../src/search/prepare.ts';
import { countFields, readReply, segmentFields } from '../../src/search/segmenter-protocol.ts';
import { NumberedTerms, TermNumbering } from '../../src/search/term-numbers.ts';
import { QUERIES, answers, tempCorpus, type TempCorpus } from './helpers.ts';

let corpus: TempCorpus;
const BROKEN = 'zz-broken.md';

beforeAll(async () => {
  corpus = await tempCorpus(60);
  // Invalid YAML: a file that cannot be read (a title alone is now a headline-only article).
  await writeFile(path.join(corpus.corpusDir, BROKEN), '---\ntitle: [unclosed\n---\n\n正文。\n');
});

afterAll(async () => {
  await SegmenterThread.stop();
  await corpus.remove();
});

describe('tokenizer thread', () => {
  it('segments synchronously, as jieba does here, long text included', () => {
    const thread = SegmenterThread.start();
    for (const text of ['工信部部长肖亚庆表示要加强新型信息基础设施建设', '中', '', '数据\n要素\n市场化配置'.repeat(500)]) {
      expect(thread.segment(text)).toEqual(nodejieba.cut(text));
    }
    expect(thread.working).toBe(true);
  });

  it('prepares every file, in order, failures included', async () => {
    const files = [...corpus.names, BROKEN].map((id) => ({ id, path: path.join(corpus.corpusDir, id) }));
    const ids: string[] = [];
    const failed: string[] = [];
    for await (const outcome of prepareInOrder(files, SegmenterThread.start())) {
      ids.push(outcome.id);
      if ('failed' in outcome) failed.push(outcome.id);
    }
    expect(ids).toEqual(files.map((f) => f.id));
    expect(failed).toEqual([BROKEN]);
  });

  it('builds the index a single-threaded build builds', async () => {
    const single = await openLibrary({ corpusDir: corpus.corpusDir, tokenizerThread: false });
    const threaded = await openLibrary({ corpusDir: corpus.corpusDir, tokenizerThread: true });
    expect(threaded.stats().articles).toBe(corpus.names.length);
    expect(threaded.stats().skipped).toEqual([{ file: BROKEN, reason: expect.any(String) as string }]);
    expect(threaded.stats().skipped).toEqual(single.stats().skipped);
    const expected = answers(single, QUERIES);
    expect(expected.some((a) => (a as { total: number }).total > 10)).toBe(true);
    expect(answers(threaded, QUERIES)).toEqual(expected);
  });

  it('gives the same fields whether the thread counts the terms, or only segments and this thread counts', async () => {
    const plain = (f: IndexedFields) =>
      Object.fromEntries(Object.entries(f as Record<keyof IndexedFields, FieldTerms>).map(([k, v]) => [k, { terms: v.terms, counts: Array.from(v.counts) }]));
    // Numbers run out part-way, so both numbered terms and terms sent as text are read back.
    const numbering = new TermNumbering(500);
    const table = new NumberedTerms();
    let compared = 0;
    for (const id of corpus.names) {
      const keys = normaliseArticle(parseArticle(id, await readFile(path.join(corpus.corpusDir, id))));
      const expected = plain(countKeys(keys));
      expect(expected.body!.terms.length).toBeGreaterThan(10);
      expect(plain(readReply(segmentFields(compared, keys).message, table)(keys))).toEqual(expected);
      expect(plain(readReply(countFields(compared, keys, numbering).message, table)(keys))).toEqual(expected);
      compared++;
    }
    expect(compared).toBe(60);
    expect(table.terms).toHaveLength(500);
  });

  it('refuses a reply whose new terms are out of step, rather than index wrong terms', () => {
    const numbering = new TermNumbering();
    const keys = { titleKey: '数据要素', bodyKey: '数据要素市场', sourceKey: null };
    const first = countFields(0, keys, numbering).message;
    const second = countFields(1, { ...keys, bodyKey: '新型基础设施' }, numbering).message;
    expect(second.fresh).not.toBeNull();
    expect(() => readReply(second, new NumberedTerms())).toThrow(/out of step/);
    const table = new NumberedTerms();
    readReply(first, table);
    expect(readReply(second, table)(keys).body.terms).toEqual(countKeys({ ...keys, bodyKey: '新型基础设施' }).body.terms);
  });
});
