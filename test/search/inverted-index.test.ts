// The inverted index must rank exactly as MiniSearch did with the same terms: same
// documents, same order, same scores, before and after documents are replaced.
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { normaliseForSearch } from '../../src/corpus/normalise.ts';
import { prng } from '../../src/bench/synthetic.ts';
import { InvertedIndex, type FieldTerms } from '../../src/search/inverted-index.ts';
import { NumberedTerms, TermNumbering } from '../../src/search/term-numbers.ts';
import { countTerms, indexTerms, queryTerms } from '../../src/search/tokenize.ts';
import { testMaterial } from '../helpers.ts';

const BOOSTS = { title: 2, body: 1 };

interface Doc {
  id: number;
  title: string[];
  body: string[];
}

function miniSearchOf(docs: Doc[]): MiniSearch<Doc> {
  const index = new MiniSearch<Doc>({
    fields: ['title', 'body'],
    stringifyField: (value) => value as never,
    tokenize: (terms) => terms as unknown as string[],
    processTerm: (term) => term,
  });
  index.addAll(docs);
  return index;
}

/** Packs halfway too, so lists span two segments. */
async function ours(docs: Doc[]): Promise<InvertedIndex> {
  const index = new InvertedIndex(2);
  for (const [i, d] of docs.entries()) {
    index.add(d.id, [countTerms(d.title), countTerms(d.body)]);
    if (i === Math.floor(docs.length / 2)) await index.pack(0);
  }
  await index.pack(0);
  return index;
}

function compare(a: MiniSearch<Doc>, b: InvertedIndex, queries: string[]): number {
  let compared = 0;
  for (const q of queries) {
    const terms = queryTerms(normaliseForSearch(q)).map((t, i) => ({ term: t.text, boost: 1 + (i % 3) / 2 }));
    if (terms.length === 0) continue;
    const boostOf = new Map(terms.map((t) => [t.term, t.boost]));
    const expected = a
      .search(q, { tokenize: () => terms.map((t) => t.term), processTerm: (t) => t, boost: BOOSTS, boostTerm: (t) => boostOf.get(t) ?? 1 })
      .map((r) => ({ id: r.id as number, score: r.score }));
    const actual = b.search(terms, [BOOSTS.title, BOOSTS.body], () => true);
    expect(actual).toEqual(expected);
    compared += expected.length;
  }
  return compared;
}

describe('inverted index', () => {
  it('ranks like MiniSearch, scores to the bit, before and after replacing documents', async () => {
    const material = await testMaterial();
    const docs: Doc[] = material.paragraphs.slice(0, 400).map((p, i) => ({
      id: i + 1,
      title: indexTerms(normaliseForSearch(material.titles[i % material.titles.length]!)),
      body: indexTerms(normaliseForSearch(p)),
    }));
    // Phrases cut from the paragraphs themselves: the repo always has them (CMRC questions
    // are only there when ../shared is).
    const phrases = material.paragraphs
      .slice(0, 400)
      .filter((_, i) => i % 7 === 3)
      .map((p) => p.slice(10, 24));
    const queries = [...phrases, ...material.questions.slice(0, 60), '工业互联网', '5g 网络', '肖亚庆'];
    const mini = miniSearchOf(docs);
    const index = await ours(docs);
    expect(compare(mini, index, queries)).toBeGreaterThan(1000);

    // Replace every 7th document by a new version, as a reload does, then vacuum.
    for (const d of docs.filter((d) => d.id % 7 === 0)) {
      const next = { id: d.id + 10_000, title: d.body.slice(0, 5), body: d.title.concat(d.body.slice(3)) };
      mini.add(next);
      index.add(next.id, [countTerms(next.title), countTerms(next.body)]);
      mini.discard(d.id);
      index.discard(d.id);
    }
    await index.pack(0);
    await mini.vacuum();
    await index.vacuum(0);
    expect(compare(mini, index, queries)).toBeGreaterThan(1000);
  });

  it('keeps exactly the best k of the full ranking, and counts every accepted match, on random corpora', async () => {
    const rng = prng(17);
    const pick = (n: number) => Math.floor(rng() * n);
    // A small vocabulary with a few very common terms, so scores often tie.
    const vocabulary = Array.from({ length: 60 }, (_, i) => `t${i}`);
    const termOf = () => vocabulary[Math.min(pick(60), pick(60), pick(60))]!;
    let checked = 0;
    let withinChecked = 0;
    for (let corpus = 0; corpus < 8; corpus++) {
      const index = new InvertedIndex(2);
      const ids: number[] = [];
      for (let id = 1; id <= 150 + pick(150); id++) {
        const title = Array.from({ length: pick(4) }, termOf);
        const body = Array.from({ length: 1 + pick(40) }, termOf);
        index.add(id, [countTerms(title), countTerms(body)]);
        ids.push(id);
        if (pick(50) === 0) await index.pack(0);
      }
      await index.pack(0);
      for (const id of ids.filter(() => pick(10) === 0)) index.discard(id);
      // Half the corpora are searched with the discarded postings still there, half after they are removed.
      if (corpus % 2 === 1) await index.vacuum(0);
      for (let q = 0; q < 40; q++) {
        const query = Array.from({ length: 1 + pick(6) }, () => ({ term: termOf(), boost: 0.5 + pick(4) / 2 }));
        const rejected = new Set(ids.filter(() => pick(4) === 0));
        const accept = (doc: number) => !rejected.has(doc);
        const all = index.search(query, [2, 1], accept);
        for (const k of [1, 3, 5, 20, all.length + 1]) {
          const top = index.top(query, [2, 1], accept, k);
          expect(top.hits).toEqual(all.slice(0, k));
          expect(top.total).toBe(all.length);
          checked += top.hits.length;
        }
        // Told which documents alone can be accepted (a phrase's anchor holders), it scores only
        // those, and ranks and counts as if it had scored all.
        const within = new Set(ids.filter(() => pick(3) === 0));
        const acceptWithin = (doc: number) => within.has(doc) && accept(doc);
        const allWithin = index.search(query, [2, 1], acceptWithin);
        expect(index.search(query, [2, 1], acceptWithin, within)).toEqual(allWithin);
        for (const k of [1, 5, allWithin.length + 1]) {
          expect(index.top(query, [2, 1], acceptWithin, k, within)).toEqual({ hits: allWithin.slice(0, k), total: allWithin.length });
          withinChecked += Math.min(k, allWithin.length);
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(withinChecked).toBeGreaterThan(1000);
  });

  it('ranks the same however often it was packed, with segments merged as a binary counter', async () => {
    const rng = prng(23);
    const pick = (n: number) => Math.floor(rng() * n);
    const vocabulary = Array.from({ length: 200 }, (_, i) => `t${i}`);
    const termOf = () => vocabulary[Math.min(pick(200), pick(200))]!;
    const docs = Array.from({ length: 600 }, (_, i) => ({
      id: i + 1,
      fields: [countTerms(Array.from({ length: pick(5) }, termOf)), countTerms(Array.from({ length: 1 + pick(60) }, termOf))],
    }));
    const often = new InvertedIndex(2);
    const once = new InvertedIndex(2);
    const same = () => {
      for (let q = 0; q < 40; q++) {
        const query = Array.from({ length: 1 + pick(4) }, () => ({ term: termOf(), boost: 1 }));
        expect(often.search(query, [2, 1], () => true)).toEqual(once.search(query, [2, 1], () => true));
      }
    };
    for (const doc of docs.slice(0, 500)) {
      often.add(doc.id, doc.fields);
      once.add(doc.id, doc.fields);
      await often.pack(0);
    }
    await once.pack(0);
    // 500 packs of one document: a binary counter keeps at most log2(500) + 1 segments.
    expect(often.segmentCount).toBeLessThanOrEqual(10);
    expect(often.segmentCount).toBeGreaterThan(1);
    same();
    for (const doc of docs.slice(0, 500).filter(() => pick(8) === 0)) {
      often.discard(doc.id);
      once.discard(doc.id);
    }
    await often.vacuum(0);
    await once.vacuum(0);
    same();
    for (const doc of docs.slice(500)) {
      often.add(doc.id, doc.fields);
      once.add(doc.id, doc.fields);
      await often.pack(0);
    }
    await once.pack(0);
    same();
  });

  it('indexes terms sent by number as it indexes their text, when slots are freed and reused and when a new thread numbers anew', async () => {
    const rng = prng(29);
    const vocabulary = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const byNumber = new InvertedIndex(1);
    const byText = new InvertedIndex(1);
    // Fewer numbers than terms: the rest go as text, as past NUMBERED_TERMS_MAX.
    let numbering = new TermNumbering(45);
    let table = new NumberedTerms();
    const numbered = (field: FieldTerms): FieldTerms => {
      const numbers = Int32Array.from(field.terms, (term) => numbering.numberOf(term));
      table.learn(numbering.takeFresh());
      return { ...field, numbered: { numbers, table } };
    };
    let doc = 0;
    let previous: number[] = [];
    for (let round = 0; round < 6; round++) {
      if (round === 4) {
        numbering = new TermNumbering(45);
        table = new NumberedTerms();
      }
      // Even rounds use w0–w39, odd ones w20–w59: dropping a round's documents frees the slots
      // of the terms only it used, the next round's new terms take them, and the round after
      // brings the old terms back under their old numbers.
      const from = (round % 2) * 20;
      const docs: number[] = [];
      for (let i = 0; i < 40; i++) {
        const field = countTerms(Array.from({ length: 1 + Math.floor(rng() * 12) }, () => vocabulary[from + Math.floor(rng() * 40)]!));
        byNumber.add(doc, [numbered(field)]);
        byText.add(doc, [field]);
        docs.push(doc++);
      }
      for (const old of previous) {
        byNumber.discard(old);
        byText.discard(old);
      }
      previous = docs;
      await byNumber.vacuum(0);
      await byText.vacuum(0);
      for (const term of vocabulary) {
        const query = [{ term, boost: 1 }];
        const expected = byText.search(query, [1], () => true);
        expect(byNumber.search(query, [1], () => true)).toEqual(expected);
        if (term === `w${from + 5}`) expect(expected.length).toBeGreaterThan(0);
      }
    }
    expect(byNumber.termCount).toBe(byText.termCount);
  });

  it('refuses a document id twice', () => {
    const index = new InvertedIndex(1);
    index.add(1, [countTerms(['a'])]);
    expect(() => index.add(1, [countTerms(['b'])])).toThrow(/already/);
  });
});
