// HTML body → raw paragraph strings. Furniture (scripts, styles, images, buttons, QR and
// app promotions, share bars, related-link lists) is removed before the walk; the walk turns
// block elements into paragraph breaks and keeps inline text together.
import * as cheerio from 'cheerio';

/** Elements that never carry article text. `pre` is dropped on purpose: code listings
 * (jianshu, sspai) are not prose, and as search text they only add noise; inline `code`
 * inside a sentence stays. */
const DROP_SELECTOR = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'object', 'embed', 'img', 'picture',
  'svg', 'canvas', 'video', 'audio', 'map', 'button', 'input', 'select', 'textarea', 'form', 'pre',
  'head', 'title', 'meta', 'link',
  '[hidden]', '[aria-hidden="true"]', '[role="tooltip"]', '[style*="display:none"]', '[style*="display: none"]',
  // Site furniture seen in the corpus: sina QR/app blocks and editor line, woshipm reward box,
  // sspai side bar, sina "related research" link block.
  '.appendQr_wrap', '.app-kaihu-qr', '.article-editor', '.support-author', '.article-side', '.jqlblock_cls',
  '[class*="qrcode" i]', '[id="qr-code"]',
].join(',');

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'div', 'dl',
  'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li',
  'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
// Table cells are inline with a space between them: one row becomes one paragraph.

/** The part of a domhandler node the walk needs (cheerio does not re-export the types). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
}

export interface HtmlParagraphs {
  paragraphs: string[];
  /** `<title>` or the first `<h1>` of a full HTML document; null for fragments. */
  documentTitle: string | null;
}

const LOOKS_LIKE_HTML = /<(p|div|br|span|font|h[1-6]|ul|ol|li|table|blockquote|section|article|figure|img|a|strong|pre|code|html|body)\b[^<>]*>/i;

export function looksLikeHtml(body: string): boolean {
  return LOOKS_LIKE_HTML.test(body);
}

export function htmlToParagraphs(html: string): HtmlParagraphs {
  const isDocument = /<html[\s>]|<body[\s>]|<!doctype/i.test(html);
  // htmlparser2 in HTML mode, not cheerio's default parse5: half the time and garbage, and the
  // same paragraphs for every seed, sample and 5,688 synthetic articles. parse5's HTML5 repairs
  // (implied <body>, text moved out of tables) change nothing the walk keeps.
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } }, isDocument);
  const documentTitle = isDocument ? firstText($('title').first().text()) ?? firstText($('h1').first().text()) : null;
  $(DROP_SELECTOR).remove();
  const root = (isDocument ? $('body')[0] ?? $.root()[0] : $.root()[0]) as unknown as DomNode;
  return { paragraphs: walk(root), documentTitle };
}

function firstText(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  return t || null;
}

/** Iterative walk (deeply nested sites must not overflow the stack). */
function walk(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let parts: string[] = [];
  let textChars = 0; // non-space characters in the current paragraph
  let linkChars = 0; // ... of which inside <a>
  let linkDepth = 0;

  const flush = () => {
    const text = parts.join('');
    // A paragraph made only of link text is a related-links list, not article text.
    if (textChars > 0 && linkChars < textChars) paragraphs.push(text);
    parts = [];
    textChars = 0;
    linkChars = 0;
  };

  type Step = { node: DomNode; leaving: boolean };
  const stack: Step[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (node.type === 'text') {
      const data = node.data ?? '';
      parts.push(data);
      const visible = data.replace(/[\s\u3000\u00a0]+/g, '').length;
      textChars += visible;
      if (linkDepth > 0) linkChars += visible;
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'root') continue; // comments, directives, cdata
    const name = node.name ?? '';
    const block = BLOCK_TAGS.has(name);
    if (leaving) {
      if (name === 'a') linkDepth--;
      if (block) flush();
      else if (name === 'td' || name === 'th') parts.push(' ');
      continue;
    }
    if (block) flush();
    if (name === 'a') linkDepth++;
    stack.push({ node, leaving: true });
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leaving: false });
  }
  flush();
  return paragraphs;
}
