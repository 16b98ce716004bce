// Every command's execute, through the console adapter, on the seed corpus.
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS_DIR } from '../../src/discord/registry.ts';
import { openLibrary } from '../../src/library.ts';
import type { Library } from '../../src/search/types.ts';
import { SEEDS } from '../helpers.ts';
import { bold, PRIVATE, run, session } from './helpers.ts';

let library: Library;

beforeAll(async () => {
  library = await openLibrary({ corpusDir: SEEDS });
});

describe('/search', () => {
  it('finds the data-trading article first', async () => {
    const { code, text } = await run('/search query:数据交易 limit:3', { library });
    expect(code).toBe(0);
    const first = text.split('\n').find((l) => l.includes('1.'));
    expect(first).toContain('工信部部长肖亚庆：探索建设数据交易平台');
    expect(text).toContain(bold('数据交易'));
    expect(text).toMatch(/新京报贝壳财经 · 2021-11-20/);
    expect(text).toContain('显示第 1–3 条');
  });

  it('shows a month-day date as text and links a title that has a URL', async () => {
    const { text } = await run('/search query:政协 双周协商座谈会', { library });
    expect(text).toContain('4月30日');
    expect(text).toContain('<http://www.heliu2.cn/hlw/12549.html>');
  });

  it('answers in the reader’s language', async () => {
    const { text } = await run('/search query:数据交易 limit:2', { library, locale: 'en-US' });
    expect(text).toMatch(/\d+ results, showing 1–2/);
    const tw = await run('/search query:数据交易 limit:2', { library, locale: 'zh-TW' });
    expect(tw.text).toMatch(/共 \d+ 筆結果/);
  });

  it('filters by source', async () => {
    const { text } = await run('/search query:工业互联网 source:新华社 limit:10', { library });
    const metaLines = text.split('\n').filter((l) => / · (\d{4}-\d\d-\d\d|\d+月\d+日)$/.test(l));
    expect(metaLines.length).toBeGreaterThan(0);
    expect(metaLines.every((l) => l.includes('新华社'))).toBe(true);
  });

  it('an empty query gets a private error', async () => {
    const { code, text } = await run('/search query:', { library });
    expect(code).toBe(1);
    expect(text.startsWith(PRIVATE)).toBe(true);
    expect(text).toContain('请输入要搜索的内容');
  });

  it('a bad date gets a private, localised error after the deferral', async () => {
    const { code, text } = await run('/search query:数据 from:2021/11/01', { library, locale: 'en-US' });
    expect(code).toBe(1);
    expect(text.startsWith(PRIVATE)).toBe(true);
    expect(text).toContain('YYYY-MM-DD');
  });

  it('an unknown option is a usage error naming the options', async () => {
    const { code, text } = await run('/search query:数据 colour:red', { library });
    expect(code).toBe(2);
    expect(text).toContain('unknown option "colour"');
    expect(text).toContain('query, limit, from, to, source');
  });

  it('an out-of-range limit is refused as Discord would', async () => {
    const { code, text } = await run('/search query:数据 limit:50', { library });
    expect(code).toBe(2);
    expect(text).toContain('at most 10');
  });
});

describe('/ask', () => {
  it('answers who the minister is from the seeds, with sources', async () => {
    const { code, text } = await run('/ask question:工信部部长是谁？', { library });
    expect(code).toBe(0);
    expect(text).toMatch(/肖亚庆|肖亞慶/);
    expect(text).toMatch(/^— .+ · .+/m);
    expect(text.startsWith('关于“工信部部长是谁？”')).toBe(true);
  });

  it('a question of only stop words is a private error', async () => {
    const { code, text } = await run('/ask question:的', { library });
    expect(code).toBe(1);
    expect(text.startsWith(PRIVATE)).toBe(true);
  });
});

describe('query syntax and suggestions on the console', () => {
  it('/search takes "phrases" and -words', async () => {
    const { code, text } = await run(`/search query:'"数据交易" -肖亚庆' limit:10`, { library });
    expect(code).toBe(0);
    expect(text).not.toContain('肖亚庆：探索建设数据交易平台');
    expect(text).toContain(bold('数据交易'));
  });

  it('tab offers the titles /summary would suggest, and sources for /search', async () => {
    const { session: s } = await session({ library });
    try {
      const titles = await s.suggestions('/summary article:大会 5G');
      expect(titles?.typed).toBe('大会 5G');
      expect(titles?.values).toEqual(library.suggestArticles('大会 5G', 25).map((c) => c.id));
      expect(library.summary(titles!.values[0]!).title).toBe('刘鹤向2021中国5G+工业互联网大会开幕式致辞');
      const sources = await s.suggestions('/search query:数据 source:新華');
      expect(sources).toEqual({ typed: '新華', values: ['新华社'] });
      expect(await s.suggestions('/search query:数据')).toBeNull(); // query does not autocomplete
    } finally {
      s.close();
    }
  });

  it('/help explains the query syntax', async () => {
    const { text } = await run('/help', { library });
    expect(text).toContain('"精确短语"');
    expect(text).toContain('-词');
  });
});

describe('/summary', () => {
  it('summarises an article by id', async () => {
    const { code, text } = await run('/summary article:002_158c500bef4835b9.txt', { library });
    expect(code).toBe(0);
    expect(text).toContain('【工信部:推動5G、互聯網、大數據、人工智能與制造業深度融合】');
    expect(text).toContain('来源: 智通編選');
    expect(text).toContain('日期: 2021-11-01');
    expect(text).toMatch(/长度: \d+ 字/);
    expect(text).toContain(library.summary('002_158c500bef4835b9.txt').summary.text.slice(0, 20));
  });

  it('finds an article by its title too', async () => {
    const { code, text } = await run('/summary article:工信部部长肖亚庆：探索建设数据交易平台', { library });
    expect(code).toBe(0);
    expect(text).toContain('001_726417858a363bf0.txt');
  });

  it('ends with related articles: title, source and date, never the article itself', async () => {
    const id = '001_726417858a363bf0.txt';
    const related = library.summary(id).related;
    expect(related.length).toBeGreaterThan(0);
    expect(related.map((r) => r.id)).not.toContain(id);
    const { text } = await run(`/summary article:${id}`, { library });
    const section = text.slice(text.indexOf('相关文章'));
    expect(text.indexOf('相关文章')).toBeGreaterThan(text.indexOf('文件'));
    for (const r of related) {
      expect(section.replace(/\\/g, '')).toContain(r.title!.slice(-6));
      expect(section).toContain(r.source!);
    }
  });

  it('an unknown article is a private error', async () => {
    const { code, text } = await run('/summary article:no-such-article.txt', { library });
    expect(code).toBe(1);
    expect(text).toBe(`${PRIVATE} 找不到这篇文章，请从自动补全列表中选择。`);
  });
});

describe('/sources', () => {
  it('counts the five seed articles, their sources and dates', async () => {
    const { code, text } = await run('/sources', { library });
    expect(code).toBe(0);
    expect(text).toContain('共 5 篇文章');
    expect(text).toContain('新华社 — 2');
    expect(text).toContain('2021-08-24 至 2021-11-20');
    expect(text).not.toContain('跳过的文件');
  });

  it('takes no options', async () => {
    const { code, text } = await run('/sources limit:3', { library });
    expect(code).toBe(2);
    expect(text).toContain('takes no options');
  });
});

describe('/help', () => {
  it('lists every file in commands/', async () => {
    const { code, text } = await run('/help', { library });
    expect(code).toBe(0);
    const files = readdirSync(COMMANDS_DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) expect(text).toContain(`/${file.replace(/\.ts$/, '')}`);
    expect(text).toContain('/search query:<…> [limit] [from] [to] [source]');
  });

  it('describes the commands in English for English clients', async () => {
    const { text } = await run('/help', { library, locale: 'en-GB' });
    expect(text).toContain('Search the news articles');
  });
});

describe('console parsing', () => {
  it('takes quoted values and values with spaces', async () => {
    const quoted = await run('/search query:"工业 互联网" limit:1', { library });
    const spaced = await run('/search query:工业 互联网 limit:1', { library });
    expect(quoted.code).toBe(0);
    expect(quoted.text).toContain('搜索：工业 互联网');
    expect(spaced.text).toBe(quoted.text);
  });

  it('an unknown command lists the commands', async () => {
    const { code, text } = await run('/nope', { library });
    expect(code).toBe(2);
    expect(text).toContain('/search');
  });

  it('a missing required option shows the usage', async () => {
    const { code, text } = await run('/ask', { library });
    expect(code).toBe(2);
    expect(text).toContain('needs question:');
  });
});
