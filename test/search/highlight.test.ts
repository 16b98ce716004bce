// Finding query terms in display text (src/search/highlight.ts): display text keeps its
// script and width, matches are found in its normalised form and mapped back.
import { describe, expect, it } from 'vitest';
import { normaliseForSearch } from '../../src/corpus/normalise.ts';
import { findTermSpans, holdsAnyTerm } from '../../src/search/highlight.ts';

const marked = (display: string, terms: string[]) => findTermSpans(display, terms).map((s) => display.slice(s.start, s.end));

describe('findTermSpans', () => {
  it('finds simplified terms in traditional and full-width text, and maps them back', () => {
    expect(marked('工信部部長肖亞慶表示，５Ｇ網絡', ['肖亚庆', '5g'])).toEqual(['肖亞慶', '５Ｇ']);
  });

  it('matches a Latin term as a whole word only', () => {
    expect(marked('5g网络和google', ['5g', 'g'])).toEqual(['5g']);
    expect(marked('nodejs 与 node', ['node'])).toEqual(['node']);
  });

  it('merges overlapping and touching matches', () => {
    expect(marked('数据交易所', ['数据', '据交', '交易所'])).toEqual(['数据交易所']);
  });

  it('maps matches back when folding changes the length (… folds to three dots)', () => {
    expect('…'.normalize('NFKC')).toBe('...');
    expect(marked('肖亞慶說…５Ｇ網絡很快…', ['肖亚庆', '5g', '网络', '很快'])).toEqual(['肖亞慶', '５Ｇ網絡很快']);
    // The converter's words still apply: 乾隆 stays 乾隆 as a word, where 乾 alone becomes 干.
    expect(normaliseForSearch('乾')).not.toBe('乾');
    expect(marked('清朝…乾隆皇帝', ['乾隆'])).toEqual(['乾隆']);
  });

  it('finds the same spans in the normalised text it is given as in the text it normalises itself', () => {
    const cases: [string, string[]][] = [
      ['工信部部長肖亞慶表示，５Ｇ網絡', ['肖亚庆', '5g']],
      ['肖亞慶說…５Ｇ網絡', ['网络', '5g']],
      ['5g网络和google𠀀数据', ['g', '5g', '𠀀数据']],
    ];
    for (const [display, terms] of cases) {
      const spans = findTermSpans(display, terms);
      expect(spans.length).toBeGreaterThan(0);
      expect(findTermSpans(display, terms, normaliseForSearch(display))).toEqual(spans);
    }
  });
});

describe('holdsAnyTerm', () => {
  it('says whether findTermSpans would find anything, by the same rules', () => {
    const cases: [string, string[]][] = [
      ['5g网络和google', ['g']],
      ['5g网络和google', ['5g']],
      ['工信部部長肖亞慶', ['肖亚庆']],
      ['工信部部長', ['肖亚庆', '部长']],
      ['', ['部长']],
      ['部长', []],
    ];
    for (const [display, terms] of cases) expect(holdsAnyTerm(display, terms)).toBe(findTermSpans(display, terms).length > 0);
    expect(cases.filter(([display, terms]) => holdsAnyTerm(display, terms))).toHaveLength(3);
  });
});
