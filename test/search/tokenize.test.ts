// The index's counting tokenizer must give exactly the terms of the reference analyser.
import { describe, expect, it } from 'vitest';
import { normaliseForSearch } from '../../src/corpus/normalise.ts';
import { countTerms } from '../../src/search/prepare.ts';
import nodejieba from 'nodejieba';
import { cutRuns, indexTermCounts, indexTerms } from '../../src/search/tokenize.ts';
import { testMaterial } from '../helpers.ts';

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
