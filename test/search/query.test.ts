// What a typed query becomes: phrases, exclusions and weighted terms (src/search/query.ts),
// tested on its own rather than only through the whole Library.
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS, parseQuery, parseSyntax } from '../../src/search/query.ts';
import { UserInputError } from '../../src/search/types.ts';

const flatIdf = () => 1;

/** The UserInputError code parseQuery throws for `query`, or undefined. */
function refusal(query: string): string | undefined {
  try {
    parseQuery(query, flatIdf);
  } catch (err) {
    if (err instanceof UserInputError) return err.code;
    throw err;
  }
  return undefined;
}

describe('parseSyntax', () => {
  it('splits off quoted phrases, -word and -"phrase", keeping phrases in the searched text', () => {
    const { text, phrases, excluded } = parseSyntax('"数据 交易" -广告 -"付费 内容" 工业');
    expect(text.split(/\s+/).filter(Boolean)).toEqual(['数据', '交易', '工业']);
    expect(phrases.map((p) => p.compact)).toEqual(['数据交易']);
    expect(excluded.map((n) => n.compact)).toEqual(['广告', '付费内容']);
  });

  it('anchors a needle on its index terms; one anchor that is the whole needle is exact', () => {
    const { phrases, excluded } = parseSyntax('"数据 交易" -广告 -5G');
    expect(phrases[0]).toMatchObject({ compact: '数据交易', anchors: ['数据', '交易'], exact: false });
    expect(excluded).toMatchObject([
      { compact: '广告', anchors: ['广告'], exact: true },
      { compact: '5g', anchors: ['5g'], exact: true },
    ]);
  });

  it('anchors a Han phrase on every bigram, across the words jieba would cut', () => {
    const [needle] = parseSyntax('"中国经济"').phrases;
    expect(needle!.anchors).toEqual(['中国', '国经', '经济']);
  });

  it('ignores spaces and punctuation in a phrase, keeping the . and # of words like 2.5 and c#', () => {
    const { phrases } = parseSyntax('"/jenkins" "数据，交易" "C#" "2.5"');
    expect(phrases.map((p) => [p.compact, p.exact])).toEqual([
      ['jenkins', true],
      ['数据交易', false],
      // The tokeniser keeps # only between letters: c# is the word c, then its text is checked.
      ['c#', false],
      ['2.5', true],
    ]);
  });

  it('searches as plain text a phrase the index cannot narrow down: punctuation, a stop word, one character', () => {
    for (const query of ['"，" 工业', '"a" 工业', '"的" 工业', '"捉" 工业']) {
      const { text, phrases, excluded } = parseSyntax(query);
      expect(phrases).toEqual([]);
      expect(excluded).toEqual([]);
      expect(text).toContain('工业');
    }
  });

  it('gives each Han character, letter and digit of a needle the raw characters that normalise to it', () => {
    const [needle] = parseSyntax('"后来 5G"').phrases;
    const { folded, simplified } = needle!.rawForms;
    const bits = (table: typeof folded, c: string) => table.units[c.charCodeAt(0)];
    expect(folded.all).toBe(0b1111);
    expect([bits(folded, '后'), bits(folded, '後'), bits(simplified, '後'), bits(simplified, '來')]).toEqual([0b1, 0, 0b1, 0b10]);
    expect(['5', '５', 'g', 'G', 'ｇ', 'Ｇ'].map((c) => bits(folded, c))).toEqual([0b100, 0b100, 0b1000, 0b1000, 0b1000, 0b1000]);
    // Mathematical 𝐆 and 𝟓 are astral: their lead surrogate, which they share, lets text through for both.
    expect([bits(folded, '𝐆'), bits(folded, '𝟓'), bits(folded, 'x')]).toEqual([0b1100, 0b1100, 0]);
  });

  it('normalises needles as the index does: traditional, full-width quotes and capitals', () => {
    const { phrases, excluded } = parseSyntax('＂數據＂ -ＡＩ');
    expect(phrases.map((p) => p.compact)).toEqual(['数据']);
    expect(excluded.map((n) => n.compact)).toEqual(['ai']);
  });

  it('leaves hyphenated words, a lone minus and an unbalanced quote as plain text', () => {
    const query = 'covid-19 a - b "unbalanced 工业';
    expect(parseSyntax(query)).toEqual({ text: query, phrases: [], excluded: [] });
  });
});

describe('parseQuery', () => {
  it('weights words and Latin runs by their idf, bigrams by half of it', () => {
    const idf = (term: string) => (term === '5g' ? 3 : 2);
    const { terms } = parseQuery('数据交易 5G', idf);
    expect(terms.length).toBeGreaterThan(1);
    for (const term of terms) expect(term.weight).toBe((term.kind === 'bigram' ? 0.5 : 1) * idf(term.text));
    expect(terms.find((t) => t.text === '5g')).toMatchObject({ kind: 'latin', weight: 3 });
  });

  it('returns the phrases and exclusions with the terms of what is left', () => {
    const parsed = parseQuery('"数据交易" 平台 -广告', flatIdf);
    expect(parsed.phrases.map((p) => p.compact)).toEqual(['数据交易']);
    expect(parsed.excluded.map((n) => n.compact)).toEqual(['广告']);
    const texts = parsed.terms.map((t) => t.text);
    expect(texts).toContain('平台');
    expect(texts).not.toContain('广告');
  });

  it('gives each term once however often it is typed', () => {
    const texts = parseQuery('数据 数据 DATA data', flatIdf).terms.map((t) => t.text);
    expect(texts).toEqual([...new Set(texts)]);
    expect(texts.filter((t) => t === 'data')).toHaveLength(1);
  });

  it(`keeps the ${MAX_QUERY_TERMS} terms of highest weight of a long paste`, () => {
    const words = Array.from({ length: MAX_QUERY_TERMS * 2 }, (_, i) => `w${i}`);
    const idf = (term: string) => Number(term.slice(1));
    const { terms } = parseQuery(words.join(' '), idf);
    expect(terms).toHaveLength(MAX_QUERY_TERMS);
    expect(terms.map((t) => t.text).sort()).toEqual(words.slice(MAX_QUERY_TERMS).sort());
  });

  it(`reads only the first ${MAX_QUERY_CHARS} characters`, () => {
    const texts = parseQuery(`工业${' '.repeat(MAX_QUERY_CHARS)}肖亚庆`, flatIdf).terms.map((t) => t.text);
    expect(texts).toContain('工业');
    expect(texts.some((t) => t.includes('肖'))).toBe(false);
  });

  it('refuses an empty query, one that only leaves words out, and one of stop words alone', () => {
    expect(refusal('  ')).toBe('empty-query');
    expect(refusal('-广告 -"付费 内容"')).toBe('only-exclusions');
    expect(refusal('是什么')).toBe('only-stop-words');
    expect(refusal('工业')).toBeUndefined();
  });
});
