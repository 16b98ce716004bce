// Front matter (splitFrontMatter in src/corpus/parse-article.ts): gray-matter is handed only
// the front matter block, and the body is cut off the same way it would cut it. Checked
// against gray-matter given the whole text, as it was called before.
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/corpus/parse-article.ts';
import { seedAndSampleTexts } from '../helpers.ts';

const SHAPES = {
  plain: '---\ntitle: 标题\ndate: 2023-04-06\n---\n正文第一段。\n\n第二段。',
  'CRLF line ends': '---\r\ntitle: 标题\r\n---\r\n正文。\r\n',
  'a blank line before the body': '---\ntitle: 标题\n---\n\n\n正文。',
  'a closing line with more dashes': '---\ntitle: 标题\n----\n正文。',
  'text right after the closing dashes': '---\ntitle: 标题\n---正文。',
  'no closing line': '---\ntitle: 标题\nsource: 新华社\n',
  'no closing line, and YAML that does not parse': '---\ntitle: 标题\n正文没有结束标记。',
  'an empty block': '---\n---\n正文。',
  'a comment only': '---\n# 注释\n---\n正文。',
  'an excerpt separator': '---\nexcerpt_separator: <!-- more -->\n---\n摘要<!-- more -->正文。',
  'dashes in the body': '---\ntitle: 标题\n---\n正文。\n---\n又一段。\n---\n',
  'a carriage return alone': '---\ntitle: 标题\n---\r\r\n正文。',
};

/** What each gives, or that it refused the text. */
function outcome(split: () => { frontMatter: unknown; body: string }): { frontMatter: unknown; body: string } | 'refused' {
  try {
    return split();
  } catch {
    return 'refused';
  }
}

function viaWholeText(text: string): { frontMatter: unknown; body: string } {
  const parsed = matter(text, {});
  return { frontMatter: parsed.data, body: parsed.content };
}

describe('splitFrontMatter', () => {
  it.each(Object.entries(SHAPES))('splits %s as gray-matter does given the whole text', (_, text) => {
    expect(outcome(() => splitFrontMatter(text))).toEqual(outcome(() => viaWholeText(text)));
  });

  it('refuses what gray-matter refuses', () => {
    expect(outcome(() => splitFrontMatter(SHAPES['no closing line, and YAML that does not parse']))).toBe('refused');
  });

  it('splits every seed and sample with front matter as gray-matter does given the whole text', () => {
    const texts = seedAndSampleTexts()
      .map(({ text }) => text.trimStart())
      .filter((text) => text.startsWith('---'));
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) expect(splitFrontMatter(text)).toEqual(viaWholeText(text));
  });

  it('leaves text without front matter whole', () => {
    expect(splitFrontMatter('正文。\n---\n')).toEqual({ frontMatter: {}, body: '正文。\n---\n' });
  });
});
