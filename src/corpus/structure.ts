// Structure the markup did not say: a plain paragraph can still be a section heading
// (`资本流动的背景`, `1. 使用场景`) or an item of a numbered list (`预测三：…`, `3、南京化纤…`).
// Summaries and excerpts choose sentences from body text only, so these must be told apart.
import type { RawParagraph } from './article.ts';

/** Longest paragraph read as a heading when nothing marks it. */
const HEADING_MAX = 30;
/** A heading has no sentence end, and no clause break either. */
const PUNCTUATED = /[。！？!?；;，,、…:：]|\.\s|\.$/;
/** `3.`, `3、`, `（3）`, `一、`, `第三，`, `预测三：`, `Step 3:`. */
export const ITEM_NUMBER =
  /^(?:[(（]?\d{1,2}[)）.．、:：]|[一二三四五六七八九十]{1,3}[、.．:：，,]|第[一二三四五六七八九十\d]{1,3}[、，,:：]|\p{Script=Han}{1,4}[一二三四五六七八九十]{1,3}[:：]|(?:step|part|no\.?)\s*\d{1,2}\s*[:：.]|[•·▪◆■●\-–*])\s*/iu;
const NUMBERED = new RegExp(`${ITEM_NUMBER.source}\\S`, 'iu');
/**
 * A data field (`价格：港币`, `发售日期：2021.10.28`): neither a heading, an item, a caption nor
 * furniture. `资料图：…` names a picture, so it is not one.
 */
export function isDataField(text: string): boolean {
  return DATA_FIELD.test(text);
}
const DATA_FIELD = /^[^：:图圖]{1,12}[:：]/;

/**
 * At most HEADING_MAX characters. A character is one or two UTF-16 units, so only lengths in
 * between are counted, without making an array of the characters of every long paragraph.
 */
function isShort(text: string): boolean {
  if (text.length <= HEADING_MAX) return true;
  if (text.length > 2 * HEADING_MAX) return false;
  return [...text].length <= HEADING_MAX;
}

/**
 * Marks plain-text headings and numbered items. A heading is short, unpunctuated and
 * followed by a longer body paragraph; numbered items need at least two in the article.
 */
export function inferStructure(paragraphs: readonly RawParagraph[]): RawParagraph[] {
  const out = paragraphs.map((p, i) => {
    if (p.kind !== 'text') return p;
    const next = paragraphs[i + 1];
    const text = p.text.trim();
    const isHeading =
      isShort(text) &&
      !PUNCTUATED.test(text.replace(NUMBERED_PREFIX, '')) &&
      !isDataField(text) &&
      next !== undefined &&
      (next.kind === 'text' || next.kind === 'list') &&
      next.text.length > text.length * 2;
    return isHeading ? { ...p, kind: 'heading' as const } : p;
  });
  const numbered = out.filter((p) => p.kind === 'text' && NUMBERED.test(p.text));
  if (numbered.length < 2) return out;
  return out.map((p) => (p.kind === 'text' && NUMBERED.test(p.text) ? { ...p, kind: 'list' as const } : p));
}

/** The number in front of a numbered heading, whose `.` is not punctuation. */
const NUMBERED_PREFIX = /^(?:[(（]?\d{1,2}(?:\.\d{1,2})*[)）.．、]?|[一二三四五六七八九十]{1,3}[、.．])\s*/;
