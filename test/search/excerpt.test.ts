// Sentence scoring for excerpts (src/search/excerpt.ts) against the plain definition: a
// search per term and sentence. The fast path scans each sentence once.
import { describe, expect, it } from 'vitest';
import { scoreSentences, type WeightedTerm } from '../../src/search/excerpt.ts';

/** The definition, written the obvious way. */
function reference(normalised: readonly string[], terms: readonly WeightedTerm[]): number[] {
  const present = terms.map((t) => normalised.map((n) => n.includes(t.text)));
  const local = present.map((rows) => {
    const count = rows.filter(Boolean).length;
    return count === 0 ? 0 : Math.log(1 + normalised.length / count);
  });
  const containedIn = terms.map((t) => terms.flatMap((u, j) => (u.text.length > t.text.length && u.text.includes(t.text) ? [j] : [])));
  return normalised.map((_, i) =>
    terms.reduce((sum, t, k) => (!present[k]![i] || containedIn[k]!.some((j) => present[j]![i]) ? sum : sum + t.weight * local[k]!), 0),
  );
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

// A small alphabet, so terms recur, overlap and hold one another; an astral character too.
const ALPHABET = ['罗', '保', '铭', '部', '长', 'a', '5', 'g', '𠀀', '。'];

describe('scoreSentences', () => {
  it('scores as the per-term, per-sentence definition does, to the bit', () => {
    const next = random(17);
    const pick = (length: number) => Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]!).join('');
    for (let round = 0; round < 300; round++) {
      const sentences = Array.from({ length: Math.floor(next() * 12) }, () => pick(Math.floor(next() * 20)));
      const terms: WeightedTerm[] = Array.from({ length: 1 + Math.floor(next() * 15) }, () => ({ text: pick(1 + Math.floor(next() * 3)), weight: next() * 3 }));
      expect(scoreSentences(sentences, terms)).toEqual(reference(sentences, terms));
    }
  });

  it('does not count a term again inside a longer term the sentence holds', () => {
    const terms: WeightedTerm[] = [
      { text: '罗保铭', weight: 1 },
      { text: '罗保', weight: 1 },
    ];
    const [withBoth, shortOnly, none] = scoreSentences(['罗保铭说', '罗保说', '其他'], terms);
    expect(shortOnly).toBeGreaterThan(0);
    expect(none).toBe(0);
    // 罗保铭 is in one sentence of three, 罗保 in two: the first sentence counts only the longer one.
    expect(withBoth).toBe(Math.log(1 + 3 / 1));
  });
});
