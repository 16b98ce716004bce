// Search normalisation, used for both the index and the query, never for display:
// NFKC (full-width letters and digits → half-width), lower case, traditional → simplified.
import { IDEOGRAPHIC_DESCRIPTION_UNITS, simplificationSources, twToSimplified } from './simplify.ts';

// 'tw' beats 'hk' on seed 002: it maps 著 → 着 in 著眼於 / 著力, which simplified queries
// spell 着; 'hk' leaves 著. Both give 互联网 and 肖亚庆. Phrase conversion ('twp', 軟體 → 软件)
// is not used: it changes words, not just characters. Building the converter takes ~10 ms,
// so it is built once, on first use.
let toSimplified: ((text: string) => string) | null = null;

const ASCII_ONLY = /^\p{ASCII}*$/u;

let foldSources: Map<string, string> | null = null;
let simplifySources: Map<string, string> | null = null;

/**
 * Code points that NFKC or NFKD can write a Han character, a Latin letter or a digit for:
 * the BMP, modifier letters, outlined and mathematical letters and digits, enclosed
 * alphanumerics and ideographs, segmented digits, compatibility ideographs. A test checks
 * that none lies outside.
 */
export const COMPATIBILITY_RANGES = [
  [0, 0xffff],
  [0x10780, 0x107bf],
  [0x1cc00, 0x1ceaf],
  [0x1d400, 0x1d7ff],
  [0x1f100, 0x1f2ff],
  [0x1fbf0, 0x1fbf9],
  [0x2f800, 0x2fa1f],
] as const;

const LATIN_OR_DIGIT = /^[a-z0-9]$/;

/**
 * Each character folding can write, and the characters it writes it for: ⼀ and ㊀ for 一;
 * ｊ and J for j. A letter or digit also gets every character whose decomposition holds it in
 * either case (ĵ for j): more than folding can turn into it, which lets more text through to
 * be normalised, never less, without reasoning about how accents compose.
 */
function foldSourceTable(): Map<string, string> {
  const sources = new Map<string, string>();
  const add = (c: string, raw: string) => sources.set(c, (sources.get(c) ?? '') + raw);
  for (const [from, to] of COMPATIBILITY_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const raw = String.fromCodePoint(cp);
      const folded = raw.normalize('NFKC');
      const written = new Set(folded === raw ? [] : folded);
      const decomposed = raw.normalize('NFKD').toLowerCase();
      if (decomposed !== raw) for (const c of decomposed) if (LATIN_OR_DIGIT.test(c)) written.add(c);
      for (const c of written) if (c !== raw) add(c, raw);
    }
  }
  return sources;
}

/**
 * Every character that normalising can turn into `c` (a Han character, a Latin letter or
 * a digit), itself included: folding only (`simplify` false, as foldForSearch) or also
 * traditional → simplified (as normaliseForSearch). A raw text with none of them cannot
 * hold `c` once normalised, which is far cheaper to ask than normalising it. The tables
 * take ~150 ms, once.
 */
export function rawFormsOf(c: string, simplify: boolean): string {
  foldSources ??= foldSourceTable();
  const forms = new Set([c, ...(simplify ? ((simplifySources ??= simplificationSources()).get(c) ?? '') : '')]);
  for (const form of [...forms]) for (const source of foldSources.get(form) ?? '') forms.add(source);
  return [...forms].join('');
}

/** Builds rawFormsOf's tables now (the first quoted phrase would wait ~150 ms for them). */
export function warmRawForms(): void {
  rawFormsOf('一', true);
}

/** The characters of a needle that rawFormsOf knows every form of. */
const FILTERABLE = /[\p{Script=Han}a-z0-9]/u;
/** Needle characters a table tells apart: one bit each. More would rule out little more text. */
const TABLE_CHARS = 16;

/**
 * For each UTF-16 unit, which of a needle's characters it may write once normalised (one bit
 * each), so that one pass over a raw text tells whether it has a form of each. An astral
 * form marks its lead surrogate: text is let through, never ruled out, by its neighbours.
 */
export interface FormTable {
  readonly units: Uint16Array;
  /** Every needle character's bit: the text may hold the needle when it has seen all. */
  readonly all: number;
}

export function formTable(text: string, simplify: boolean): FormTable {
  const units = new Uint16Array(0x10000);
  let all = 0;
  const chars = [...new Set(text)].filter((c) => FILTERABLE.test(c)).slice(0, TABLE_CHARS);
  chars.forEach((c, i) => {
    for (const form of rawFormsOf(c, simplify)) units[form.charCodeAt(0)]! |= 1 << i;
    all |= 1 << i;
  });
  // Ideographic description sequences swallow what follows in opencc-js: anything may come of them.
  if (all !== 0) for (let unit = IDEOGRAPHIC_DESCRIPTION_UNITS[0]; unit <= IDEOGRAPHIC_DESCRIPTION_UNITS[1]; unit++) units[unit] = all;
  return { units, all };
}

/** Whether raw text may hold, once normalised, a form of each character of a needle's table (see formTable). */
export function mayHoldNormalised(raw: string, { units, all }: FormTable): boolean {
  if (all === 0) return true;
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    seen |= units[raw.charCodeAt(i)]!;
    if (seen === all) return true;
  }
  return false;
}

/** NFKC and lower case: normaliseForSearch without the conversion to simplified characters. */
export function foldForSearch(text: string): string {
  return ASCII_ONLY.test(text) ? text.toLowerCase() : text.normalize('NFKC').toLowerCase();
}

export function normaliseForSearch(text: string): string {
  return simplifyFolded(foldForSearch(text));
}

/** normaliseForSearch of text already folded (foldForSearch): traditional → simplified alone. */
export function simplifyFolded(folded: string): string {
  if (ASCII_ONLY.test(folded)) return folded; // OpenCC leaves ASCII alone
  const convert = (toSimplified ??= twToSimplified());
  const once = convert(folded);
  // OpenCC is not idempotent: 顯著 → 显著 by phrase, then 显著 → 显着 by character. A second
  // pass reaches the fixed point, so index text and query text (which may arrive already
  // simplified) normalise alike. Simplified input is usually unchanged and skips it.
  return once === folded ? once : convert(once);
}
