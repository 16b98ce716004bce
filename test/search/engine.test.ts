import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseForSearch } from '../../src/corpus/normalise.ts';
import { openLibrary, type CorpusLibrary } from '../../src/library.ts';
import { EXCERPT_MAX_CHARS } from '../../src/search/excerpt.ts';
import type { Span } from '../../src/search/highlight.ts';
import { UserInputError } from '../../src/search/types.ts';
import { SEEDS, tempFolder } from '../helpers.ts';

const spanTexts = (text: string, spans: readonly Span[]) => spans.map((s) => text.slice(s.start, s.end));

let library: CorpusLibrary;

beforeAll(async () => {
  library = await openLibrary({ corpusDir: SEEDS });
});

function articleText(id: string): string {
  return library.article(id)!.text;
}

/** Seeds whose clean text contains the term, after search normalisation. */
function seedsContaining(term: string): string[] {
  const needle = normaliseForSearch(term);
  return library
    .suggestArticles('', 100)
    .map((c) => c.id)
    .filter((id) => normaliseForSearch(articleText(id)).includes(needle))
    .sort();
}

describe('search on the seeds', () => {
  it('indexes all five seeds', () => {
    expect(library.stats().articles).toBe(5);
  });

  it.each(['5G', '2021', '肖亚庆'])('finds every seed that mentions %s, and only those', (term) => {
    const expected = seedsContaining(term);
    expect(expected.length).toBeGreaterThan(0);
    const found = library
      .search(term, { limit: 50 })
      .hits.map((h) => h.id)
      .sort();
    expect(found).toEqual(expected);
  });

  it('finds the traditional article 002 with a simplified query', () => {
    const hits = library.search('世界先进制造业大会 济南').hits;
    expect(hits[0]?.id).toBe('002_158c500bef4835b9.txt');
    expect(spanTexts(hits[0]!.excerpt.text, hits[0]!.excerpt.highlights).some((w) => /濟南|先進|製造|制造/.test(w))).toBe(true);
  });

  it('finds a simplified article with a traditional query', () => {
    const hits = library.search('數據交易平臺 工信部部長').hits;
    expect(hits[0]?.id).toBe('001_726417858a363bf0.txt');
  });

  it('answers a question with the article that holds the answer', () => {
    const response = library.ask('工信部部长是谁？');
    expect(response.terms).not.toContain('谁');
    // 001 and 002 both name the minister; either is a right answer if its excerpt says who.
    expect(['001_726417858a363bf0.txt', '002_158c500bef4835b9.txt']).toContain(response.hits[0]?.id);
    expect(normaliseForSearch(response.hits[0]!.excerpt.text)).toContain('肖亚庆');
  });

  it('keeps excerpts within 300 characters with the matched terms marked', () => {
    for (const query of ['数据', '工业互联网 5G', '刘鹤 致辞', '重庆 智博会 开幕', '汪洋']) {
      const { hits } = library.search(query, { limit: 10 });
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) {
        const { text, highlights } = hit.excerpt;
        expect(text.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
        expect(highlights.length).toBeGreaterThan(0);
        // Sorted, disjoint spans inside the text, each over something the query holds.
        highlights.forEach((s, i) => {
          expect(s.start).toBeLessThan(s.end);
          expect(s.end).toBeLessThanOrEqual(text.length);
          if (i > 0) expect(s.start).toBeGreaterThan(highlights[i - 1]!.end - 1);
        });
      }
    }
  });

  it('marks whole matches, never a bigram that bridges two words', () => {
    const hit = library.search('数据交易').hits.find((h) => h.id === '001_726417858a363bf0.txt')!;
    expect(spanTexts(hit.excerpt.text, hit.excerpt.highlights)).toContain('数据交易');
    // 数据交互 shares 据交 with the query's 数据/交易 but is another word: only 数据 is marked.
    expect(spanTexts(hit.excerpt.text, hit.excerpt.highlights)).not.toContain('数据交');
  });

  it('filters by date', () => {
    const all = library.search('工业互联网', { limit: 50 }).hits;
    const november = library.search('工业互联网', { limit: 50, from: '2021-11-01', to: '2021-11-30' }).hits;
    expect(november.length).toBeGreaterThan(0);
    expect(november.length).toBeLessThan(all.length);
    for (const hit of november) {
      expect(hit.date?.year).toBe(2021);
      expect(hit.date?.month).toBe(11);
    }
  });

  it('filters by source', () => {
    const sources = library.stats().sources.map((s) => s.source);
    expect(sources.length).toBeGreaterThan(1);
    for (const source of sources) {
      const hits = library.search('数字', { limit: 50, source }).hits;
      for (const hit of hits) expect(normaliseForSearch(hit.source ?? '')).toContain(normaliseForSearch(source));
    }
  });

  it('suggests sources in either script', () => {
    expect(library.suggestSources('新華', 25).map((s) => s.source)).toEqual(['新华社']);
    expect(library.suggestSources('智通编选', 25).map((s) => s.source)).toEqual(['智通編選']);
    expect(library.suggestSources('', 25).length).toBe(library.stats().sources.length);
  });

  it('sorts newest first on request', () => {
    const hits = library.search('工业互联网', { limit: 50, sort: 'newest' }).hits;
    const times = hits.map((h) => h.date?.timestamp ?? -Infinity);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('rejects an empty query, a stop-word query and a bad date with clear errors', () => {
    expect(() => library.search('   ')).toThrow(UserInputError);
    expect(() => library.search('是什么的')).toThrow(/question or stop words/);
    expect(() => library.search('数据', { from: '2021-13-45' })).toThrow(/date like/);
  });

  it('answers a 6,000-character query', () => {
    const long = articleText('004_c22cbfc4fcc6f316.txt').repeat(3).slice(0, 6000);
    expect(long.length).toBe(6000);
    const response = library.search(long);
    expect(response.hits[0]?.id).toBe('004_c22cbfc4fcc6f316.txt');
  });

  it('names an unknown article clearly', () => {
    expect(() => library.summary('nope.txt')).toThrow(/No article with id "nope.txt"/);
  });
});

describe('summaries', () => {
  const BOILERPLATE = ['责任编辑', '举报', '反馈', '新浪财经APP', '下载', '分享', '聲明', '声明', '原标题', '标题:', '地址:', '![', 'http'];

  it('are at most three sentences of the article, in its own script, with no boilerplate', () => {
    for (const { id } of library.suggestArticles('', 100)) {
      const summary = library.summary(id);
      expect(summary.sentences.length).toBeGreaterThan(0);
      expect(summary.sentences.length).toBeLessThanOrEqual(3);
      expect([...summary.summary.text].length).toBeLessThanOrEqual(260);
      const text = articleText(id);
      for (const sentence of summary.sentences) expect(text).toContain(sentence.replace(/…$/, ''));
      for (const word of BOILERPLATE) expect(summary.summary.text).not.toContain(word);
    }
    expect(library.summary('002_158c500bef4835b9.txt').summary.text).toMatch(/[這與業數據]/);
  });
});

describe('reload', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempFolder('reload-', { seeds: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports added, changed, removed and failed files, and keeps serving', async () => {
    const lib = await openLibrary({ corpusDir: dir });
    expect(lib.stats().articles).toBe(5);
    await writeFile(path.join(dir, 'new.md'), '---\ntitle: 量子计算新突破\n---\n\n科学家宣布量子计算取得新突破，相关成果发表在期刊上。\n');
    await rm(path.join(dir, '003_8f758f42e5038562.txt'));
    const changed = path.join(dir, '001_726417858a363bf0.txt');
    await writeFile(changed, (await readFile(changed, 'utf8')).replace('探索建设', '加快探索建设'));
    await utimes(changed, new Date(), new Date(Date.now() + 5000));
    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: [unclosed\n---\n\n正文内容在这里，足够长的一段话。\n');

    const [report, joined] = await Promise.all([lib.reload(), lib.reload()]);
    expect(report.coalesced).toBe(false);
    expect(joined.coalesced).toBe(true);
    expect(report.added).toEqual(['new.md']);
    expect(report.changed).toEqual(['001_726417858a363bf0.txt']);
    expect(report.removed).toEqual(['003_8f758f42e5038562.txt']);
    expect(report.failed.map((f) => f.file)).toEqual(['broken.md']);
    expect(lib.search('量子计算').hits[0]?.id).toBe('new.md');
    expect(lib.search('汪洋').hits.map((h) => h.id)).not.toContain('003_8f758f42e5038562.txt');
    expect(lib.search('加快探索建设').hits[0]?.id).toBe('001_726417858a363bf0.txt');
    expect(lib.stats().skipped.map((s) => s.file)).toEqual(['broken.md']);
  });

  it('keeps the old index when the folder is gone', async () => {
    const gone = await tempFolder('gone-', { seeds: true });
    const lib = await openLibrary({ corpusDir: gone });
    await rm(gone, { recursive: true, force: true });
    await expect(lib.reload()).rejects.toThrow(/cannot read the corpus folder/);
    expect(lib.stats().articles).toBe(5);
    expect(lib.search('肖亚庆').hits.length).toBeGreaterThan(0);
  });
});
