// Furniture by repetition: a short paragraph in many articles of one source is the source's.
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article, ParagraphKind } from '../../src/corpus/article.ts';
import { RepeatedParagraphs } from '../../src/corpus/repeated.ts';
import { openLibrary } from '../../src/library.ts';

const FOOTER = '更多精彩内容，欢迎关注本站的每日更新。';

function article(source: string | null, paragraphs: string[], kinds?: ParagraphKind[]): Pick<Article, 'source' | 'paragraphs' | 'kinds'> {
  return { source, paragraphs, kinds: kinds ?? paragraphs.map(() => 'text') };
}

const body = (n: number) => [`第${n}篇文章的正文，讲的是完全不同的事情，编号${n}。`, `第${n}篇的第二段，仍然是这篇文章自己的内容。`];

describe('RepeatedParagraphs', () => {
  it('hides a short paragraph that stands in many articles of one source, and nothing else', () => {
    const repeated = new RepeatedParagraphs();
    const articles = [1, 2, 3, 4].map((n) => article('某站', [...body(n), FOOTER]));
    for (const a of articles) repeated.add(a);
    for (const [n, a] of articles.entries()) {
      expect(repeated.repeatedCount(a, 2)).toBe(4);
      expect(repeated.view(a).paragraphs).toEqual(body(n + 1));
    }
  });

  it('keeps a paragraph two articles share, the same line across different sources, code and data fields', () => {
    const repeated = new RepeatedParagraphs();
    const shared = [article('甲', [...body(1), FOOTER]), article('甲', [...body(2), FOOTER])];
    const acrossSources = ['乙', '丙', '丁'].map((s, n) => article(s, [...body(n + 3), FOOTER]));
    const withCode = [5, 6, 7].map((n) => article('戊', [...body(n), 'npm install', '支持中文：是'], ['text', 'text', 'code', 'text']));
    for (const a of [...shared, ...acrossSources, ...withCode]) repeated.add(a);
    for (const a of [...shared, ...acrossSources, ...withCode]) expect(repeated.view(a).paragraphs).toEqual(a.paragraphs);
  });

  it('counts a paragraph once per article and follows articles that go', () => {
    const repeated = new RepeatedParagraphs();
    const articles = [1, 2, 3].map((n) => article('某站', [...body(n), FOOTER, FOOTER]));
    for (const a of articles) repeated.add(a);
    expect(repeated.repeatedCount(articles[0]!, 2)).toBe(3);
    repeated.remove(articles[2]!);
    expect(repeated.repeatedCount(articles[0]!, 2)).toBe(0);
    expect(repeated.view(articles[0]!).paragraphs).toEqual(articles[0]!.paragraphs);
  });
});

describe('repetition in the library, under incremental reload', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('drops a footer from excerpts and summaries once enough articles carry it, and brings it back when they go', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'repeated-'));
    dirs.push(dir);
    const write = (n: number) => writeFile(path.join(dir, `a${n}.md`), `---\ntitle: '第${n}篇'\nauthor: 某站\n---\n\n${body(n).join('\n\n')}\n\n${FOOTER}\n`);
    await Promise.all([1, 2].map(write));
    const library = await openLibrary({ corpusDir: dir, snapshotDir: null, tokenizerThread: false });
    expect(library.summary('a1.md').summary.text).toContain('欢迎关注本站');
    await write(3);
    await library.reload();
    expect(library.summary('a1.md').summary.text).not.toContain('欢迎关注本站');
    const hits = library.search('每日更新').hits;
    expect(hits.length).toBeGreaterThan(0); // still indexed: only what readers see changes
    expect(hits.every((h) => !h.excerpt.text.includes('欢迎关注'))).toBe(true);
    await unlink(path.join(dir, 'a3.md'));
    await library.reload();
    expect(library.summary('a1.md').summary.text).toContain('欢迎关注本站');
    await library.settled();
  });
});
