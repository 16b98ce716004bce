// One file's bytes → one clean Article. Pure (no I/O), so a worker thread can run it.
// Any problem becomes an Error with a one-line message; the loader lists it as skipped.
import matter from 'gray-matter';
import type { Article, RawParagraph, RemovedParagraph } from './article.ts';
import { removeFurniture } from './furniture.ts';
import { cleanCode, cleanParagraph } from './clean-text.ts';
import { isImplausibleDate } from './dates.ts';
import { decodeArticleBytes } from './decode.ts';
import { DEFAULT_HTML_LIMITS, checkHtmlShape, type HtmlLimits } from './html-shape.ts';
import { htmlToParagraphs, looksLikeHtml } from './html-to-paragraphs.ts';
import { extractMetadata } from './metadata.ts';
import { inferStructure } from './structure.ts';
import { textToParagraphs } from './text-to-paragraphs.ts';

export class ArticleParseError extends Error {
  override name = 'ArticleParseError';
}

/** An article and what cleaning took out of it, for `show` and `index`. */
export interface ParsedArticle {
  article: Article;
  removed: RemovedParagraph[];
}

export interface ParseOptions {
  /** The load time, against which dates in the future are judged; default: now. */
  now?: number;
  /** Nesting and element limits checked before HTML is parsed. */
  html?: HtmlLimits;
  /** The clean text is cut (between paragraphs when it can) to this many characters. */
  maxChars?: number;
}

/**
 * News articles run to some 20,000 characters. A far longer text would slow every query that
 * finds it (excerpts and summaries read the whole article), so only its start is indexed.
 */
export const DEFAULT_MAX_ARTICLE_CHARS = 100_000;

export function parseArticle(id: string, bytes: Uint8Array, options: ParseOptions = {}): Article {
  return parseArticleWithReport(id, bytes, options).article;
}

export function parseArticleWithReport(id: string, bytes: Uint8Array, options: ParseOptions = {}): ParsedArticle {
  let text: string;
  try {
    text = decodeArticleBytes(bytes).text;
  } catch (err) {
    throw new ArticleParseError(oneLine(err));
  }
  const { frontMatter, body } = splitFrontMatter(text);

  const isHtml = /\.html?$/i.test(id) || looksLikeHtml(body);
  let raw: RawParagraph[];
  let removed: RemovedParagraph[] = [];
  let documentTitle: string | null = null;
  if (isHtml) {
    try {
      checkHtmlShape(body, options.html ?? DEFAULT_HTML_LIMITS);
    } catch (err) {
      throw new ArticleParseError(oneLine(err));
    }
    ({ paragraphs: raw, removed, documentTitle } = htmlToParagraphs(body));
  } else raw = textToParagraphs(body);
  const cleaned: RawParagraph[] = [];
  for (const p of raw) {
    const clean = p.kind === 'code' ? cleanCode(p.text) : cleanParagraph(p.text);
    if (clean) cleaned.push({ ...p, text: clean });
  }

  const meta = extractMetadata({
    frontMatter,
    paragraphs: cleaned,
    documentTitle,
    firstLineMayBeTitle: !isHtml && !frontMatter.title,
  });
  const furniture = removeFurniture(meta.paragraphs, meta.title);
  let paragraphs = inferStructure(furniture.paragraphs);
  // A headline-only item (an RSS entry with no body) is still news: only an item with
  // neither a title nor any text is not an article.
  if (paragraphs.length === 0 && meta.title === null) throw new ArticleParseError('no title and no article text');
  const notes: string[] = [];
  const maxChars = options.maxChars ?? DEFAULT_MAX_ARTICLE_CHARS;
  const kept = keepFirstChars(paragraphs, maxChars);
  if (kept !== paragraphs) {
    notes.push(`text truncated to its first ${maxChars} characters (CORPUS_MAX_ARTICLE_CHARS)`);
    paragraphs = kept;
  }
  let { date, provenance } = meta;
  if (isImplausibleDate(date, options.now ?? Date.now())) {
    notes.push(`implausible date ${date!.iso} treated as unknown`);
    date = null;
    provenance = { ...provenance, date: null };
  }
  const article: Article = {
    id,
    title: meta.title,
    originalTitle: meta.originalTitle,
    date,
    source: meta.source,
    url: meta.url,
    categories: meta.categories,
    paragraphs: paragraphs.map((p) => p.text),
    kinds: paragraphs.map((p) => p.kind),
    text: paragraphs.map((p) => p.text).join('\n'),
    provenance,
    ...(notes.length > 0 && { notes }),
  };
  return { article, removed: [...removed, ...meta.taken, ...furniture.removed] };
}

/**
 * The first paragraphs that fit in `maxChars` (joined with newlines), the first one cut if it
 * alone is longer; the same array when everything fits.
 */
function keepFirstChars(paragraphs: RawParagraph[], maxChars: number): RawParagraph[] {
  let total = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    total += paragraphs[i]!.text.length + (i > 0 ? 1 : 0);
    if (total <= maxChars) continue;
    if (i > 0) return paragraphs.slice(0, i);
    // Cut on a code point, never inside a surrogate pair.
    const first = paragraphs[0]!;
    return [{ ...first, text: [...first.text.slice(0, maxChars + 1)].slice(0, -1).join('') }];
  }
  return paragraphs;
}

export function splitFrontMatter(text: string): { frontMatter: Record<string, unknown>; body: string } {
  const trimmed = text.trimStart(); // the corpus files start with a blank line before `---`
  if (!/^---[ \t]*\r?\n/.test(trimmed)) return { frontMatter: {}, body: text };
  // gray-matter reads up to the first "\n---" after the opening line. It is handed only that
  // much: it hashes and encodes all it is given, which took longer than reading the YAML.
  const close = trimmed.indexOf('\n---', 3);
  const head = close === -1 ? trimmed : trimmed.slice(0, close + 4);
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's content cache, which would keep every file alive.
    parsed = matter(head, {});
  } catch (err) {
    throw new ArticleParseError(`invalid YAML front matter: ${oneLine(err)}`);
  }
  const data = parsed.data;
  const frontMatter = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  // What gray-matter would give as the content: the rest, less the closing line's line break.
  const body = close === -1 ? '' : trimmed.slice(close + 4).replace(/^\r?\n?/, '');
  return { frontMatter, body };
}

export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.trim().slice(0, 300) || 'unknown error';
}
