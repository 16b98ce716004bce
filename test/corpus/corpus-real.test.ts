// Real articles from 31 sites the cleaner was not written against (test/fixtures/corpus-real,
// byte for byte from the public RSS archive, see corpus-real-SOURCES.md): every one loads,
// keeps its real text and its code, and shows no site furniture.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { readArticle, readCorpus } from '../../src/search/read-corpus.ts';
import { openLibrary, type CorpusLibrary } from '../../src/library.ts';

const REAL = path.resolve('test/fixtures/corpus-real');

/** What a reader must never see in a prose paragraph of these articles. */
const FURNITURE: [string, RegExp][] = [
  ['image credit', /^(图片|圖片)(来源|來源)|摄影师[:：]|^[(（]?(翻译|翻譯)[:：]/],
  ['byline', /^本文作者为/],
  ['follow promotion', /^关注「.{1,20}」公众号/],
  ['table-of-contents macro', /^\[TOC\]$/],
  ['download button', /^Download PDF/],
  ['CSS', /[{;]\s*[a-z-]+\s*:\s*[^;]+;/],
];

let loaded: Awaited<ReturnType<typeof readCorpus>>;
let byId: Map<string, Article>;
let library: CorpusLibrary;

beforeAll(async () => {
  loaded = await readCorpus(REAL);
  byId = new Map(loaded.articles.map((a) => [a.id, a]));
  library = await openLibrary({ corpusDir: REAL, snapshotDir: null, tokenizerThread: false });
});

const prose = (a: Article) => a.paragraphs.filter((_, i) => a.kinds[i] !== 'code');
const code = (a: Article) => a.paragraphs.filter((_, i) => a.kinds[i] === 'code');

describe('the real-archive fixtures', () => {
  it('all load, headline-only items included', () => {
    expect(loaded.skipped).toEqual([]);
    expect(loaded.articles).toHaveLength(59);
    const headlineOnly = loaded.articles.filter((a) => a.paragraphs.length === 0).map((a) => a.id);
    // Five feed items whose body only repeats the title, and a report whose body is only its download button.
    expect(headlineOnly.sort()).toEqual(['aliyun-dev-1.md', 'aliyun-dev-2.md', 'golangcn-1.md', 'jskou-1.md', 'toutiao-1.md', 'weforum-2.md']);
    const anyString: unknown = expect.any(String);
    for (const id of headlineOnly) expect(byId.get(id)).toMatchObject({ title: anyString, source: anyString });
  });

  it('show no furniture in any prose paragraph', () => {
    const hits = loaded.articles.flatMap((a) =>
      prose(a).flatMap((p) => FURNITURE.filter(([, re]) => re.test(p)).map(([name]) => `${a.id}: ${name}: ${p.slice(0, 60)}`)),
    );
    expect(hits).toEqual([]);
  });

  it('keep code listings as code, whole', () => {
    const hexo = byId.get('hexo-2.md')!;
    expect(code(hexo)).toContain(
      'player.bilibili.com http://127.0.0.1:8080\n\n^*s1.hdslb.com/bfs/static/player/main/video*.js file:///Users/diygod/Code/bilibili/js-common/packages/video/dist/release/video.js\n^*s1.hdslb.com/bfs/static/player/main/video*.js.map file:///Users/diygod/Code/bilibili/js-common/packages/video/dist/release/video.js.map',
    );
    expect(code(hexo).some((c) => /^\d+(\n\d+)*$/.test(c))).toBe(false); // no line-number gutter
    const codeceo = byId.get('codeceo-3.md')!;
    expect(code(codeceo).join('\n')).toContain('window.onerror = function(message, source, lineno, colno, error) {');
    expect(code(codeceo).join('').length).toBeGreaterThan(prose(codeceo).join('').length / 3);
  });

  it("keep real text that looks like furniture: a job advert's own call to apply, a book's author introduction", () => {
    expect(byId.get('latexstudio-1.md')!.text).toContain('把你的简历和发现的异常整理发我们邮箱');
    expect(byId.get('sobooks-1.md')!.text).toContain('图像小说家、画家');
  });

  it('list what was removed and why', async () => {
    const report = async (id: string) => (await readArticle(REAL, id)).removed;
    // Furniture rules; lines taken into the metadata are listed too, as `metadata.<field>`.
    const rules = async (id: string) => (await report(id)).map((r) => r.rule).filter((r) => !r.startsWith('metadata.'));
    expect(await report('hpoi-1.md')).toContainEqual({ text: 'ABYSSES WORKS 元-旗袍ver 制作决定', rule: 'metadata.title' });
    expect(await rules('bjp-1.md')).toEqual(['image-credit', 'byline']);
    expect(await rules('minapp-1.md')).toEqual(['byline', 'follow-promotion']);
    expect((await rules('acm-1.md')).filter((r) => r === 'repeated-block')).toHaveLength(3);
    expect(byId.get('acm-1.md')!.paragraphs.filter((p) => p === 'CITATION')).toHaveLength(1);
    expect(await rules('idaily-1.md')).toEqual(['image-credit']);
    expect(byId.get('idaily-1.md')!.text).not.toContain('摄影师');
  });
});

describe('searching the real-archive fixtures', () => {
  it('finds a headline-only item by its headline, with its date and source', () => {
    const hit = library.search('Gopher苦ORM久矣').hits[0]!;
    expect(hit.id).toBe('golangcn-1.md');
    expect(hit.source).toBe('Go 语言中文网');
    expect(hit.date).toEqual(byId.get('golangcn-1.md')!.date);
    expect(hit.date?.year).toBeGreaterThan(2000);
    expect(library.summary('golangcn-1.md')).toMatchObject({ shape: 'headline-only', sentences: [] });
  });

  it('finds code by identifiers and commands, and shows it as code in the excerpt', () => {
    const hit = library.search('window.onerror').hits[0]!;
    expect(hit.id).toBe('codeceo-3.md');
    const whistle = library.search('resAppend').hits[0]!;
    expect(whistle.id).toBe('hexo-2.md');
    const { text, code, highlights } = whistle.excerpt;
    expect(code.some((s) => text.slice(s.start, s.end).includes('resAppend'))).toBe(true);
    expect(highlights.some((s) => text.slice(s.start, s.end) === 'resAppend')).toBe(false);
  });

  it.each(['codeceo-3.md', 'minapp-1.md', 'hexo-2.md'])('summarises %s from its prose, never a code line or a heading', (id) => {
    const article = byId.get(id)!;
    const summary = library.summary(id);
    const codeShare = code(article).join('').length / article.text.length;
    expect(summary.shape).toBe(codeShare > 0.5 ? 'mostly-code' : 'prose');
    expect(summary.sentences.length).toBeGreaterThan(0);
    const headings = article.paragraphs.filter((_, i) => article.kinds[i] === 'heading');
    for (const s of summary.sentences) {
      expect(s).not.toContain('`');
      expect(headings).not.toContain(s);
      expect(prose(article).some((p) => p.includes(s.replace(/…$/, '')))).toBe(true);
    }
  });
});
