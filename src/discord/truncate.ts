// Cutting text to fit Discord's limits without breaking what it shows: never inside a
// grapheme (so no broken surrogate pairs or emoji), never inside markdown we emit
// (`[title](url)`, `<t:…>`, `\*` escapes, a `**` marker), and bold always balanced.
// Prefers a sentence boundary, then a word boundary, then any grapheme boundary.

export const ELLIPSIS = '…';

/** A cut at a sentence or word boundary must keep at least this share of the room. */
const MIN_KEEP_RATIO = 0.5;

const segmenters = {
  grapheme: new Intl.Segmenter('zh', { granularity: 'grapheme' }),
  word: new Intl.Segmenter('zh', { granularity: 'word' }),
  sentence: new Intl.Segmenter('zh', { granularity: 'sentence' }),
};

// Markdown atoms a cut may not split. Order matters: an escape `\*` is consumed before
// it can be read as half of a `**` marker.
const ATOM = /\\[\s\S]|\[[^\]\n]*\]\([^)\s]*\)|<t:-?\d+(?::[tTdDfFR])?>|<(?:@[!&]?|#)\d+>|\*\*/g;

interface Atom {
  start: number;
  end: number;
  bold: boolean;
}

function atomsBefore(text: string, limit: number): Atom[] {
  const atoms: Atom[] = [];
  for (const m of text.matchAll(ATOM)) {
    if (m.index >= limit) break;
    atoms.push({ start: m.index, end: m.index + m[0].length, bold: m[0] === '**' });
  }
  return atoms;
}

function boundaries(text: string, kind: keyof typeof segmenters): number[] {
  const ends: number[] = [];
  for (const s of segmenters[kind].segment(text)) ends.push(s.index + s.segment.length);
  return ends;
}

/** `text` cut at `cut`, bold re-balanced, ellipsis added. */
function finish(text: string, cut: number, atoms: Atom[], ellipsis: string): string {
  let kept = text.slice(0, cut).trimEnd();
  const markers = atoms.filter((a) => a.bold && a.end <= kept.length);
  const lastOpen = markers.length % 2 === 1 ? markers[markers.length - 1] : undefined;
  if (lastOpen) {
    // An opener with nothing after it would show as literal `****`: drop it instead.
    if (kept.slice(lastOpen.end).trim() === '') kept = kept.slice(0, lastOpen.start).trimEnd();
    else kept += '**';
  }
  return kept + ellipsis;
}

/**
 * `text` if it fits in `max` UTF-16 units, otherwise a prefix ending with `…` that fits.
 */
export function truncate(text: string, max: number, ellipsis: string = ELLIPSIS): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (ellipsis.length > max) ellipsis = '';
  const budget = max - ellipsis.length;
  // Segment only what can be kept, plus a margin so the boundaries near the cut are real.
  const window = text.slice(0, budget + 64);
  const atoms = atomsBefore(text, budget);
  const allowed = (p: number) => p <= budget && !atoms.some((a) => p > a.start && p < a.end);
  for (const candidates of cutCandidates(window, budget, allowed)) {
    for (let i = candidates.length - 1; i >= 0; i--) {
      const out = finish(text, candidates[i]!, atoms, ellipsis);
      if (out.length <= max && out !== ellipsis) return out;
    }
  }
  return ellipsis;
}

/** Allowed cut points at sentence, word and grapheme boundaries, best kind first, each ascending. */
function cutCandidates(window: string, budget: number, allowed: (p: number) => boolean): number[][] {
  const graphemes = boundaries(window, 'grapheme').filter(allowed);
  const graphemeSet = new Set(graphemes);
  const minKeep = Math.floor(budget * MIN_KEEP_RATIO);
  const preferred = (kind: 'word' | 'sentence') => boundaries(window, kind).filter((p) => p >= minKeep && graphemeSet.has(p));
  return [preferred('sentence'), preferred('word'), graphemes];
}

/**
 * Where to cut text with no markup in it so at most `budget` units are kept: the last
 * sentence, then word, then grapheme boundary that fits (trailing spaces left out).
 */
export function plainCut(text: string, budget: number): number {
  if (text.length <= budget) return text.length;
  const window = text.slice(0, Math.max(0, budget) + 64);
  for (const candidates of cutCandidates(window, budget, (p) => p <= budget)) {
    const cut = candidates[candidates.length - 1];
    if (cut !== undefined && cut > 0) return text.slice(0, cut).trimEnd().length;
  }
  return 0;
}

/** One line: newlines and runs of spaces become one space, then cut to `max`. */
export function truncateLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/**
 * Joins as many of `items` as fit in `max`, in order; when some are left out, ends with
 * `more(n)`. A first item longer than `max` is itself cut, so the result is never empty
 * for non-empty input.
 */
export function fitList(items: readonly string[], max: number, more: (omitted: number) => string, separator = '\n'): string {
  if (items.length === 0) return '';
  const joined = items.map((it, i) => (i === 0 ? it : separator + it).length);
  let prefix = 0;
  const prefixLengths = [0, ...joined.map((len) => (prefix += len))];
  for (let k = items.length; k >= 1; k--) {
    const note = k < items.length ? separator + more(items.length - k) : '';
    if (prefixLengths[k]! + note.length <= max) return items.slice(0, k).join(separator) + note;
  }
  const note = items.length > 1 ? separator + more(items.length - 1) : '';
  return truncate(items[0]!, Math.max(0, max - note.length)) + note;
}
