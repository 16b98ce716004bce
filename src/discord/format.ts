// Small pieces of Discord markdown shared by the renderers: escaped text, links, dates.
import type { ArticleDate } from '../corpus/article.ts';
import { escapeMarkdown } from '../search/highlight.ts';
import { t, type Lang } from './i18n.ts';

export { escapeMarkdown };

/**
 * An excerpt from the engine is Discord markdown already: text escaped, matches in
 * `**…**`. This only guards the one rule a reply must not break: an unpaired marker is
 * dropped.
 */
export function checkedExcerpt(excerpt: string): string {
  // Code spans are not markdown: a `**` inside one is code, not a marker.
  const markers = excerpt.replace(INLINE_CODE, (code) => '\u0000'.repeat(code.length));
  if ((markers.match(/(?<!\\)\*\*/g)?.length ?? 0) % 2 === 0) return excerpt;
  const parts = excerpt.split(/(?<!\\)\*\*/);
  if (parts.length % 2 === 1) return excerpt;
  // An odd number of markers: the last one is unpaired, so join the text around it.
  const last = parts.pop()!;
  parts.push(parts.pop()! + last);
  return parts.map((part, i) => (i % 2 === 1 ? `**${part}**` : part)).join('');
}

/** Inline code as the engine writes it (see `inlineCode`): `` `x` `` or ``` `` x `` ```. */
const INLINE_CODE = /``\s[^\n]*?\s``|`[^`\n]+`/g;

/** Inline code the engine made stays code; everything else is escaped. */
export function escapeOutsideInlineCode(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(INLINE_CODE)) {
    out += escapeMarkdown(text.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + escapeMarkdown(text.slice(at));
}

/** URLs longer than this are not linked: they would eat the room for the text. */
const MAX_LINK_URL = 512;

/** An http(s) URL safe inside `(…)`, or null. */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const href = u.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
    return href.length <= MAX_LINK_URL ? href : null;
  } catch {
    return null;
  }
}

/**
 * `[title](url)` when the URL is usable, else the escaped title. Brackets in the title
 * become full-width so they cannot end the link text. `suppressPreview` wraps the URL
 * in `<…>`, which keeps Discord from adding a preview embed to message content.
 */
export function titleLink(title: string, url: string | null, suppressPreview = false): string {
  const text = escapeMarkdown(title.replace(/\[/g, '［').replace(/\]/g, '］'));
  const href = safeUrl(url);
  if (!href) return text;
  return `[${text}](${suppressPreview ? `<${href}>` : href})`;
}

/**
 * A Discord timestamp `<t:…:D>` (shown in the reader's own locale and zone) when the
 * full date is known, else the date text, e.g. 4月30日. A date without a time is shown
 * from noon UTC, so no time zone moves it to another day.
 */
export function formatDate(date: ArticleDate | null, lang: Lang): string | null {
  if (!date) return null;
  if (date.precision === 'month-day' || date.timestamp === null || date.year === null) {
    return t(lang, 'date.monthDay', { month: date.month, day: date.day });
  }
  const ms = date.precision === 'datetime' ? date.timestamp : Date.UTC(date.year, date.month - 1, date.day, 12);
  return `<t:${Math.floor(ms / 1000)}:D>`;
}

/** Source and date joined for a meta line, e.g. `新浪财经 · <t:…:D>`; empty when neither is known. */
export function metaLine(source: string | null, date: ArticleDate | null, lang: Lang): string {
  return [source === null ? null : escapeMarkdown(source), formatDate(date, lang)]
    .filter((x): x is string => x !== null && x !== '')
    .join(' · ');
}
