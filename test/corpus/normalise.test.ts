import { describe, expect, it } from 'vitest';
import { normaliseForSearch } from '../../src/corpus/normalise.ts';

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
