// A quick look at an HTML body's shape before it is parsed. Parsing and cleaning cost grows
// faster than the depth: 100,000 nested <div>s (1.1 MB) took 12.5 s. A scan of the tags,
// far cheaper than parsing, refuses such a file with its reason before the parser sees it.

export interface HtmlLimits {
  /** Deepest element nesting accepted. Real pages nest some 30–40 deep. */
  maxHtmlDepth: number;
  /** Most elements accepted in one article. A long news page has a few thousand. */
  maxHtmlNodes: number;
}

export const DEFAULT_HTML_LIMITS: HtmlLimits = { maxHtmlDepth: 200, maxHtmlNodes: 50_000 };

/** Elements with no end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose end tag is optional: parsers close them at the next one, so they do not nest. */
const IMPLIED_END = new Set(['p', 'li', 'dt', 'dd', 'td', 'th', 'tr', 'option', 'thead', 'tbody', 'tfoot', 'colgroup', 'rt', 'rp']);
/** Elements whose content is raw text: tags in it are not tags. */
const RAW_TEXT = new Map(['script', 'style', 'textarea', 'title', 'xmp'].map((name) => [name, new RegExp(`</${name}`, 'gi')]));

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(\/?)>/g;

/** Throws an Error with a one-line reason when the HTML is nested deeper or has more elements than allowed. */
export function checkHtmlShape(html: string, limits: HtmlLimits): void {
  let depth = 0;
  let nodes = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      if (!VOID.has(name) && !IMPLIED_END.has(name) && depth > 0) depth--;
      continue;
    }
    if (++nodes > limits.maxHtmlNodes) {
      throw new Error(`HTML has more than ${limits.maxHtmlNodes} elements (CORPUS_MAX_HTML_NODES)`);
    }
    const rawEnd = RAW_TEXT.get(name);
    if (rawEnd) {
      rawEnd.lastIndex = TAG.lastIndex;
      TAG.lastIndex = rawEnd.exec(html)?.index ?? html.length;
      continue;
    }
    if (VOID.has(name) || IMPLIED_END.has(name) || m[3]) continue;
    if (++depth > limits.maxHtmlDepth) {
      throw new Error(`HTML nested more than ${limits.maxHtmlDepth} elements deep (CORPUS_MAX_HTML_DEPTH)`);
    }
  }
}
