// Traditional → simplified exactly as opencc-js's Converter({ from: 'tw', to: 'cn' }), faster.
// opencc-js walks every character through four tries (normalise, segment, two conversions),
// one Map lookup each even where no dictionary word can start, which is most characters:
// that was a quarter of the main thread's work in an index build. Here each trie gets a table of the UTF-16 units its
// words start with (and a filter of their first two units), and opencc-js's own matchPrefix
// runs only where a word may start; everywhere else the character is kept, which is what
// opencc-js does after its lookup misses.
import type { Trie } from 'opencc-js/core';
import { OpenCC, type DictGroup, type DictLike } from './opencc.ts';

/** opencc-js lets ideographic description sequences (⿰ and the rest) swallow what follows. */
export const IDEOGRAPHIC_DESCRIPTION = /[\u2FF0-\u2FFF]/;
/** The same characters as UTF-16 units, first and last. */
export const IDEOGRAPHIC_DESCRIPTION_UNITS = [0x2ff0, 0x2fff] as const;

/** starts[unit]: a word of the trie is that one UTF-16 unit. */
const SINGLE = 1;
/** starts[unit]: a longer word starts with that unit; pairs says which second units may follow. */
const LONGER = 2;
const PAIR_BITS = 16;

interface Stage {
  trie: Trie;
  /** SINGLE | LONGER flags by the first UTF-16 unit of the trie's words (a high surrogate for astral ones). */
  starts: Uint8Array;
  /** 1 at the hash of each word's first two units: 0 means no word of two or more units starts there. */
  pairs: Uint8Array;
}

const pairHash = (first: number, second: number) => Math.imul((first << 16) | second, 0x9e3779b1) >>> (32 - PAIR_BITS);

function entriesOf(dict: DictLike): Iterable<readonly [string, string]> {
  return typeof dict === 'string' ? dict.split('|').map((entry) => entry.split(' ') as [string, string]) : dict;
}

function stageOf(group: DictGroup): Stage {
  const trie = new OpenCC.Trie();
  trie.loadDictGroup(group);
  const starts = new Uint8Array(0x10000);
  const pairs = new Uint8Array(1 << PAIR_BITS);
  for (const dict of group) {
    for (const [word] of entriesOf(dict)) {
      if (word.length === 1) starts[word.charCodeAt(0)]! |= SINGLE;
      else if (word.length > 1) {
        starts[word.charCodeAt(0)]! |= LONGER;
        pairs[pairHash(word.charCodeAt(0), word.charCodeAt(1))] = 1;
      }
    }
  }
  return { trie, starts, pairs };
}

/**
 * Trie.segment (keep) or Trie.convert (replace) in one pass: the longest matches, and the
 * unmatched runs between them, in order.
 */
function piecesOf({ trie, starts, pairs }: Stage, text: string, matched: 'keep' | 'replace'): string[] {
  const pieces: string[] = [];
  let kept = 0; // text[kept, i) is unmatched and not yet a piece
  for (let i = 0; i < text.length;) {
    const unit = text.charCodeAt(i);
    const start = starts[unit]!;
    // No word can start here: opencc-js's lookup would miss too, and keep the character.
    if (start === 0 || (start === LONGER && (i + 1 === text.length || pairs[pairHash(unit, text.charCodeAt(i + 1))] === 0))) {
      i++;
      continue;
    }
    const match = trie.matchPrefix(text, i);
    if (!match) {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      continue;
    }
    if (kept < i) pieces.push(text.slice(kept, i));
    pieces.push(matched === 'replace' ? match.value : text.slice(i, match.end));
    i = kept = match.end;
  }
  if (kept < text.length) pieces.push(text.slice(kept));
  return pieces;
}

/**
 * Whether a word of any of the stages could start somewhere in `text`. When none can, the
 * converter gives the text back as it is: most simplified paragraphs are such text, and this
 * one pass costs far less than the stages' passes and the pieces they cut.
 */
function mayMatch({ starts, pairs }: Omit<Stage, 'trie'>, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const start = starts[unit]!;
    if (start === 0) continue;
    if (start & SINGLE || (i + 1 < text.length && pairs[pairHash(unit, text.charCodeAt(i + 1))] === 1)) return true;
  }
  return false;
}

/** The starts and pairs of several stages in one: a word of any of them starts where one of its would. */
function unionOf(stages: readonly Stage[]): Omit<Stage, 'trie'> {
  const starts = new Uint8Array(0x10000);
  const pairs = new Uint8Array(1 << PAIR_BITS);
  for (const stage of stages) {
    for (let i = 0; i < starts.length; i++) starts[i]! |= stage.starts[i]!;
    for (let i = 0; i < pairs.length; i++) pairs[i]! |= stage.pairs[i]!;
  }
  return { starts, pairs };
}

function convertWith(stage: Stage, text: string): string {
  const pieces = piecesOf(stage, text, 'replace');
  return pieces.length === 1 ? pieces[0]! : pieces.join('');
}

/** Builds the converter (about 10 ms: the dictionaries become tries). */
export function twToSimplified(): (text: string) => string {
  let reference: ((text: string) => string) | null = null;
  const config = OpenCC.Locale.configs.tw2s!;
  const normalisation = config.normalizationChain.map(stageOf);
  const segmentation = stageOf(config.segmentation);
  const conversion = config.conversionChain.map(stageOf);
  // Segmentation only groups the text: without a word of these, nothing is replaced.
  const replacing = unionOf([...normalisation, ...conversion]);
  return (text) => {
    if (IDEOGRAPHIC_DESCRIPTION.test(text)) return (reference ??= OpenCC.Converter({ from: 'tw', to: 'cn' }))(text);
    if (!mayMatch(replacing, text)) return text;
    const normalised = normalisation.reduce((t, stage) => convertWith(stage, t), text);
    const pieces = piecesOf(segmentation, normalised, 'keep');
    let changed = false;
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p]!;
      const converted = conversion.reduce((t, stage) => convertWith(stage, t), piece);
      if (converted !== piece) {
        pieces[p] = converted;
        changed = true;
      }
    }
    return changed ? pieces.join('') : normalised;
  };
}

/**
 * For each character the converter can write, the characters it can be written for (itself
 * not listed), through each stage in turn: a word's character for the one at its place in
 * the replacement, or for each of them when the lengths differ. Over-inclusive by design: a
 * text without the character and without any of its sources cannot hold it once simplified.
 */
export function simplificationSources(): Map<string, string> {
  const config = OpenCC.Locale.configs.tw2s!;
  // Applied last first: the sources of what the last stage writes, then theirs in the stage before.
  const stages = [...config.normalizationChain, ...config.conversionChain].reverse();
  const sources = new Map<string, Set<string>>();
  const widen = (stage: DictGroup) => {
    const direct = new Map<string, Set<string>>();
    for (const dict of stage) {
      for (const [word, replacement] of entriesOf(dict)) {
        if (replacement === undefined || replacement === word) continue;
        const read = [...word];
        const wrote = [...replacement];
        // Most words are replaced character for character; any other way, each may come from each.
        wrote.forEach((written, i) => {
          const from = direct.get(written) ?? new Set<string>();
          direct.set(written, from);
          for (const c of read.length === wrote.length ? [read[i]!] : read) if (c !== written) from.add(c);
        });
      }
    }
    // Keys seen so far get the sources of each of their sources, then the stage's own keys join.
    for (const [written, from] of sources) for (const c of [...from, written]) for (const d of direct.get(c) ?? []) if (d !== written) from.add(d);
    for (const [written, from] of direct) if (!sources.has(written)) sources.set(written, new Set(from));
  };
  // normaliseForSearch converts twice (OpenCC is not idempotent): the chain, twice over.
  for (let pass = 0; pass < 2; pass++) for (const stage of stages) widen(stage);
  return new Map([...sources].map(([written, from]) => [written, [...from].join('')]));
}
