// Search normalisation, used for both the index and the query, never for display:
// NFKC (full-width letters and digits → half-width), lower case, traditional → simplified.
import { twToSimplified } from './simplify.ts';

// 'tw' beats 'hk' on seed 002: it maps 著 → 着 in 著眼於 / 著力, which simplified queries
// spell 着; 'hk' leaves 著. Both give 互联网 and 肖亚庆. Phrase conversion ('twp', 軟體 → 软件)
// is not used: it changes words, not just characters. Building the converter takes ~10 ms,
// so it is built once, on first use.
let toSimplified: ((text: string) => string) | null = null;

const ASCII_ONLY = /^\p{ASCII}*$/u;

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
