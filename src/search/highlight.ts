// Finds query terms in display text. Display text keeps its own script and width, so
// each display character is normalised on its own and matches are mapped back.
import { normaliseForSearch } from '../corpus/normalise.ts';

export interface Span {
  start: number;
  end: number;
}

/** Normalised text plus, for each of its UTF-16 units, the display offset it came from. */
export function normaliseWithOffsets(display: string): { text: string; offsets: number[] } {
  // Usually normalisation maps character for character; then offsets are the identity.
  const whole = normaliseForSearch(display);
  if (whole.length === display.length) return { text: whole, offsets: Array.from({ length: display.length + 1 }, (_, i) => i) };
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < display.length; ) {
    const cp = display.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const norm = normaliseForSearch(ch);
    for (let k = 0; k < norm.length; k++) offsets.push(i);
    text += norm;
    i += ch.length;
  }
  offsets.push(display.length);
  return { text, offsets };
}

/** Display spans where any of the normalised terms occur, merged and sorted. */
export function findTermSpans(display: string, terms: readonly string[]): Span[] {
  if (terms.length === 0 || display.length === 0) return [];
  const { text, offsets } = normaliseWithOffsets(display);
  const spans: Span[] = [];
  for (const term of terms) {
    if (!term) continue;
    const isLatin = /^[a-z0-9.#]+$/.test(term);
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
      // Latin terms match whole words only: `5g` in `5g网络`, not `g` in `google`.
      if (isLatin && (/[a-z0-9]/.test(text[at - 1] ?? '') || /[a-z0-9]/.test(text[at + term.length] ?? ''))) continue;
      const start = offsets[at]!;
      const lastUnit = at + term.length - 1;
      const endCp = display.codePointAt(offsets[lastUnit]!)!;
      spans.push({ start, end: offsets[lastUnit]! + String.fromCodePoint(endCp).length });
    }
  }
  return mergeSpans(spans);
}

export function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * Escapes Discord markdown in text from the corpus, so that it shows literally and only our
 * `**` highlights are markup. The one escaper: the Discord layer uses it for titles too.
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

/** Wraps spans (relative to `text`) in `**`, escaping everything else. */
export function markSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start >= text.length) break;
    const end = Math.min(s.end, text.length);
    out += escapeMarkdown(text.slice(pos, s.start)) + '**' + escapeMarkdown(text.slice(s.start, end)) + '**';
    pos = end;
  }
  return out + escapeMarkdown(text.slice(pos));
}

/** The excerpt as plain text: highlight marks and escapes removed (console, answer checks). */
export function plainExcerpt(excerpt: string): string {
  return excerpt.replace(/(?<!\\)\*\*/g, '').replace(/\\([\\*_~`|<>[\]#-])/g, '$1');
}
