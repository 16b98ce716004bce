import { describe, expect, it } from 'vitest';
import { ELLIPSIS, fitList, truncate, truncateLine } from '../../src/discord/truncate.ts';

/** `**` markers that are not escaped. */
function boldMarkers(text: string): number {
  return [...text.matchAll(/\\[\s\S]|\*\*/g)].filter((m) => m[0] === '**').length;
}

function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

const graphemes = (s: string) => [...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('数据交易平台', 6)).toBe('数据交易平台');
    expect(truncate('', 0)).toBe('');
  });

  it('ends a cut text with an ellipsis and stays within the limit', () => {
    const out = truncate('一二三四五六七八九十', 5);
    expect(out.length).toBeLessThanOrEqual(5);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
  });

  it('prefers a sentence boundary', () => {
    const text = '第一句话在这里结束。第二句话要长得多，超出了限制很多很多很多。';
    expect(truncate(text, 16)).toBe('第一句话在这里结束。…');
  });

  it('falls back to a word boundary, not the middle of a word', () => {
    expect(truncate('alpha beta gamma delta', 14)).toBe('alpha beta…');
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(10);
    for (let max = 1; max < 20; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(out)).toBe(false);
    }
  });

  it('keeps a joined emoji (one grapheme) whole', () => {
    const family = '👨‍👩‍👧‍👦';
    const text = `家庭${family}${family}${family}`;
    for (let max = 3; max < text.length; max++) {
      const out = truncate(text, max);
      const kept = out.endsWith(ELLIPSIS) ? out.slice(0, -1) : out;
      expect(graphemes(kept).every((g) => g === family || g.length === 1)).toBe(true);
    }
  });

  it('closes a bold run that the cut falls inside', () => {
    const out = truncate('前文 **很长的高亮词语内容在这里继续下去** 后文', 14);
    expect(out.length).toBeLessThanOrEqual(14);
    expect(boldMarkers(out) % 2).toBe(0);
    expect(out).toMatch(/\*\*[^*]+\*\*…$/);
  });

  it('drops a bold opener with nothing after it instead of showing ****', () => {
    const out = truncate('一二三四五六七八 **高亮** 尾巴尾巴尾巴', 12);
    expect(out).not.toContain('****');
    expect(boldMarkers(out) % 2).toBe(0);
  });

  it('never cuts inside a [title](url) link', () => {
    const text = '看这里 [一个很长的文章标题](https://example.com/articles/12345) 后面还有很多文字';
    for (let max = 4; max < text.length; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      const opened = out.includes('[');
      if (opened) expect(out).toContain('[一个很长的文章标题](https://example.com/articles/12345)');
    }
  });

  it('never cuts inside a Discord timestamp or between an escape and its character', () => {
    const text = '日期 <t:1637380061:D> 和 \\*星号\\* 以及更多的文字内容';
    for (let max = 2; max < text.length; max++) {
      const out = truncate(text, max).replace(/…$/, '');
      expect(out).not.toMatch(/<t:\d*$|<t:\d+:?$/);
      expect(out.endsWith('\\')).toBe(false);
    }
  });

  it('keeps every invariant on random markdown-ish text', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['数据', '交易', '。', ' ', '**', '😀', '👨‍👩‍👧', '\\*', '[标题](https://a.cn/x)', '<t:1637380061:D>', 'word', '\n'];
    for (let round = 0; round < 500; round++) {
      let text = '';
      const n = 5 + Math.floor(random() * 40);
      for (let i = 0; i < n; i++) text += pieces[Math.floor(random() * pieces.length)];
      // Keep inputs balanced, as the renderers give them.
      if (boldMarkers(text) % 2 === 1) text += '**';
      const max = 1 + Math.floor(random() * text.length);
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(out)).toBe(false);
      expect(boldMarkers(out) % 2).toBe(0);
      // Every link that starts is complete.
      expect(out.replace(/\[标题\]\(https:\/\/a\.cn\/x\)/g, '')).not.toMatch(/\[标|\]\(/);
    }
  });

  it('truncateLine makes one line', () => {
    expect(truncateLine('第一行\n第二行\t  第三行', 100)).toBe('第一行 第二行 第三行');
  });
});

describe('fitList', () => {
  const more = (n: number) => `…还有 ${n} 项`;

  it('joins everything that fits', () => {
    expect(fitList(['a', 'b', 'c'], 100, more)).toBe('a\nb\nc');
  });

  it('says how many were left out, within the limit', () => {
    const items = Array.from({ length: 50 }, (_, i) => `第${i}项内容`);
    const out = fitList(items, 60, more);
    expect(out.length).toBeLessThanOrEqual(60);
    const shown = out.split('\n').filter((l) => l.startsWith('第')).length;
    expect(out.endsWith(more(50 - shown))).toBe(true);
  });

  it('cuts a first item that is too long on its own', () => {
    const out = fitList(['长'.repeat(500), 'b'], 50, more);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.startsWith('长')).toBe(true);
    expect(out.endsWith(more(1))).toBe(true);
  });

  it('is empty for no items', () => {
    expect(fitList([], 10, more)).toBe('');
  });
});
