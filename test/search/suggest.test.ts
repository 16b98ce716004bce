// Autocomplete (MiniSearch over titles and sources), the query syntax ("phrase", -word) and
// related articles, on a small corpus written for them.
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseForSearch } from '../../src/corpus/normalise.ts';
import { parseArticle } from '../../src/corpus/load.ts';
import { openLibrary, type CorpusLibrary } from '../../src/library.ts';
import { normaliseArticle } from '../../src/search/prepare.ts';
import { UserInputError } from '../../src/search/types.ts';

interface Doc {
  file: string;
  title: string;
  date: string;
  source: string;
  body: string;
}

const DOCS: Doc[] = [
  { file: 'magisk.md', title: 'Magisk 模块 更新 发布', date: '2021-03-01', source: '少数派', body: 'Magisk 发布新版本，修复了模块加载问题。' },
  { file: 'huawei.md', title: '华为发布鸿蒙系统新版本', date: '2021-06-02', source: '新华社', body: '华为在发布会上介绍了鸿蒙系统和区块链应用。' },
  { file: 'expo.md', title: '2021世界5G大会在北京开幕', date: '2021-09-26', source: '新华社', body: '世界5G大会开幕，展示数据交易平台和工业互联网成果。' },
  { file: 'expo-old.md', title: '2020世界5G大会在广州开幕', date: '2020-11-26', source: '人民日报', body: '大会聚焦5G应用与交易数据的安全。' },
  { file: 'trade.md', title: '數據交易所在上海揭牌', date: '2021-11-25', source: '澎湃新聞', body: '上海數據交易所揭牌成立，區塊鏈技術用於數據交易。' },
  { file: 'trade-copy.md', title: '數據交易所在上海揭牌', date: '2021-11-26', source: '第一财经', body: '转载：上海数据交易所揭牌成立。' },
  { file: 'split.md', title: '交易规则与数据安全', date: '2021-11-20', source: '人民日报', body: '新的交易规则发布，数据安全是重点，交易与数据分开管理。' },
  { file: 'older.md', title: '上海发布数据条例', date: '2021-01-05', source: '澎湃新聞', body: '上海发布数据条例，规范数据使用。' },
  { file: 'newer.md', title: '上海发布数据条例解读', date: '2021-12-05', source: '澎湃新聞', body: '解读上海数据条例。' },
];

function fileText({ title, date, source, body }: Doc): string {
  return `---\ntitle: '${title}'\ndate: ${date}\nsource: '${source}'\n---\n\n${body}\n`;
}

let root: string;
let library: CorpusLibrary;
const titles = (text: string) => library.suggestArticles(text, 25).map((c) => c.title);
const ids = (query: string) =>
  library
    .search(query, { limit: 50 })
    .hits.map((h) => h.id)
    .sort();
/** Articles whose normalised title, body and source contain the text, spaces ignored. */
function holding(text: string): string[] {
  const needle = normaliseForSearch(text).replace(/\s+/g, '');
  return DOCS.filter((d) => normaliseForSearch([d.title, d.body, d.source].join('')).replace(/\s+/g, '').includes(needle))
    .map((d) => d.file)
    .sort();
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'suggest-test-'));
  for (const doc of DOCS) await writeFile(path.join(root, doc.file), fileText(doc));
  library = await openLibrary({ corpusDir: root });
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('article autocomplete', () => {
  it('finds a title from its words in any order', () => {
    expect(titles('大会 5G 北京')[0]).toBe('2021世界5G大会在北京开幕');
    expect(titles('北京5G大会')[0]).toBe('2021世界5G大会在北京开幕');
    expect(titles('鸿蒙 华为')).toEqual(['华为发布鸿蒙系统新版本']);
  });

  it('finds a title in either script', () => {
    expect(titles('数据交易所')).toContain('數據交易所在上海揭牌');
    expect(titles('鴻蒙系統')).toEqual(['华为发布鸿蒙系统新版本']);
  });

  it('forgives a typo in a Latin word', () => {
    expect(titles('Magisc')).toEqual(['Magisk 模块 更新 发布']);
    expect(titles('magsik 模块')).toEqual(['Magisk 模块 更新 发布']);
  });

  it('matches the word being typed as a prefix, and only that word', () => {
    expect(titles('Magi')).toEqual(['Magisk 模块 更新 发布']);
    expect(titles('华为 鸿')).toEqual(['华为发布鸿蒙系统新版本']);
    // A space after the word says it is complete: no prefix any more.
    expect(titles('Magi ')).toEqual([]);
  });

  it('falls back to any typed word when no title has them all', () => {
    const found = titles('鸿蒙 揭牌');
    expect(found).toContain('华为发布鸿蒙系统新版本');
    expect(found).toContain('數據交易所在上海揭牌');
  });

  it('ranks the newest first among equal matches, and lists the newest articles for empty input', () => {
    expect(titles('5G大会')).toEqual(['2021世界5G大会在北京开幕', '2020世界5G大会在广州开幕']);
    const newest = library.suggestArticles('', 3).map((c) => c.id);
    expect(newest).toEqual(['newer.md', 'trade-copy.md', 'trade.md']);
  });

  it('stays in step with reloads: new, changed and removed titles', async () => {
    await writeFile(path.join(root, 'new.md'), fileText({ ...DOCS[1]!, title: '小米发布澎湃芯片', body: '小米芯片。' }));
    await writeFile(path.join(root, 'huawei.md'), fileText({ ...DOCS[1]!, title: '华为发布鸿蒙系统第三版' }));
    await unlink(path.join(root, 'older.md'));
    await library.reload();
    try {
      expect(titles('澎湃芯片')).toEqual(['小米发布澎湃芯片']);
      expect(titles('鸿蒙')).toEqual(['华为发布鸿蒙系统第三版']);
      expect(library.suggestArticles('数据条例', 25).map((c) => c.id)).toEqual(['newer.md']);
    } finally {
      await unlink(path.join(root, 'new.md'));
      await writeFile(path.join(root, 'huawei.md'), fileText(DOCS[1]!));
      await writeFile(path.join(root, 'older.md'), fileText(DOCS[7]!));
      await library.reload();
    }
    expect(titles('鸿蒙')).toEqual(['华为发布鸿蒙系统新版本']);
    expect(titles('澎湃芯片')).toEqual([]);
  });

  it('gives the same suggestions after a restart from a snapshot', async () => {
    const snapshotDir = path.join(root, '..', `${path.basename(root)}-snapshots`);
    try {
      const first = await openLibrary({ corpusDir: root, snapshotDir });
      await first.settled();
      const restarted = await openLibrary({ corpusDir: root, snapshotDir });
      for (const text of ['大会 5G', 'Magisc', '数据', '上海', '']) {
        expect(restarted.suggestArticles(text, 25)).toEqual(first.suggestArticles(text, 25));
      }
      expect(restarted.suggestSources('澎湃', 25)).toEqual(first.suggestSources('澎湃', 25));
    } finally {
      await rm(snapshotDir, { recursive: true, force: true });
    }
  });
});

describe('source autocomplete', () => {
  it('finds sources in either script, by prefix, the most common first', () => {
    expect(library.suggestSources('澎湃新闻', 25).map((s) => s.source)).toEqual(['澎湃新聞']);
    // 新 is the start of 新华社 and of the word 新闻 in 澎湃新聞; 人民日报 has no word starting so.
    expect(
      library
        .suggestSources('新', 25)
        .map((s) => s.source)
        .sort(),
    ).toEqual(['新华社', '澎湃新聞']);
    expect(library.suggestSources('', 25)[0]).toEqual({ source: '澎湃新聞', count: 3 });
  });
});

describe('query syntax', () => {
  it('matches a quoted phrase only as a phrase, in either script, spaces ignored', () => {
    const loose = ids('数据交易');
    const phrase = ids('"数据交易"');
    expect(phrase).toEqual(holding('数据交易'));
    expect(phrase.length).toBeGreaterThan(0);
    // split.md and expo-old.md hold both words, never side by side.
    expect(loose).toEqual(expect.arrayContaining(['split.md', 'expo-old.md']));
    expect(phrase).not.toContain('split.md');
    expect(phrase).not.toContain('expo-old.md');
    expect(ids('"數據交易"')).toEqual(phrase);
    expect(ids('"数据 交易"')).toEqual(phrase);
  });

  it('finds a phrase in the body in either script: simplified bodies are only folded, others simplified first', () => {
    const bodyOf = (file: string) => normaliseArticle(parseArticle(file, Buffer.from(fileText(DOCS.find((d) => d.file === file)!))));
    expect(bodyOf('split.md').bodySimplified).toBe(true);
    expect(bodyOf('trade.md').bodySimplified).toBe(false);
    // In the bodies only, not the titles.
    expect(ids('"区块链技术"')).toEqual(['trade.md']);
    expect(ids('"交易规则发布"')).toEqual(['split.md']);
    expect(ids('"展示数据交易平台"')).toEqual(['expo.md']);
  });

  it('leaves out exactly the articles that hold an excluded word', () => {
    for (const word of ['区块链', '上海', '5G']) {
      const all = ids('发布 数据 大会 上海');
      const expected = all.filter((id) => !holding(word).includes(id));
      expect(expected.length).toBeLessThan(all.length);
      expect(ids(`发布 数据 大会 上海 -${word}`)).toEqual(expected);
    }
    // Either script, and a quoted phrase to leave out.
    expect(ids('上海 -區塊鏈')).toEqual(ids('上海').filter((id) => !holding('区块链').includes(id)));
    expect(ids('数据 -"数据交易"')).toEqual(ids('数据').filter((id) => !holding('数据交易').includes(id)));
  });

  it('takes unbalanced quotes and a lone minus as plain text', () => {
    expect(ids('"数据交易')).toEqual(ids('数据交易'));
    expect(ids('数据交易"')).toEqual(ids('数据交易'));
    expect(ids('数据 - 交易')).toEqual(ids('数据 交易'));
    expect(ids('数据 -')).toEqual(ids('数据'));
    expect(ids('5G-大会')).toEqual(ids('5G 大会'));
  });

  it('says clearly when a query only leaves words out', () => {
    expect(() => library.search('-数据')).toThrow(UserInputError);
    expect(() => library.search('-数据 -"交易"')).toThrow(/only leaves words out/);
  });

  it('applies to ask as well', () => {
    const hits = library.ask('数据交易 是什么 -区块链').hits.map((h) => h.id);
    expect(hits.length).toBeGreaterThan(0);
    for (const id of hits) expect(holding('区块链')).not.toContain(id);
  });
});

describe('related articles', () => {
  it('are up to three other articles sharing title words, never the article or its near-duplicates', () => {
    const summary = library.summary('trade.md');
    const related = summary.related.map((r) => r.id);
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related).not.toContain('trade.md');
    expect(related).not.toContain('trade-copy.md'); // the same story, reprinted
    expect(related).toContain('older.md'); // 上海 and 数据 in its title
    for (const r of summary.related) {
      expect(r.title).not.toBeNull();
      expect(r.source).not.toBeNull();
      expect(r.date).not.toBeNull();
    }
  });

  it('rank the newest first among equals', () => {
    const related = library.summary('expo.md').related.map((r) => r.id);
    expect(related[0]).toBe('expo-old.md');
  });
});
