import { describe, expect, it } from 'vitest';
import { prng } from '../../src/bench/synthetic.ts';
import { COMPATIBILITY_RANGES, foldForSearch, formTable, mayHoldNormalised, normaliseForSearch } from '../../src/corpus/normalise.ts';

describe('normaliseForSearch', () => {
  it('turns full-width letters and digits into half-width lower case', () => {
    expect(normaliseForSearch('ＡＢＣ１２３')).toBe('abc123');
    expect(normaliseForSearch('Hello WORLD')).toBe('hello world');
  });

  it('converts traditional to simplified', () => {
    expect(normaliseForSearch('互聯網')).toBe('互联网');
    expect(normaliseForSearch('肖亞慶')).toBe('肖亚庆');
    expect(normaliseForSearch('著眼於')).toBe('着眼于'); // why the 'tw' converter was chosen
  });

  it('leaves simplified text alone', () => {
    expect(normaliseForSearch('工业互联网大会在武汉开幕')).toBe('工业互联网大会在武汉开幕');
  });

  it('is idempotent, also where OpenCC alone is not (顯著 → 显著 → 显着)', () => {
    for (const text of ['ＡＢＣ１２３', '互聯網', '肖亞慶', '競爭力顯著增強', 'Mixed 5G 工業互聯網 Ｘ']) {
      const once = normaliseForSearch(text);
      expect(normaliseForSearch(once)).toBe(once);
    }
    expect(normaliseForSearch('顯著')).toBe(normaliseForSearch('显著'));
  });
});

describe('mayHoldNormalised', () => {
  const FILTERED = /^[\p{Script=Han}a-z0-9]$/u;

  it('knows every code point that normalising can turn into a Han character, a letter or a digit', () => {
    const within = (cp: number) => COMPATIBILITY_RANGES.some(([from, to]) => cp >= from && cp <= to);
    const outside: string[] = [];
    // Planes 4 to 13 are unassigned, and 14 to 16 decompose to nothing of these.
    for (let cp = 0x10000; cp < 0x40000; cp++) {
      if (within(cp)) continue;
      const raw = String.fromCodePoint(cp);
      const written = [...raw.normalize('NFKC'), ...raw.normalize('NFKD').toLowerCase()];
      if (written.some((c) => c !== raw && FILTERED.test(c))) outside.push(cp.toString(16));
    }
    expect(outside).toEqual([]);
  });

  it('never rules out raw text that holds each character of a needle once normalised, and rules out the rest', () => {
    const random = prng(29);
    // Characters with other raw forms: traditional, full-width, upper case, accents that
    // combine, mathematical letters, compatibility ideographs, ideographic description.
    const pool = [...'后後来來台臺数數据據eEéｅＥ𝐞gGｇ5５⑤𝟓kKK̊a\u0301\u0300oOｏ的了，。 ⿰丽﨎', 'e\u0301', 'o\u0308'];
    const textOf = (length: number) => Array.from({ length }, () => pool[Math.floor(random() * pool.length)]!).join('');
    let ruledOut = 0;
    for (let i = 0; i < 3000; i++) {
      const raw = textOf(1 + Math.floor(random() * 12));
      const needle = [...normaliseForSearch(textOf(1 + Math.floor(random() * 4)))].filter((c) => FILTERED.test(c)).join('');
      for (const [simplify, normalise] of [
        [true, normaliseForSearch],
        [false, foldForSearch],
      ] as const) {
        const holds = [...needle].every((c) => normalise(raw).includes(c));
        const may = mayHoldNormalised(raw, formTable(needle, simplify));
        if (holds) expect(may, `${raw} → ${normalise(raw)} holds ${needle}`).toBe(true);
        else if (!may) ruledOut++;
      }
    }
    expect(ruledOut).toBeGreaterThan(1000);
  });

  it('lets everything through for a needle with no character it knows the forms of', () => {
    expect(mayHoldNormalised('anything', formTable('ß—', true))).toBe(true);
  });
});
