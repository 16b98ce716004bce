// HTML body → raw paragraphs with their kinds. Elements that never carry article text
// (scripts, styles, buttons, QR and app promotions) are removed before the walk; the walk
// turns block elements into paragraph breaks, keeps inline text together, keeps code
// listings with their line breaks, and notes where an image stood (captions follow images).
import * as cheerio from 'cheerio';
import { compile, selectAll } from 'css-select';
import type { ParagraphKind, RawParagraph, RemovedParagraph } from './article.ts';

/** Elements that never carry article text. */
// prettier-ignore
const DROP_SELECTOR = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'object', 'embed',
  'canvas', 'map', 'button', 'input', 'select', 'textarea', 'form',
  'head', 'title', 'meta', 'link',
  '[hidden]', '[aria-hidden="true"]', '[role="tooltip"]', '[style*="display:none"]', '[style*="display: none"]',
  // Site furniture seen in the corpus: sina QR/app blocks and editor line, woshipm reward box,
  // sspai side bar, sina "related research" link block.
  '.appendQr_wrap', '.app-kaihu-qr', '.article-editor', '.support-author', '.article-side', '.jqlblock_cls',
  '[class*="qrcode" i]', '[id="qr-code"]',
].join(',');
/** Compiled once: through `$(selector)` css-select parses and compiles it again for every article. */
const DROPPED = compile(DROP_SELECTOR);

/** Dropped elements whose text a reader could have seen, so the removal report lists it. */
const SILENT_DROPS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'iframe',
  'frame',
  'object',
  'embed',
  'canvas',
  'map',
]);

// prettier-ignore
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'div', 'dl',
  'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li',
  'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
// Table cells are inline with a space between them: one row becomes one paragraph.

/** Elements that stand for a picture: the next short paragraph is in caption position. */
const IMAGE_TAGS = new Set(['img', 'picture', 'svg', 'video', 'audio']);

const KIND_OF_TAG: Record<string, ParagraphKind> = {
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  li: 'list',
  dt: 'list',
  dd: 'list',
  blockquote: 'quote',
  figcaption: 'caption',
  caption: 'caption',
  tr: 'table',
};

/** Longest heading of a trailing link list that is removed with it. */
const LIST_HEADING_MAX = 12;

/** A paragraph wholly in bold and this short, with no sentence end, is a subhead. */
const BOLD_HEADING_MAX = 40;

/** The part of a domhandler node the walk needs (cheerio does not re-export the types). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  endIndex?: number | null;
  children?: DomNode[];
}

export interface HtmlParagraphs {
  paragraphs: RawParagraph[];
  /** Text the reader would have seen that the HTML pass removed, with the rule. */
  removed: RemovedParagraph[];
  /** `<title>` or the first `<h1>` of a full HTML document; null for fragments. */
  documentTitle: string | null;
}

const LOOKS_LIKE_HTML = /<(p|div|br|span|font|h[1-6]|ul|ol|li|table|blockquote|section|article|figure|img|a|strong|pre|code|html|body)\b[^<>]*>/i;

export function looksLikeHtml(body: string): boolean {
  return LOOKS_LIKE_HTML.test(body);
}

/** A whole document starts as one; `<html>` quoted inside a code listing does not make one. */
const DOCUMENT_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype|<html[\s>]|<head[\s>]|<body[\s>])/i;

export function htmlToParagraphs(html: string): HtmlParagraphs {
  const isDocument = DOCUMENT_START.test(html);
  // htmlparser2 in HTML mode, not cheerio's default parse5: half the time and garbage, and the
  // same paragraphs for every seed, sample and 5,688 synthetic articles. parse5's HTML5 repairs
  // (implied <body>, text moved out of tables) change nothing the walk keeps.
  // End indices let a tag quoted inside code be written back with its closing tag only if it had one.
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true, withEndIndices: true } }, isDocument);
  const documentTitle = isDocument ? (firstText($('title').first().text()) ?? firstText($('h1').first().text())) : null;
  const removed: RemovedParagraph[] = [];
  const dropped = $(selectAll(DROPPED, $.root()[0]!));
  dropped.each((_, element) => {
    const name = (element as unknown as DomNode).name ?? '';
    if (SILENT_DROPS.has(name)) return;
    const text = firstText($(element).text());
    if (text) removed.push({ text, rule: 'html.furniture-element' });
  });
  dropped.remove();
  const root = (isDocument ? ($('body')[0] ?? $.root()[0]) : $.root()[0]) as unknown as DomNode;
  const walked = walk(root, html);
  return { paragraphs: walked.paragraphs, removed: [...removed, ...walked.removed], documentTitle };
}

function firstText(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  return t || null;
}

function visibleLength(text: string): number {
  return text.replace(/[\s\u3000\u00a0]+/g, '').length;
}

/** Copy-button labels that code widgets put inside the listing. */
const CODE_BUTTON_LINE = /^\s*(复制代码|複製代碼|复制|複製|copy( code)?|copied!?|代码|代碼|code)\s*$/i;

/**
 * Elements a code listing is marked up with. Any other tag inside `<pre>` is code the page
 * forgot to escape (`podman top <container_id>`, `<script>` in a tutorial): it is written back.
 */
// prettier-ignore
const CODE_MARKUP = new Set([
  'span', 'code', 'b', 'strong', 'i', 'em', 'a', 'font', 'mark', 'u', 's', 'sub', 'sup', 'small', 'kbd', 'samp', 'var',
  'br', 'div', 'p', 'li', 'ol', 'ul', 'table', 'tbody', 'tr', 'td', 'th', 'figure', 'pre',
]);

/** A code listing's text with its line breaks: `<br>` and block children end lines. */
function codeText(pre: DomNode, html: string): string {
  let out = '';
  let afterBreak = false; // `<br>` then a newline in the source is one line break, not two
  const stack: (DomNode | string)[] = [pre];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      out += node;
      continue;
    }
    if (node.type === 'text') {
      const data = node.data ?? '';
      out += afterBreak ? data.replace(/^\r?\n/, '') : data;
      afterBreak = false;
      continue;
    }
    if (node.name === 'br') {
      out += '\n';
      afterBreak = true;
      continue;
    }
    const name = node.name ?? '';
    const children = node.children ?? [];
    if (isGutter(node)) continue;
    if (node !== pre && name && !CODE_MARKUP.has(name)) {
      const attributes = Object.entries(node.attribs ?? {})
        .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${v}"`))
        .join('');
      out += `<${name}${attributes}>`;
      const close = `</${name}>`;
      const end = (node.endIndex ?? -1) + 1;
      if (end >= close.length && html.slice(end - close.length, end).toLowerCase() === close) stack.push(close);
    } else if (node !== pre && BLOCK_TAGS.has(name)) stack.push('\n'); // one <div> or <li> per line ends its line
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  const lines = out.split(/\r\n|\r|\n/);
  const removable = (line: string) => CODE_BUTTON_LINE.test(line) || line.trim() === '';
  while (lines.length > 0 && removable(lines[0]!)) lines.shift();
  while (lines.length > 0 && removable(lines[lines.length - 1]!)) lines.pop();
  return lines.join('\n');
}

/**
 * A code box that is not a `<pre>`: forum and blog engines put listings in an `<ol>` or `<div>`
 * whose class or id says so (`blockcode`, `hljs`, `linenums`, `code_x1`). `qrcode` is not one.
 */
const CODE_CONTAINER = /(^|[\s_-])(code|blockcode|codeblock|code-block|highlight|hljs|syntax|prettyprint|linenums|sourcecode)([\s_-]|$)/i;
const CODE_CONTAINER_TAGS = new Set(['div', 'ol', 'ul', 'table', 'figure', 'section']);

function isCodeContainer(node: DomNode): boolean {
  if (!CODE_CONTAINER_TAGS.has(node.name ?? '')) return false;
  const attributes = node.attribs ?? {};
  return CODE_CONTAINER.test(attributes.class ?? '') || CODE_CONTAINER.test(attributes.id ?? '');
}

/** The line-number column of a code table (Hexo, highlight.js): `td.gutter`, `.line-numbers`, `.lineno`. */
function isGutter(node: DomNode): boolean {
  return /(^|\s)(gutter|line-?numbers?|linenos?|hljs-ln-numbers)(\s|$)/i.test(node.attribs?.class ?? '');
}

function cellCount(row: DomNode): number {
  return (row.children ?? []).filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th')).length;
}

/** A line-number gutter (Hexo, highlight.js tables): only digits and spaces. */
function isLineNumberGutter(text: string): boolean {
  return /^[\d\s]+$/.test(text);
}

/** Iterative walk (deeply nested sites must not overflow the stack). */
function walk(root: DomNode, html: string): { paragraphs: RawParagraph[]; removed: RemovedParagraph[] } {
  const paragraphs: RawParagraph[] = [];
  const removed: RemovedParagraph[] = [];
  let parts: string[] = [];
  let textChars = 0; // non-space characters in the current paragraph
  let linkChars = 0; // ... of which inside <a>
  let boldChars = 0; // ... of which inside <strong>/<b>
  let linkDepth = 0;
  let boldDepth = 0;
  const kinds: ParagraphKind[] = [];
  let imageBefore = false; // an image since the last paragraph
  let linksSinceEmit = false; // a link list was removed since the last paragraph

  const emit = (text: string, kind: ParagraphKind) => {
    paragraphs.push({ text, kind, afterImage: imageBefore });
    imageBefore = false;
    linksSinceEmit = false;
  };
  const flush = () => {
    const text = parts.join('');
    if (textChars > 0) {
      // A paragraph made only of link text is a related-links list, not article text.
      if (linkChars >= textChars) {
        removed.push({ text: text.replace(/\s+/g, ' ').trim(), rule: 'html.link-list' });
        linksSinceEmit = true;
      } else {
        let kind = kinds[kinds.length - 1] ?? 'text';
        if (kind === 'text' && boldChars === textChars && textChars <= BOLD_HEADING_MAX && !/[。！？.!?；;:：]\s*$/.test(text)) kind = 'heading';
        emit(text, kind);
      }
    }
    parts = [];
    textChars = 0;
    linkChars = 0;
    boldChars = 0;
  };

  type Step = { node: DomNode; leaving: boolean };
  const stack: Step[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (node.type === 'text') {
      const data = node.data ?? '';
      parts.push(data);
      const visible = visibleLength(data);
      textChars += visible;
      if (linkDepth > 0) linkChars += visible;
      if (boldDepth > 0) boldChars += visible;
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'root') continue; // comments, directives, cdata
    const name = node.name ?? '';
    if (IMAGE_TAGS.has(name)) {
      if (textChars === 0) imageBefore = true;
      continue;
    }
    if (name === 'pre' || isCodeContainer(node)) {
      flush();
      const code = codeText(node, html);
      if (!isLineNumberGutter(code)) emit(code, 'code');
      continue;
    }
    const block = BLOCK_TAGS.has(name);
    // A row of one cell is page layout (whole posts sit in one), not a table row.
    const kind = name === 'tr' && cellCount(node) < 2 ? 'text' : KIND_OF_TAG[name];
    if (leaving) {
      if (name === 'a') linkDepth--;
      if (name === 'strong' || name === 'b') boldDepth--;
      if (block) flush();
      else if (name === 'td' || name === 'th') parts.push(' ');
      if (kind) kinds.pop();
      continue;
    }
    if (block) flush();
    if (kind) kinds.push(kind);
    if (name === 'a') linkDepth++;
    if (name === 'strong' || name === 'b') boldDepth++;
    stack.push({ node, leaving: true });
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leaving: false });
  }
  flush();
  // `参考`, `推荐阅读` left alone at the end once the links under it went: the list's heading.
  const last = paragraphs[paragraphs.length - 1];
  if (linksSinceEmit && last && last.kind !== 'code' && [...last.text.trim()].length <= LIST_HEADING_MAX && !/[。！？.!?，,]/.test(last.text)) {
    paragraphs.pop();
    removed.push({ text: last.text.trim(), rule: 'html.link-list' });
  }
  return { paragraphs, removed };
}
