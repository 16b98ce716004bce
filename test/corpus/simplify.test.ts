import { describe, expect, it } from 'vitest';
import { OpenCC } from '../../src/corpus/opencc.ts';
import { twToSimplified } from '../../src/corpus/simplify.ts';
import { seedAndSampleTexts } from '../helpers.ts';

const reference = OpenCC.Converter({ from: 'tw', to: 'cn' });
const fast = twToSimplified();

/** Every word of every dictionary the tw → cn converter uses. */
function dictionaryWords(): string[] {
  const config = OpenCC.Locale.configs.tw2s!;
  const words = new Set<string>();
  const visit = (value: unknown): void => {
    // A dictionary is "word replacement|…" or a list of [word, replacement] pairs.
    if (typeof value === 'string') for (const entry of value.split('|')) words.add(entry.split(' ')[0]!);
    else if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && !value[0].includes(' ')) words.add(value[0]);
    else if (Array.isArray(value)) value.forEach(visit);
  };
  Object.values(config).forEach(visit);
  words.delete('');
  return [...words];
}

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

const corpusTexts = (): string[] => seedAndSampleTexts().map(({ text }) => text);

describe('twToSimplified', () => {
  const words = dictionaryWords();

  it('reads the dictionaries it filters by (thousands of words, phrases among them)', () => {
    expect(words.length).toBeGreaterThan(5000);
    expect(words.some((w) => w.length > 3)).toBe(true);
  });

  it('converts the seeds and samples exactly as opencc-js does, raw and normalised', () => {
    const texts = corpusTexts();
    expect(texts.length).toBeGreaterThanOrEqual(15);
    let changed = 0;
    for (const text of texts) {
      for (const input of [text, text.normalize('NFKC').toLowerCase()]) {
        const expected = reference(input);
        expect(fast(input)).toBe(expected);
        if (expected !== input) changed++;
      }
    }
    expect(changed).toBeGreaterThan(0); // the traditional seed really is converted
  });

  it('converts every dictionary word alone and between other characters exactly as opencc-js does', () => {
    for (const word of words) {
      for (const input of [word, `的${word}了`, `a${word}${word}。`, `${word.slice(0, -1)}|${word.slice(1)}`]) {
        expect(fast(input), input).toBe(reference(input));
      }
    }
  });

  it('converts random mixtures of phrases, characters, astral characters and ideographic descriptions as opencc-js does', () => {
    const next = random(20261121);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const extras = ['𠀀', '𪚥', '⿰木木', '⿰後乾', '⿱⿰後', '\uD800', '\uDC00', 'ABC', '2021', '，', '\n', ' ', '的', '一', '著', '乾', '後'];
    for (let n = 0; n < 2000; n++) {
      let input = '';
      const parts = 1 + Math.floor(next() * 12);
      for (let p = 0; p < parts; p++) {
        const word = pick(words);
        const r = next();
        input += r < 0.5 ? word : r < 0.7 ? word.slice(0, 1 + Math.floor(next() * word.length)) : pick(extras);
      }
      expect(fast(input), JSON.stringify(input)).toBe(reference(input));
    }
  });

  it('leaves the operands of an ideographic description sequence alone, as opencc-js does', () => {
    const input = '⿰後乾的後';
    expect(fast(input)).toBe(reference(input));
    expect(fast(input).startsWith('⿰後乾')).toBe(true);
    expect(fast(input).endsWith('后')).toBe(true);
  });

  it('has no word that holds a sentence break or white space, so a sentence converts as it does in its paragraph', () => {
    // sentencesOf folds a simplified article's sentences instead of converting them (src/search/sentences.ts).
    const breaking = dictionaryWords().filter((word) => /[。！？!?；;\s]/u.test(word));
    expect(breaking).toEqual([]);
  });

  it('keeps text with nothing to convert, and the empty string', () => {
    const simplified = '工业互联网大会在武汉开幕，5G 与人工智能。';
    expect(fast(simplified)).toBe(simplified);
    expect(fast('')).toBe('');
  });
});
