// One analyser, two outputs: the index counts terms as they are produced, queries get Term objects; the counts must be exactly those of the terms.
import { describe, expect, it } from 'vitest';
import { normaliseForSearch } from '../../src/corpus/normalise.ts';
import nodejieba from 'nodejieba';
import { analyse, countTerms, cutRuns, indexTermCounts, indexTerms, runsOf, scanRuns, wordLengthsForIndex } from '../../src/search/tokenize.ts';
import { prng } from '../../src/bench/synthetic.ts';
import { INDEX_STOP_WORDS } from '../../src/search/stopwords.ts';
import { seedAndSampleTexts, testMaterial } from '../helpers.ts';

describe('scanRuns', () => {
  /** What scanRuns finds, as a pattern: Han, then ASCII words, then other letters and numbers. */
  const RUNS = /(\p{Script=Han}+)|([a-z0-9]+(?:[.#][a-z0-9]+)*)|([\p{L}\p{N}]+)/gu;
  const byPattern = (text: string) => {
    const matches = [...text.matchAll(RUNS)];
    return { texts: matches.map((m) => m[0]), han: matches.map((m) => m[1] !== undefined) };
  };

  it('finds the runs the pattern finds in real text, raw and normalised', () => {
    const texts = seedAndSampleTexts().flatMap(({ text }) => [text, normaliseForSearch(text)]);
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) expect(scanRuns(text)).toEqual(byPattern(text));
  });

  it('finds the runs the pattern finds in random mixtures of every kind of character', () => {
    const random = prng(41);
    // Han in and outside the BMP, radicals (Han, not letters), 〇 and 々, ASCII words and
    // their joiners, capitals, accented and other scripts' letters, digits of other scripts,
    // emoji, lone surrogates, marks and punctuation.
    const pool = [...'中文數据⺀⼀〇々abcxyz059.#.ABCéßΩжかカ한٣①²𝐀😀 ，。-_\u0301', '𠀀', '\ud800', '\udc00', 'a.b', 'c#', '5g'];
    let runs = 0;
    for (let i = 0; i < 4000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 16) }, () => pool[Math.floor(random() * pool.length)]!).join('');
      const found = scanRuns(text);
      expect(found, JSON.stringify(text)).toEqual(byPattern(text));
      runs += found.texts.length;
    }
    expect(runs).toBeGreaterThan(10_000);
  });
});

describe('cutRuns', () => {
  it('segments runs joined in one call exactly as one call per run', async () => {
    const material = await testMaterial();
    const runs = material.paragraphs
      .slice(0, 300)
      .flatMap((p) => normaliseForSearch(p).match(/\p{Script=Han}+/gu) ?? [])
      .concat(['中', '𠀀𠀁中文', '']);
    expect(runs.length).toBeGreaterThan(1000);
    expect(cutRuns(runs)).toEqual(runs.map((r) => (r.length > 1 ? nodejieba.cut(r) : r ? [r] : [])));
  });

  it('cuts the runs from word lengths made elsewhere as from the words, and refuses lengths that do not fit', async () => {
    const material = await testMaterial();
    const texts = material.paragraphs.slice(0, 200).map(normaliseForSearch).concat(['𠀀𠀁中文 abc 中', '']);
    for (const text of texts) {
      const runs = runsOf(text).map((run) => (run.han ? run.text : ''));
      expect(cutRuns(runs, wordLengthsForIndex(text))).toEqual(cutRuns(runs));
    }
    const runs = ['数据交易', '', '中文'];
    expect(cutRuns(runs, [2, 2, 1, 2])).toEqual([['数据', '交易'], [], ['中文']]);
    expect(() => cutRuns(runs, [2, 3, 1, 2])).toThrow(/do not fit/);
    expect(() => cutRuns(runs, [2, 2, 2, 1, 1])).toThrow(/do not fit/);
    expect(() => cutRuns(runs, [2, 2, 1])).toThrow(/do not fit/);
    expect(() => cutRuns(runs, [2, 2, 1, 2, 1])).toThrow(/more word lengths/);
  });
});

describe('indexTermCounts', () => {
  it('counts the same terms, in the same order, as indexTerms on real text', async () => {
    const material = await testMaterial();
    const texts = [...material.paragraphs.slice(0, 600), ...material.titles.slice(0, 100)].map(normaliseForSearch);
    let terms = 0;
    for (const text of texts) {
      const expected = countTerms(indexTerms(text));
      expect(indexTermCounts(text)).toEqual(expected);
      terms += expected.terms.length;
    }
    expect(terms).toBeGreaterThan(10_000);
  });

  it.each([
    ['stop words split the bigrams', '我的祖国和人民的未来'],
    ['characters beyond the BMP', '𠀀𠀁的𠀂中文𪚥字'],
    ['single Han characters between Latin words', 'a中b国c 5g网络 2021年'],
    ['empty text', ''],
  ])('handles %s', (_name, text) => {
    const normalised = normaliseForSearch(text);
    expect(indexTermCounts(normalised)).toEqual(countTerms(indexTerms(normalised)));
  });
});

describe('analyse', () => {
  it('gives words, then bigrams that are not words, marking those that join two longer words', () => {
    const words = nodejieba.cut('数据交易平台');
    expect(words).toEqual(['数据', '交易平台']);
    const terms = analyse('数据交易平台', INDEX_STOP_WORDS);
    expect(terms.filter((t) => t.kind === 'word').map((t) => t.text)).toEqual(words);
    const bigrams = terms.filter((t) => t.kind === 'bigram');
    // 数据 is a two-character word, so its bigram is not repeated.
    expect(bigrams.map((t) => t.text)).toEqual(['据交', '交易', '易平', '平台']);
    expect(bigrams.filter((t) => t.joinsWords).map((t) => t.text)).toEqual(['据交']);
  });
});
