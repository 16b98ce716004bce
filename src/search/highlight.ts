// Finds query terms in display text. Display text keeps its own script and width, so
// matches are found in its normalised form and mapped back to display offsets.
import { foldForSearch, normaliseForSearch, simplifyFolded } from '../corpus/normalise.ts';

export interface Span {
  start: number;
  end: number;
}

/** Normalised text, and the display offset each of its UTF-16 units came from. */
interface NormalisedDisplay {
  text: string;
  /** One per unit of `text`, then the display length; null when they are the identity. */
  offsets: number[] | null;
}

/** `display` with each character mapped on its own, and where each unit of the result came from. */
function mapEachCharacter(display: string, map: (character: string) => string): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < display.length;) {
    const character = String.fromCodePoint(display.codePointAt(i)!);
    const mapped = map(character);
    for (let k = 0; k < mapped.length; k++) offsets.push(i);
    text += mapped;
    i += character.length;
  }
  offsets.push(display.length);
  return { text, offsets };
}

/**
 * `normalised`: normaliseForSearch(display), when the caller has it already (an excerpt's
 * sentences were normalised to be scored).
 */
export function normaliseWithOffsets(display: string, normalised = normaliseForSearch(display)): NormalisedDisplay {
  // Usually normalisation maps character for character; then offsets are the identity.
  if (normalised.length === display.length) return { text: normalised, offsets: null };
  // Folding changed the length (… → ...): fold character by character to learn where each
  // unit came from, then simplify the folded text whole, which usually keeps its length.
  const folded = mapEachCharacter(display, foldForSearch);
  const simplified = simplifyFolded(folded.text);
  if (simplified.length === folded.text.length) return { text: simplified, offsets: folded.offsets };
  return mapEachCharacter(display, normaliseForSearch);
}

/** A term matched as a whole word only (`5g` in `5g网络`, not `g` in `google`). */
const LATIN_TERM = /^[a-z0-9.#]+$/;

/** Display spans where the normalised terms occur, unmerged; only the first with `firstOnly`. */
function matchSpans(display: string, terms: readonly string[], firstOnly: boolean, normalised?: string): Span[] {
  const spans: Span[] = [];
  if (terms.length === 0 || display.length === 0) return spans;
  const { text, offsets } = normaliseWithOffsets(display, normalised);
  for (const term of terms) {
    if (!term) continue;
    // Most of a query's terms are Han: they skip the pattern.
    const isLatin = term.charCodeAt(0) < 0x80 && LATIN_TERM.test(term);
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
      if (isLatin && (/[a-z0-9]/.test(text[at - 1] ?? '') || /[a-z0-9]/.test(text[at + term.length] ?? ''))) continue;
      const start = offsets ? offsets[at]! : at;
      const last = offsets ? offsets[at + term.length - 1]! : at + term.length - 1;
      spans.push({ start, end: last + (display.codePointAt(last)! > 0xffff ? 2 : 1) });
      if (firstOnly) return spans;
    }
  }
  return spans;
}

/**
 * Display spans where any of the normalised terms occur, merged and sorted. `normalised`:
 * normaliseForSearch(display), when the caller has it.
 */
export function findTermSpans(display: string, terms: readonly string[], normalised?: string): Span[] {
  return mergeSpans(matchSpans(display, terms, false, normalised));
}

/** Whether any of the normalised terms occurs in the display text (as findTermSpans would find it). */
export function holdsAnyTerm(display: string, terms: readonly string[], normalised?: string): boolean {
  return matchSpans(display, terms, true, normalised).length > 0;
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
