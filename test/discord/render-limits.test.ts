// Every renderer stays within Discord's limits, also on adversarial corpus data.
import { describe, expect, it } from 'vitest';
import type { ArticleDate } from '../../src/corpus/article.ts';
import type { ArticleSummary, CorpusStats, ReloadReport, SearchHit, SearchResponse } from '../../src/search/types.ts';
import { renderAnswer } from '../../commands/ask.ts';
import { renderHelp } from '../../commands/help.ts';
import { renderFleetReload, renderReload, renderReloadFailure } from '../../commands/reload.ts';
import { decodePageId, encodePageId, renderSearchPage, type PageState } from '../../commands/search.ts';
import { renderSources } from '../../commands/sources.ts';
import { renderSummary } from '../../commands/summary.ts';
import { formatDate, markdownOf, titleLink } from '../../src/discord/format.ts';
import { MarkedTextBuilder, unmarked, type MarkedText } from '../../src/search/highlight.ts';
import type { Lang } from '../../src/discord/i18n.ts';
import { fitPayload, limitViolations } from '../../src/discord/payload.ts';
import { loadCommands } from '../../src/discord/registry.ts';

const LANGS: Lang[] = ['zh-CN', 'zh-TW', 'en-US'];
const date: ArticleDate = {
  year: 2021,
  month: 11,
  day: 20,
  time: '11:47:41',
  precision: 'datetime',
  timestamp: 1637380061000,
  iso: '2021-11-20T03:47:41.000Z',
};
const nasty = (n: number) => '标题*_~`|[x](y)<@1>😀**'.repeat(Math.ceil(n / 20)).slice(0, n);

/** `[x]` in the text marks x as a highlight, as the engine would. */
function marked(text: string): MarkedText {
  const out = new MarkedTextBuilder();
  for (const part of text.split(/(\[[^\]]*\])/)) {
    if (part.startsWith('[')) out.highlighted(part.slice(1, -1), [{ start: 0, end: part.length - 2 }]);
    else out.plain(part);
  }
  return out.build();
}

function hit(i: number, size: number): SearchHit {
  return {
    id: `${'很长的路径/'.repeat(size / 50)}${i}.txt`,
    title: nasty(size),
    date,
    source: nasty(size / 4),
    url: `https://example.com/${'a'.repeat(size)}?q=(x)`,
    score: 10 - i,
    excerpt: marked(`…前文 [数据交易] ${'内容很长，'.repeat(size / 5)} [高亮]…`),
  };
}

function response(hits: number, size: number): SearchResponse {
  return { query: '数据交易', total: 100, offset: 0, hits: Array.from({ length: hits }, (_, i) => hit(i, size)), terms: ['数据', '交易'], tookMs: 1 };
}

const state: PageState = {
  query: 'q'.repeat(200),
  limit: 10,
  offset: 0,
  from: '2021-01-01',
  to: '2021-12-31',
  source: '来源'.repeat(50),
  userId: '123456789012345678',
};

describe('renderers stay within Discord limits', () => {
  for (const lang of LANGS) {
    for (const size of [10, 300, 5000]) {
      it(`search, ${lang}, fields of ${size} characters`, () => {
        const payload = renderSearchPage(response(10, size), state, lang);
        expect(limitViolations(payload)).toEqual([]);
        for (let rank = 1; rank <= 10; rank++) expect(payload.embeds![0]!.description).toContain(`**${rank}.**`);
      });

      it(`ask, ${lang}, fields of ${size} characters`, () => {
        const payload = renderAnswer(response(3, size), '问'.repeat(size), lang);
        expect(limitViolations(payload)).toEqual([]);
      });
    }

    it(`summary, ${lang}, with huge fields`, () => {
      const summary: ArticleSummary = {
        id: 'x'.repeat(3000),
        title: nasty(3000),
        date,
        source: nasty(3000),
        url: `https://e.com/${'p'.repeat(3000)}`,
        shape: 'prose',
        list: null,
        chars: 123456,
        sentences: [],
        summary: unmarked(nasty(10000)),
        related: Array.from({ length: 3 }, (_, i) => ({
          id: `${i}`.repeat(3000),
          title: nasty(3000),
          date,
          source: nasty(3000),
          url: `https://e.com/${'q'.repeat(500)}`,
        })),
      };
      expect(limitViolations(renderSummary(summary, lang))).toEqual([]);
    });

    it(`sources, ${lang}, with a thousand sources and skipped files`, () => {
      const stats: CorpusStats = {
        articles: 100000,
        sources: Array.from({ length: 1000 }, (_, i) => ({ source: `${nasty(300)}${i}`, count: i })),
        dateRange: { from: '2000-01-01', to: '2021-12-31' },
        skipped: Array.from({ length: 1000 }, (_, i) => ({ file: `${'dir/'.repeat(100)}${i}.txt`, reason: nasty(2000) })),
        loadedAt: Date.now(),
        version: 'f'.repeat(64),
      };
      const payload = renderSources(stats, lang);
      expect(limitViolations(payload)).toEqual([]);
      expect(payload.embeds![0]!.fields!.at(-1)!.value).toMatch(/\d+/);
    });

    it(`reload, ${lang}, with a thousand failures`, () => {
      const report: ReloadReport = {
        added: Array.from({ length: 5000 }, (_, i) => `${i}`),
        changed: [],
        removed: [],
        failed: Array.from({ length: 1000 }, (_, i) => ({ file: `f${i}.txt`, reason: nasty(1000) })),
        ms: 1234,
        coalesced: true,
      };
      expect(limitViolations(renderReload(report, 99, lang))).toEqual([]);
      expect(limitViolations(renderReloadFailure(new Error(nasty(10000)), lang))).toEqual([]);
    });

    it(`reload and sources, ${lang}, over a thousand shard processes, half failing`, () => {
      const report: ReloadReport = {
        added: [],
        changed: [],
        removed: [],
        failed: Array.from({ length: 1000 }, (_, i) => ({ file: `f${i}.txt`, reason: nasty(1000) })),
        ms: 1,
        coalesced: false,
      };
      const states = Array.from({ length: 1000 }, (_, i) => ({
        shards: [i],
        stats: { articles: i, version: `${i}`.padStart(64, '0'), loadedAt: 1 },
        ...(i % 2 ? { error: nasty(2000) } : { report }),
      }));
      expect(limitViolations(renderFleetReload({ states, coalesced: true }, lang))).toEqual([]);
      expect(limitViolations(renderFleetReload({ states: states.filter((s) => 'error' in s), coalesced: false }, lang))).toEqual([]);
      const stats: CorpusStats = { articles: 1, sources: [], dateRange: null, skipped: [], loadedAt: 1, version: '0'.repeat(64) };
      expect(limitViolations(renderSources(stats, lang, states))).toEqual([]);
    });

    it(`help, ${lang}`, async () => {
      expect(limitViolations(renderHelp(await loadCommands(), lang))).toEqual([]);
    });
  }
});

describe('fitPayload', () => {
  it('brings any payload within the limits', () => {
    const big = {
      content: nasty(5000),
      embeds: Array.from({ length: 3 }, () => ({
        title: nasty(1000),
        description: nasty(9000),
        footer: { text: nasty(3000) },
        fields: Array.from({ length: 30 }, () => ({ name: nasty(500), value: nasty(2000) })),
      })),
      allowedMentions: { parse: [] as [], repliedUser: false as const },
    };
    expect(limitViolations(big).length).toBeGreaterThan(0);
    expect(limitViolations(fitPayload(big))).toEqual([]);
  });
});

describe('markdown pieces', () => {
  it('renders the engine’s highlights as bold and escapes everything else', () => {
    expect(markdownOf(marked('a*b [数据] _c_'))).toBe('a\\*b **数据** \\_c\\_');
  });

  it('cuts an engine text in its plain text, so every bold marker stays paired', () => {
    const long = marked(`${'前文很长，'.repeat(40)}[数据交易]${'后文也很长。'.repeat(40)}`);
    for (let max = 5; max <= 400; max += 7) {
      const out = markdownOf(long, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect((out.match(/\*\*/g) ?? []).length % 2).toBe(0);
      expect(out).not.toMatch(/\*\*\*\*/);
    }
  });

  it('makes titles with brackets and parentheses safe inside a link', () => {
    expect(titleLink('[科学]标题', 'http://a.cn/x(1)')).toBe('[［科学］标题](http://a.cn/x%281%29)');
    expect(titleLink('标题', 'javascript:alert(1)')).toBe('标题');
  });

  it('shows full dates as Discord timestamps and month-day dates as text', () => {
    expect(formatDate(date, 'zh-CN')).toBe('<t:1637380061:D>');
    const dayOnly: ArticleDate = {
      year: 2021,
      month: 11,
      day: 1,
      time: null,
      precision: 'date',
      timestamp: Date.UTC(2021, 10, 1) - 8 * 3600_000,
      iso: '2021-11-01',
    };
    // Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
    expect(formatDate(dayOnly, 'zh-CN')).toBe(`<t:${Date.UTC(2021, 10, 1, 12) / 1000}:D>`);
    const monthDay: ArticleDate = { year: null, month: 4, day: 30, time: null, precision: 'month-day', timestamp: null, iso: '--04-30' };
    expect(formatDate(monthDay, 'zh-CN')).toBe('4月30日');
    expect(formatDate(monthDay, 'en-US')).toBe('4/30');
  });
});

describe('paging state in custom_id', () => {
  it('round-trips a short search through the id itself', () => {
    const s: PageState = { query: '数据:交易%', limit: 3, offset: 6, from: '2021-01-01', to: null, source: '新华社', userId: '123456789012345678' };
    const id = encodePageId(s, 'next');
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id).not.toContain('~');
    expect(decodePageId(id)).toEqual(s);
  });

  it('keeps a long search in a bounded map, within 100 characters, until it expires', () => {
    const now = 1_000_000;
    const long: PageState = { ...state, query: '另一个很长的查询'.repeat(20) };
    const id = encodePageId(long, 'prev', now);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id).toContain('~');
    expect(decodePageId(id, now + 60_000)).toEqual(long);
    expect(encodePageId(long, 'next', now)).toBe(id.replace(':p:', ':n:'));
    expect(decodePageId(id, now + 16 * 60_000)).toBeNull();
  });

  it('reads nothing from a foreign or mangled id', () => {
    expect(decodePageId('other:p:1:0')).toBeNull();
    expect(decodePageId('search:p:notanid:0:5::::q')).toBeNull();
    expect(decodePageId('search:p:123456789012345678:-5:5::::q')).toBeNull();
  });
});
