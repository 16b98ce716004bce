// Search normalisation, used for both the index and the query, never for display:
// NFKC (full-width letters and digits → half-width), lower case, traditional → simplified.
import { IDEOGRAPHIC_DESCRIPTION, simplificationSources, twToSimplified } from './simplify.ts';

// 'tw' beats 'hk' on seed 002: it maps 著 → 着 in 著眼於 / 著力, which simplified queries
// spell 着; 'hk' leaves 著. Both give 互联网 and 肖亚庆. Phrase conversion ('twp', 軟體 → 软件)
// is not used: it changes words, not just characters. Building the converter takes ~10 ms,
// so it is built once, on first use.
let toSimplified: ((text: string) => string) | null = null;

const ASCII_ONLY = /^\p{ASCII}*$/u;

let foldSources: Map<string, string> | null = null;
let simplifySources: Map<string, string> | null = null;

/** Each character NFKC writes, and the characters it writes it for: ⼀ and ㊀ for 一, ｊ for j. */
function nfkcSources(): Map<string, string> {
  const sources = new Map<string, string>();
  // The BMP, and the astral blocks with compatibility forms (enclosed ideographs, compatibility ideographs).
  for (const [from, to] of [
    [0, 0xffff],
    [0x1f100, 0x1f2ff],
    [0x2f800, 0x2fa1f],
  ] as const) {
    for (let cp = from; cp <= to; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const raw = String.fromCodePoint(cp);
      const folded = raw.normalize('NFKC');
      if (folded !== raw) for (const c of folded) sources.set(c, (sources.get(c) ?? '') + raw);
    }
  }
  return sources;
}

/**
 * Every character that normalising can turn into the Han character `han`, itself included:
 * NFKC only (`simplify` false, as foldForSearch) or also traditional → simplified (as
 * normaliseForSearch). A raw text with none of them cannot hold `han` once normalised,
 * which is far cheaper to ask than normalising it. The tables take ~120 ms, once.
 */
export function rawFormsOf(han: string, simplify: boolean): string {
  foldSources ??= nfkcSources();
  const forms = new Set([han, ...(simplify ? ((simplifySources ??= simplificationSources()).get(han) ?? '') : '')]);
  for (const c of [...forms]) for (const source of foldSources.get(c) ?? '') forms.add(source);
  return [...forms].join('');
}

/** Builds rawFormsOf's tables now (the first quoted phrase would wait ~120 ms for them). */
export function warmRawForms(): void {
  rawFormsOf('一', true);
}

/** Whether raw text may hold, once normalised, characters each written by one of `forms` (from rawFormsOf). */
export function mayHoldNormalised(raw: string, forms: readonly string[]): boolean {
  for (const alternatives of forms) {
    let found = false;
    for (const c of alternatives) if ((found = raw.includes(c))) break;
    // Ideographic description sequences swallow what follows in opencc-js: anything may come of them.
    if (!found) return IDEOGRAPHIC_DESCRIPTION.test(raw);
  }
  return true;
}

/** NFKC and lower case: normaliseForSearch without the conversion to simplified characters. */
export function foldForSearch(text: string): string {
  return ASCII_ONLY.test(text) ? text.toLowerCase() : text.normalize('NFKC').toLowerCase();
}

export function normaliseForSearch(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase(); // NFKC and OpenCC leave ASCII alone
  const convert = (toSimplified ??= twToSimplified());
  const folded = text.normalize('NFKC').toLowerCase();
  const once = convert(folded);
  // OpenCC is not idempotent: 顯著 → 显著 by phrase, then 显著 → 显着 by character. A second
  // pass reaches the fixed point, so index text and query text (which may arrive already
  // simplified) normalise alike. Simplified input is usually unchanged and skips it.
  return once === folded ? once : convert(once);
}
