// Small synthetic corpora in temporary folders, and what a library answers to a fixed set of
// queries, for comparing two ways of building or restoring an index.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSyntheticCorpus } from '../../src/bench/synthetic.ts';
import type { CorpusLibrary } from '../../src/library.ts';
import { testMaterial } from '../helpers.ts';

export interface TempCorpus {
  root: string;
  corpusDir: string;
  snapshotDir: string;
  names: string[];
  remove(): Promise<void>;
}

export async function tempCorpus(articles: number): Promise<TempCorpus> {
  const root = await mkdtemp(path.join(tmpdir(), 'search-test-'));
  const corpusDir = path.join(root, 'corpus');
  await mkdir(corpusDir);
  const names = await writeSyntheticCorpus(corpusDir, await testMaterial(), articles);
  return { root, corpusDir, snapshotDir: path.join(root, 'snapshot'), names, remove: () => rm(root, { recursive: true, force: true }) };
}

/** What a library answers to a fixed set of queries: ids, scores and excerpts. */
export function answers(library: CorpusLibrary, queries: readonly string[]): unknown[] {
  return queries.map((q) => {
    const r = library.search(q, { limit: 10 });
    const a = library.ask(q, { limit: 5 });
    return { total: r.total, hits: r.hits.map((h) => [h.id, h.score, h.excerpt]), ask: a.hits.map((h) => [h.id, h.score]) };
  });
}

export const QUERIES = ['工业互联网', '5G 网络', '肖亚庆', '人口普查数据', '北京 上海', '中国的经济增长速度是多少？'];
