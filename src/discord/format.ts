// Small pieces of Discord markdown shared by the renderers: escaped text, links, dates.
import type { ArticleDate } from '../corpus/article.ts';
import type { MarkedText } from '../search/highlight.ts';
import { t, type Lang } from './i18n.ts';
import { ELLIPSIS, plainCut } from './truncate.ts';

/**
 * Escapes Discord markdown in text from the corpus or a user, so that it shows literally
 * and only the markup we add is markup.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|<>[\]]/g, '\\$&').replace(/^([#>-])/gm, '\\$1');
}

/** Code as Discord inline code: nothing inside is markup, so nothing is escaped or marked. */
export function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  if (longestRun === 0) return `\`${text}\``;
  // Double backticks hold single ones; longer runs (rare) become look-alikes, never a code block.
  if (longestRun === 1) return `\`\` ${text} \`\``;
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

/** The first `end` units of an engine text as markdown: escaped, matches bold, code as code. */
function markdownUpTo(marked: MarkedText, end: number): string {
  const runs = [
    ...marked.highlights.map((s) => ({ ...s, render: (x: string) => `**${escapeMarkdown(x)}**` })),
    ...marked.code.map((s) => ({ ...s, render: inlineCode })),
  ].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const run of runs) {
    const start = Math.max(run.start, at);
    const stop = Math.min(run.end, end);
    if (start >= stop) continue;
    out += escapeMarkdown(marked.text.slice(at, start)) + run.render(marked.text.slice(start, stop));
    at = stop;
  }
  return out + escapeMarkdown(marked.text.slice(at, end));
}

/**
 * An engine text (excerpt, summary) as Discord markdown of at most `max` characters. It is
 * cut in the plain text, at a sentence or word boundary, so no marker or code span is split.
 */
export function markdownOf(marked: MarkedText, max = Infinity): string {
  const whole = markdownUpTo(marked, marked.text.length);
  if (whole.length <= max) return whole;
  for (let budget = Math.min(marked.text.length, max - ELLIPSIS.length); budget > 0;) {
    const cut = plainCut(marked.text, budget);
    if (cut === 0) break;
    const out = markdownUpTo(marked, cut) + ELLIPSIS;
    if (out.length <= max) return out;
    budget = Math.min(cut - 1, budget - (out.length - max));
  }
  return '';
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
  return [source === null ? null : escapeMarkdown(source), formatDate(date, lang)].filter((x): x is string => x !== null && x !== '').join(' · ');
}
