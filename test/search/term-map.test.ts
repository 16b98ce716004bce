// TermMap must behave as a Map<string, number> for any mix of short (integer-keyed) and long
// terms, through growth and deletions (backward shifting moves entries within the table).
import { describe, expect, it } from 'vitest';
import { prng } from '../../src/bench/synthetic.ts';
import { TermMap } from '../../src/search/term-map.ts';

/** Terms of 1–6 units from a small alphabet, so lookups hit often and probe runs collide. */
function termMaker(seed: number): () => string {
  const random = prng(seed);
  const alphabet = ['数', '据', '交', '易', 'a', 'z', '5', '\u{20000}', '\u3000', '\uffff', '\u0001'];
  return () => {
    const length = 1 + Math.floor(random() * 6);
    let term = '';
    while (term.length < length) term += alphabet[Math.floor(random() * alphabet.length)]!;
    return term;
  };
}

describe('TermMap', () => {
  it('agrees with a Map through random sets, gets and deletes', () => {
    for (const seed of [1, 2, 3]) {
      const random = prng(seed);
      const nextTerm = termMaker(seed * 7);
      const map = new TermMap();
      const model = new Map<string, number>();
      for (let step = 0; step < 30_000; step++) {
        const term = nextTerm();
        const roll = random();
        if (roll < 0.5) {
          map.set(term, step);
          model.set(term, step);
        } else if (roll < 0.75) expect(map.delete(term)).toBe(model.delete(term));
        else expect(map.get(term)).toBe(model.get(term));
      }
      expect(map.size).toBe(model.size);
      expect(new Map(map.entries())).toEqual(model);
      expect([...map.keys()].sort()).toEqual([...model.keys()].sort());
      for (const term of model.keys()) expect(map.get(term)).toBe(model.get(term));
    }
  });

  it('tells apart terms that differ only in length or padding', () => {
    const map = new TermMap();
    const terms = ['数', '数据', '数据交', '数据交易', '数据交易所', 'a', 'ab', 'a\u0001', '\u0001a', '\u0000', 'a\u0000', ''];
    terms.forEach((term, i) => map.set(term, i));
    expect(map.size).toBe(terms.length);
    terms.forEach((term, i) => expect(map.get(term)).toBe(i));
    expect(new Map(map.entries())).toEqual(new Map(terms.map((term, i) => [term, i])));
  });

  it('keeps every term through growth far past its first table', () => {
    const map = new TermMap();
    const count = 200_000;
    for (let i = 0; i < count; i++) map.set(String.fromCharCode(0x4e00 + (i % 20_000), 0x4e00 + Math.floor(i / 20_000)), i);
    expect(map.size).toBe(count);
    for (let i = 0; i < count; i += 997) expect(map.get(String.fromCharCode(0x4e00 + (i % 20_000), 0x4e00 + Math.floor(i / 20_000)))).toBe(i);
    for (let i = 0; i < count; i += 2) map.delete(String.fromCharCode(0x4e00 + (i % 20_000), 0x4e00 + Math.floor(i / 20_000)));
    expect(map.size).toBe(count / 2);
    for (let i = 1; i < count; i += 2) expect(map.get(String.fromCharCode(0x4e00 + (i % 20_000), 0x4e00 + Math.floor(i / 20_000)))).toBe(i);
  });
});
