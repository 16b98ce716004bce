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

describe('elements that never carry article text', () => {
  it('drops each kind, reports what a reader could have seen, in document order, nested ones too', () => {
    const html = [
      '<p>正文一</p>',
      '<div hidden>隐藏块</div>',
      '<span aria-hidden="true">读屏不读</span>',
      '<div role="tooltip">提示</div>',
      '<div style="color:red;display:none">不显示</div>',
      '<div style="display: none">也不显示</div>',
      '<div class="wrap appendQr_wrap">扫码下载<p class="article-editor">责任编辑：某某</p></div>',
      '<div class="QRCode-box">二维码</div>',
      '<div id="qr-code">又一个二维码</div>',
      '<button>分享</button>',
      '<script>var x = 1;</script>',
      '<p>正文二</p>',
    ].join('');
    const { paragraphs: kept, removed } = htmlToParagraphs(html);
    expect(kept.map((p) => p.text)).toEqual(['正文一', '正文二']);
    expect(removed.filter((r) => r.rule === 'html.furniture-element').map((r) => r.text)).toEqual([
      '隐藏块',
      '读屏不读',
      '提示',
      '不显示',
      '也不显示',
      '扫码下载责任编辑：某某',
      '责任编辑：某某',
      '二维码',
      '又一个二维码',
      '分享',
    ]);
  });

  it('keeps what only looks like furniture: a class that merely starts like one, a visible style, aria-hidden="false"', () => {
    const html = '<p class="article-editorial">社论</p><p style="display:block">可见</p><p aria-hidden="false">读屏可读</p>';
    expect(paragraphs(html)).toEqual(['社论', '可见', '读屏可读']);
  });
});
