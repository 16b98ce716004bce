// What an article becomes before tokenising (src/search/prepare.ts): its search keys, and
// which body paragraphs have anything to simplify. Phrase checks and excerpts fold the others
// instead of converting them, so a traditional quote in simplified text costs only itself.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch, normaliseForSearch } from '../../src/corpus/normalise.ts';
import { parseArticle } from '../../src/corpus/parse-article.ts';
import { openLibrary, type CorpusLibrary } from '../../src/library.ts';
import { normaliseArticle, paragraphFolds } from '../../src/search/prepare.ts';
import { seedAndSampleTexts } from '../helpers.ts';

const MIXED = `---\ntitle: '交易规则发布'\ndate: 2021-11-20\nsource: '人民日报'\n---\n\n新的交易规则发布。\n\n上海數據交易所揭牌，區塊鏈技術用於數據交易。\n\n数据安全是重点。\n`;
const PLAIN = `---\ntitle: '数据安全'\ndate: 2021-11-21\nsource: '新华社'\n---\n\n数据分开管理。\n`;

describe('normaliseArticle', () => {
  it('names the paragraphs with something to simplify, when only some have', () => {
    const article = parseArticle('mixed.md', Buffer.from(MIXED));
    const keys = normaliseArticle(article);
    expect(keys.bodySimplified).toBe(false);
    expect(keys.paragraphsToSimplify).toEqual([1]);
    expect(article.paragraphs.map((_, i) => paragraphFolds(keys, i))).toEqual([true, false, true]);
    expect(keys.bodyKey).toBe(normaliseForSearch(article.text));
  });

  it('gives every seed and sample the body key and simplified flag of its text normalised whole', () => {
    let checked = 0;
    for (const { file, text } of seedAndSampleTexts()) {
      const article = parseArticle(file, Buffer.from(text));
      const keys = normaliseArticle(article);
      const whole = normaliseForSearch(article.text);
      expect(keys.bodyKey).toBe(whole);
      expect(keys.bodySimplified).toBe(whole === foldForSearch(article.text));
      for (const i of keys.paragraphsToSimplify ?? []) expect(normaliseForSearch(article.paragraphs[i]!)).not.toBe(foldForSearch(article.paragraphs[i]!));
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('an article with a traditional paragraph in simplified text', () => {
  let root: string;
  let library: CorpusLibrary;
  const ids = (query: string) =>
    library
      .search(query, { limit: 10 })
      .hits.map((h) => h.id)
      .sort();

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'prepare-test-'));
    await writeFile(path.join(root, 'mixed.md'), MIXED);
    await writeFile(path.join(root, 'plain.md'), PLAIN);
    library = await openLibrary({ corpusDir: root });
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds a quoted phrase in either script, in either kind of paragraph', () => {
    expect(ids('"区块链技术"')).toEqual(['mixed.md']);
    expect(ids('"區塊鏈技術"')).toEqual(['mixed.md']);
    expect(ids('"數據安全是重點"')).toEqual(['mixed.md']);
    expect(ids('"数据安全是重点"')).toEqual(['mixed.md']);
  });

  it('marks the traditional paragraph in an excerpt for a simplified query', () => {
    const hit = library.search('区块链技术').hits[0]!;
    expect(hit.id).toBe('mixed.md');
    const marked = hit.excerpt.highlights.map((s) => hit.excerpt.text.slice(s.start, s.end));
    expect(marked.join('')).toContain('區塊鏈');
  });
});
