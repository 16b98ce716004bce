// Markup the corpus sites get wrong, parsed by htmlparser2 (see html-to-paragraphs.ts): each
// case names what parse5's HTML5 repairs would have handled for us.
import { describe, expect, it } from 'vitest';
import { htmlToParagraphs } from '../../src/corpus/html-to-paragraphs.ts';

const paragraphs = (html: string) => htmlToParagraphs(html).paragraphs.map((p) => p.text.trim());

describe('htmlToParagraphs on broken markup', () => {
  it('ends a paragraph left open at the next block', () => {
    expect(paragraphs('<p>第一段没有结束<p>第二段<div>第三段</div>')).toEqual(['第一段没有结束', '第二段', '第三段']);
  });

  it('keeps upper-case tags, entities and text outside any element', () => {
    expect(paragraphs('开头的文字<P>工业&amp;互联网&nbsp;大会&lt;2021&gt;</P>')).toEqual(['开头的文字', '工业&互联网\u00a0大会<2021>']);
  });

  it('treats script and style bodies as raw text and drops them, markup-like content included', () => {
    expect(paragraphs('<p>正文</p><script>if (a < b) { document.write("<p>广告</p>") }</script><style>p > a { }</style><p>结尾</p>')).toEqual(['正文', '结尾']);
  });

  it('reads a table row as one paragraph even with stray text in the table', () => {
    expect(paragraphs('<table>说明<tr><td>指标</td><td>26.6%</td></tr></table>')).toEqual(['说明', '指标 26.6%']);
  });

  it('takes the title of a whole document without a body element, and its text', () => {
    const parsed = htmlToParagraphs('<!doctype html><html><head><title> 标题 </title></head><p>没有 body 的正文</p></html>');
    expect(parsed.documentTitle).toBe('标题');
    expect(parsed.paragraphs.map((p) => p.text.trim())).toEqual(['没有 body 的正文']);
  });
});
