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
  for (let i = 0; i < display.length;) {
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

/** A term matched as a whole word only (`5g` in `5g网络`, not `g` in `google`). */
const LATIN_TERM = /^[a-z0-9.#]+$/;

/** Display spans where the normalised terms occur, unmerged; only the first with `firstOnly`. */
function matchSpans(display: string, terms: readonly string[], firstOnly: boolean): Span[] {
  const spans: Span[] = [];
  if (terms.length === 0 || display.length === 0) return spans;
  const { text, offsets } = normaliseWithOffsets(display);
  for (const term of terms) {
    if (!term) continue;
    // Most of a query's terms are Han: they skip the pattern.
    const isLatin = term.charCodeAt(0) < 0x80 && LATIN_TERM.test(term);
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
      if (isLatin && (/[a-z0-9]/.test(text[at - 1] ?? '') || /[a-z0-9]/.test(text[at + term.length] ?? ''))) continue;
      const start = offsets[at]!;
      const lastUnit = at + term.length - 1;
      const endCp = display.codePointAt(offsets[lastUnit]!)!;
      spans.push({ start, end: offsets[lastUnit]! + String.fromCodePoint(endCp).length });
      if (firstOnly) return spans;
    }
  }
  return spans;
}

/** Display spans where any of the normalised terms occur, merged and sorted. */
export function findTermSpans(display: string, terms: readonly string[]): Span[] {
  return mergeSpans(matchSpans(display, terms, false));
}

/** Whether any of the normalised terms occurs in the display text (as findTermSpans would find it). */
export function holdsAnyTerm(display: string, terms: readonly string[]): boolean {
  return matchSpans(display, terms, true).length > 0;
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
 * Text as the engine returns it: plain display text, plus the runs a front end shows
 * differently. Discord renders them as Markdown, the console as plain text or bold.
 */
export interface MarkedText {
  text: string;
  /** Query matches, sorted and disjoint. */
  highlights: Span[];
  /** Code (a line of a listing), shown as code and never highlighted. */
  code: Span[];
}

/** Builds a MarkedText piece by piece, shifting each piece's spans to its offset. */
export class MarkedTextBuilder {
  private text = '';
  private readonly highlights: Span[] = [];
  private readonly code: Span[] = [];

  get length(): number {
    return this.text.length;
  }

  plain(text: string): this {
    this.text += text;
    return this;
  }

  /** `text` with `spans` (relative to it) highlighted; spans past its end are clipped. */
  highlighted(text: string, spans: readonly Span[]): this {
    const at = this.text.length;
    for (const s of spans) {
      const end = Math.min(s.end, text.length);
      if (s.start < end) this.highlights.push({ start: at + s.start, end: at + end });
    }
    this.text += text;
    return this;
  }

  codeRun(text: string): this {
    if (text) this.code.push({ start: this.text.length, end: this.text.length + text.length });
    this.text += text;
    return this;
  }

  build(): MarkedText {
    return { text: this.text, highlights: [...this.highlights], code: [...this.code] };
  }
}

/** Plain text with nothing marked. */
export function unmarked(text: string): MarkedText {
  return { text, highlights: [], code: [] };
}
