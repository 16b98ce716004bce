// Metadata from front matter and from metadata lines in the body. Every field records the
// rule that found it; a field nothing found stays null — no value is ever guessed.
//
// Source precedence: an in-body `来源：` line, then a dateline (`新华社北京…电`, `新京报贝壳财经讯`),
// then an in-body `作者:` byline at the top, then the front matter author. Aggregators such as
// 新浪财经 put themselves in the front matter `author` of every article they republish; the
// body names the outlet that wrote it.
import type { Article, ArticleDate, Provenance, RawParagraph, RemovedParagraph } from './article.ts';
import { comparable, decodeEntities, normaliseSpaces } from './clean-text.ts';
import { dateFromMonthDay, findDateInText, parseFrontMatterDate } from './dates.ts';

export interface ArticleMetadata extends Pick<Article, 'title' | 'originalTitle' | 'date' | 'source' | 'url' | 'categories' | 'provenance'> {
  /** The paragraphs with metadata lines (title line, 原标题, 来源, 作者, trailer) removed. */
  paragraphs: RawParagraph[];
  /** Those lines, each with the field it went to (`metadata.source`), for the removal report. */
  taken: RemovedParagraph[];
}

export interface MetadataInput {
  frontMatter: Record<string, unknown>;
  paragraphs: RawParagraph[];
  /** `<title>` of a full HTML document. */
  documentTitle: string | null;
  /** Plain text without front matter title: the first line may be the title. */
  firstLineMayBeTitle: boolean;
}

const TRAILER_TITLE = /^(?:标题|標題)\s*[:：]\s*(.{1,120})$/;
const TRAILER_URL = /^(?:地址|网址|網址|链接地址|鏈接地址|原文链接|原文鏈接|原文地址)\s*[:：]\s*(https?:\/\/[^\s，。；、）)】]+)/;
const ORIGINAL_TITLE = /^(?:原标题|原標題)\s*[:：]?\s*(.+)$/;
const SOURCE_LINE = /^(?:来源|來源|稿源)\s*[:：]\s*(.{1,30})$/;
const AUTHOR_LINE = /^作者\s*[:：]\s*([^\s\d,，;；|｜]{1,20})(.*)$/;
// `新华社北京4月30日电`: an agency name ending in 社, then the place, then month and day.
const AGENCY_DATELINE = /^(?:[(（【[]?)([\p{Script=Han}]{1,6}社)[\p{Script=Han}]{0,8}?(?:(\d{1,2})月(\d{1,2})日)?\s*[电電]/u;
// `新京报贝壳财经讯（记者 …）`: outlet name followed by 讯 and the reporter bracket or a space.
const OUTLET_DATELINE = /^([\p{Script=Han}A-Za-z]{2,12}?)(?:\d{1,2}月\d{1,2}日)?[讯訊](?=[\s（(【]|$)/u;
const NOT_AN_OUTLET = /^(本报|本報|本刊|本台|本网|本網|记者|記者|快讯|快訊|简讯|簡訊|通讯|通訊)$/;
const SENTENCE_END = /[。！？!?；;…]$/;
const URL_KEYS = ['link', 'url', 'permalink', 'source_url', 'sourceUrl', 'original_url'];
const SOURCE_KEYS = ['author', 'source'];

const HEAD = 5; // metadata lines at the top of a body live in the first few paragraphs
const TITLE_REPEAT_WITHIN = 3;

export function extractMetadata(input: MetadataInput): ArticleMetadata {
  const fm = input.frontMatter;
  const provenance: Provenance = { title: null, originalTitle: null, date: null, source: null, url: null, categories: null };
  let paragraphs = [...input.paragraphs];
  const taken: RemovedParagraph[] = [];
  /** Takes a line into the metadata: it leaves the body, and the report says where it went. */
  const take = (text: string, field: string): false => {
    taken.push({ text, rule: `metadata.${field}` });
    return false;
  };

  // 1. Plain-text first line as a title candidate (taken before anything else moves lines).
  const firstLine = input.firstLineMayBeTitle && paragraphs.length > 1 ? paragraphs[0]!.text : null;
  const firstLineIsTitle = firstLine !== null && looksLikeTitle(firstLine);

  // 2. Trailer lines `标题:` / `地址:` (seed 003).
  let trailerTitle: string | null = null;
  let trailerUrl: string | null = null;
  paragraphs = paragraphs.filter(({ text: p }) => {
    const t = TRAILER_TITLE.exec(p);
    if (t && trailerTitle === null) {
      trailerTitle = t[1]!.trim();
      return take(p, 'title');
    }
    const u = TRAILER_URL.exec(p);
    if (u && trailerUrl === null) {
      trailerUrl = u[1]!;
      return take(p, 'url');
    }
    return true;
  });

  // 3. Lines near the top: 原标题, 来源, 作者.
  let originalTitle: string | null = null;
  let bodySource: string | null = null;
  let bylineSource: string | null = null;
  let bylineRest = '';
  paragraphs = paragraphs.filter(({ text: p }, i) => {
    if (i < HEAD && originalTitle === null) {
      const m = ORIGINAL_TITLE.exec(p);
      if (m) {
        originalTitle = m[1]!.trim();
        return take(p, 'originalTitle');
      }
    }
    if (bodySource === null) {
      const m = SOURCE_LINE.exec(p);
      if (m) {
        bodySource = cleanName(m[1]!);
        return take(p, 'source');
      }
    }
    if (i < HEAD && bylineSource === null) {
      const m = AUTHOR_LINE.exec(p);
      if (m) {
        bylineSource = cleanName(m[1]!);
        bylineRest = m[2] ?? '';
        return take(p, 'source');
      }
    }
    return true;
  });

  // 4. Title.
  let title: string | null = null;
  const fmTitle = titleField(fm.title);
  if (fmTitle) [title, provenance.title] = [fmTitle, 'front-matter.title'];
  else if (trailerTitle) [title, provenance.title] = [trailerTitle, 'trailer.标题'];
  else if (input.documentTitle) [title, provenance.title] = [input.documentTitle, 'html.title'];
  else if (firstLineIsTitle) [title, provenance.title] = [firstLine, 'body.first-line'];
  // The title again in the first paragraphs (feeds repeat it as the body's first line) goes.
  // Titles made from file names have `_` where the body keeps `?` or quotes: the body's wins.
  if (title !== null) {
    const key = comparable(title);
    const repeat = paragraphs.slice(0, TITLE_REPEAT_WITHIN).findIndex((p) => comparable(p.text) === key);
    if (repeat !== -1) {
      if (title.includes('_') && provenance.title === 'front-matter.title') title = normaliseSpaces(paragraphs[repeat]!.text);
      take(paragraphs[repeat]!.text, 'title');
      paragraphs = paragraphs.filter((_, i) => i !== repeat);
    }
  }
  if (originalTitle !== null) provenance.originalTitle = 'body.原标题';

  // 5. Dateline in the first paragraphs: gives a source and, without a year, month and day.
  const dateline = findDateline(paragraphs.slice(0, 3).map((p) => p.text));

  // 6. Date.
  let date = parseFrontMatterDate(fm.date);
  if (date) provenance.date = 'front-matter.date';
  if (!date) {
    for (const text of [bylineRest, ...paragraphs.slice(0, 3).map((p) => p.text)]) {
      const found = text ? findDateInText(text) : null;
      if (found) {
        date = found.date;
        provenance.date = `body.${found.rule}`;
        break;
      }
    }
  }
  if (!date && dateline?.monthDay) {
    date = dateline.monthDay;
    provenance.date = 'body.dateline';
  }

  // 7. Source.
  let source: string | null = null;
  const fmSource = SOURCE_KEYS.map((k) => stringField(fm[k])).find(Boolean) ?? null;
  if (bodySource) [source, provenance.source] = [bodySource, 'body.来源'];
  else if (dateline?.source) [source, provenance.source] = [dateline.source, 'body.dateline'];
  else if (bylineSource) [source, provenance.source] = [bylineSource, 'body.作者'];
  else if (fmSource) [source, provenance.source] = [fmSource, `front-matter.${SOURCE_KEYS.find((k) => stringField(fm[k]))}`];

  // 8. URL.
  let url: string | null = null;
  const urlKey = URL_KEYS.find((k) => isHttpUrl(stringField(fm[k])));
  if (urlKey) [url, provenance.url] = [stringField(fm[urlKey]), `front-matter.${urlKey}`];
  else if (trailerUrl) [url, provenance.url] = [trailerUrl, 'trailer.地址'];

  // 9. Categories.
  const categories = categoryList(fm.categories);
  if (categories.length > 0) provenance.categories = 'front-matter.categories';

  return { title, originalTitle, date, source, url, categories, provenance, paragraphs, taken };
}

function looksLikeTitle(line: string): boolean {
  return line.length <= 80 && !SENTENCE_END.test(line) && findDateline([line]) === null;
}

function findDateline(paragraphs: string[]): { source: string | null; monthDay: ArticleDate | null } | null {
  for (const p of paragraphs) {
    const agency = AGENCY_DATELINE.exec(p);
    if (agency) {
      const monthDay = agency[2] ? dateFromMonthDay(Number(agency[2]), Number(agency[3])) : null;
      return { source: agency[1]!, monthDay };
    }
    const outlet = OUTLET_DATELINE.exec(p);
    if (outlet && !NOT_AN_OUTLET.test(outlet[1]!)) return { source: outlet[1]!, monthDay: null };
  }
  return null;
}

function stringField(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const t = value.replace(/\s+/g, ' ').trim();
  return t || null;
}

/**
 * A front-matter title as a reader should see it: entities decoded, markup and a leading
 * `_Tag_` category prefix (feed templates) removed.
 */
export function titleField(value: unknown): string | null {
  const raw = stringField(value);
  if (raw === null) return null;
  const text = normaliseSpaces(decodeEntities(raw).replace(/<[^<>]{0,200}>/g, ' ')).replace(/^_[\p{L}\p{N}][\p{L}\p{N} -]{0,30}_\s+/u, '');
  return text || null;
}

function isHttpUrl(value: string | null): boolean {
  return value !== null && /^https?:\/\/\S+$/i.test(value);
}

function cleanName(value: string): string {
  return value.replace(/[\s。，,;；:：)）]+$/u, '').trim();
}

function categoryList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,，]/) : [];
  return list.map(stringField).filter((v): v is string => v !== null);
}
