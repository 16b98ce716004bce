// /summary says plainly when only the headline is known, and shows code as code.
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../commands/summary.ts';
import { inlineCode, markdownOf } from '../../src/discord/format.ts';
import { MarkedTextBuilder, unmarked } from '../../src/search/highlight.ts';
import type { ArticleSummary } from '../../src/search/types.ts';

const base: ArticleSummary = {
  id: 'a.md',
  title: '标题',
  date: null,
  source: '来源',
  url: null,
  shape: 'prose',
  list: null,
  chars: 0,
  sentences: [],
  summary: unmarked(''),
  related: [],
};

describe('/summary of articles that are not plain prose', () => {
  it("says a headline-only item has no body, in the user's language", () => {
    const zh = renderSummary({ ...base, shape: 'headline-only' }, 'zh-CN').embeds![0]!;
    expect(zh.description).toContain('只有标题');
    expect(renderSummary({ ...base, shape: 'headline-only' }, 'en-US').embeds![0]!.description).toContain('Headline only');
  });

  it('keeps inline code as code and escapes the prose around it', () => {
    const summary = new MarkedTextBuilder().plain('用法：').codeRun('docker run -d nginx').plain(' ').codeRun('a_b*c').plain('，见 *文档*').build();
    const embed = renderSummary({ ...base, shape: 'mostly-code', summary }, 'zh-CN').embeds![0]!;
    expect(embed.description).toContain('`docker run -d nginx` `a_b*c`');
    expect(embed.description).toContain('\\*文档\\*');
    expect(embed.description).toContain('以代码为主');
  });
});

describe('code in excerpts', () => {
  it('wraps code so that backticks inside it cannot end it', () => {
    expect(inlineCode('docker run -d nginx')).toBe('`docker run -d nginx`');
    expect(inlineCode('resAppend://`')).toBe('`` resAppend://` ``');
    expect(inlineCode('```')).not.toMatch(/^```/);
  });

  it('shows `**` inside code as code, next to a highlight', () => {
    const excerpt = new MarkedTextBuilder()
      .highlighted('幂', [{ start: 0, end: 1 }])
      .plain('运算写作 ')
      .codeRun('2 ** 10')
      .build();
    expect(markdownOf(excerpt)).toBe(`**幂**运算写作 ${inlineCode('2 ** 10')}`);
  });
});
