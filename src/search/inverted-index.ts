// BM25 inverted index over terms counted in advance. It scores exactly as MiniSearch 7.2
// did for this engine (BM25+ with k 1.2, b 0.7, d 0.5; field length = distinct terms; a
// document's score × the number of query terms it matched; OR; ties in first-match order),
// but keeps terms in a hash map instead of a radix tree (CJK terms gave MiniSearch's nodes
// thousands of children to scan) and postings as flat integer runs instead of a Map per
// term, which is what made 10,000 articles cost 1.6 GB.

/** One field of one document: distinct terms and how often each occurs. */
export interface FieldTerms {
  terms: string[];
  counts: ArrayLike<number>;
}

export interface ScoredDoc {
  id: number;
  score: number;
}

export interface QueryTermSpec {
  term: string;
  boost: number;
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

function bm25(termFreq: number, matching: number, total: number, fieldLength: number, avgFieldLength: number): number {
  const { k, b, d } = BM25;
  const invDocFreq = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}

/** A run of postings: `data[start..end)` holds doc, tf, doc, tf… */
interface Run {
  data: ArrayLike<number>;
  start: number;
  end: number;
}

/** The postings of one field. A term's list is either a slice of the packed buffer or, once it grew, its own array. */
export class FieldPostings {
  private slots = new Map<string, number>();
  private grown: (number[] | undefined)[] = [];
  private packed: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private packedStart = new Int32Array(0);
  private packedEnd = new Int32Array(0);
  private freeSlots: number[] = [];

  get termCount(): number {
    return this.slots.size;
  }

  run(term: string): Run | undefined {
    const slot = this.slots.get(term);
    if (slot === undefined) return undefined;
    const list = this.grown[slot];
    if (list) return { data: list, start: 0, end: list.length };
    return { data: this.packed, start: this.packedStart[slot]!, end: this.packedEnd[slot]! };
  }

  append(term: string, doc: number, tf: number): void {
    let slot = this.slots.get(term);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.grown.length;
      this.slots.set(term, slot);
      this.grown[slot] = [doc, tf];
      return;
    }
    let list = this.grown[slot];
    if (!list) {
      list = Array.from(this.packed.subarray(this.packedStart[slot]!, this.packedEnd[slot]!));
      this.grown[slot] = list;
    }
    list.push(doc, tf);
  }

  /** Drops retired documents from every list; `pause` lets searches run between chunks. */
  async removeDocs(retired: ReadonlySet<number>, pause: () => Promise<void> | null): Promise<void> {
    let n = 0;
    for (const [term, slot] of this.slots) {
      const run = this.run(term)!;
      let keep: number[] | null = null;
      for (let i = run.start; i < run.end; i += 2) {
        if (retired.has(run.data[i]!)) {
          keep ??= Array.prototype.slice.call(run.data, run.start, i) as number[];
        } else if (keep) keep.push(run.data[i]!, run.data[i + 1]!);
      }
      if (keep && keep.length === 0) {
        this.slots.delete(term);
        this.grown[slot] = undefined;
        this.packedEnd[slot] = this.packedStart[slot]!;
        this.freeSlots.push(slot);
      } else if (keep) this.grown[slot] = keep;
      if (++n % 2048 === 0) await pause();
    }
  }

  /** Packs every list into one Int32Array: half the memory of JS arrays, and cheap to save. */
  async pack(pause: () => Promise<void> | null): Promise<void> {
    let total = 0;
    for (const term of this.slots.keys()) {
      const r = this.run(term)!;
      total += r.end - r.start;
    }
    const slotCount = this.grown.length;
    const data = new Int32Array(total);
    const starts = new Int32Array(slotCount);
    const ends = new Int32Array(slotCount);
    let at = 0;
    let n = 0;
    for (const [term, slot] of this.slots) {
      const r = this.run(term)!;
      starts[slot] = at;
      if (r.data instanceof Int32Array) data.set(r.data.subarray(r.start, r.end), at);
      else data.set(r.data as number[], at);
      at += r.end - r.start;
      ends[slot] = at;
      if (++n % 8192 === 0) await pause();
    }
    // The engine never appends while packing (reloads run one at a time), so the copy is whole.
    this.packed = data;
    this.packedStart = starts;
    this.packedEnd = ends;
    this.grown = new Array<number[] | undefined>(slotCount);
  }

  /** Terms in slot order with their packed runs; call after pack(). */
  exportPacked(): { terms: string[]; lengths: Int32Array; data: Int32Array } {
    const terms: string[] = [];
    const lengths = new Int32Array(this.slots.size);
    const parts: Int32Array[] = [];
    let total = 0;
    for (const [term, slot] of this.slots) {
      const r = this.run(term)!;
      const part = r.data instanceof Int32Array ? r.data.subarray(r.start, r.end) : Int32Array.from(r.data as number[]);
      lengths[terms.length] = part.length;
      terms.push(term);
      parts.push(part);
      total += part.length;
    }
    const data = new Int32Array(total);
    let at = 0;
    for (const part of parts) {
      data.set(part, at);
      at += part.length;
    }
    return { terms, lengths, data };
  }

  static fromPacked(terms: string[], lengths: Int32Array, data: Int32Array): FieldPostings {
    const field = new FieldPostings();
    field.packed = data;
    field.packedStart = new Int32Array(terms.length);
    field.packedEnd = new Int32Array(terms.length);
    let at = 0;
    for (let i = 0; i < terms.length; i++) {
      field.slots.set(terms[i]!, i);
      field.packedStart[i] = at;
      at += lengths[i]!;
      field.packedEnd[i] = at;
    }
    if (at !== data.length) throw new Error('postings lengths do not add up to the data');
    field.grown = new Array<number[] | undefined>(terms.length);
    return field;
  }
}

export interface IndexState {
  documentCount: number;
  avgFieldLength: number[];
  /** Per field, the length of each document by id (0 for absent ids). */
  fieldLengths: Int32Array[];
  fields: FieldPostings[];
}

export class InvertedIndex {
  private documentCount = 0;
  private avgFieldLength: number[];
  private fieldLengths: Int32Array[];
  private fields: FieldPostings[];
  /** Discarded documents whose postings are not removed yet; never scored. */
  private readonly retired = new Set<number>();
  private readonly present = new Set<number>();
  // Scratch space for search, indexed by document id.
  private total = new Float64Array(0);
  private termScore = new Float64Array(0);
  private matched = new Uint16Array(0);
  private stamp = new Int32Array(0);
  private searchCount = 0;

  constructor(readonly fieldCount: number, state?: IndexState & { docs: Iterable<number> }) {
    this.avgFieldLength = state?.avgFieldLength.slice() ?? new Array<number>(fieldCount).fill(0);
    this.fieldLengths = state?.fieldLengths ?? Array.from({ length: fieldCount }, () => new Int32Array(1024));
    this.fields = state?.fields ?? Array.from({ length: fieldCount }, () => new FieldPostings());
    this.documentCount = state?.documentCount ?? 0;
    for (const doc of state?.docs ?? []) this.present.add(doc);
  }

  get size(): number {
    return this.documentCount;
  }

  get termCount(): number {
    return this.fields.reduce((n, f) => n + f.termCount, 0);
  }

  private ensureCapacity(doc: number): void {
    if (doc < this.fieldLengths[0]!.length) return;
    let size = this.fieldLengths[0]!.length || 1024;
    while (size <= doc) size *= 2;
    this.fieldLengths = this.fieldLengths.map((old) => {
      const grown = new Int32Array(size);
      grown.set(old);
      return grown;
    });
  }

  add(doc: number, fields: readonly FieldTerms[]): void {
    if (this.present.has(doc) || this.retired.has(doc)) throw new Error(`document ${doc} is already in the index`);
    this.ensureCapacity(doc);
    this.present.add(doc);
    this.documentCount += 1;
    for (let f = 0; f < this.fieldCount; f++) {
      const { terms, counts } = fields[f]!;
      // MiniSearch's running average, kept to the bit so scores stay identical.
      const count = this.documentCount - 1;
      this.fieldLengths[f]![doc] = terms.length;
      this.avgFieldLength[f] = ((this.avgFieldLength[f] ?? 0) * count + terms.length) / (count + 1);
      const postings = this.fields[f]!;
      for (let i = 0; i < terms.length; i++) postings.append(terms[i]!, doc, counts[i]!);
    }
  }

  /** Removes a document from scoring now; its postings go at the next vacuum(). */
  discard(doc: number): void {
    if (!this.present.delete(doc)) return;
    for (let f = 0; f < this.fieldCount; f++) {
      const length = this.fieldLengths[f]![doc]!;
      if (this.documentCount === 1) this.avgFieldLength[f] = 0;
      else this.avgFieldLength[f] = (this.avgFieldLength[f]! * this.documentCount - length) / (this.documentCount - 1);
    }
    this.documentCount -= 1;
    this.retired.add(doc);
  }

  /** Removes the postings of discarded documents, yielding to searches every `yieldEveryMs`. */
  async vacuum(yieldEveryMs = 25): Promise<void> {
    const pause = pauser(yieldEveryMs);
    if (this.retired.size > 0) {
      const gone = new Set(this.retired);
      for (const field of this.fields) await field.removeDocs(gone, pause);
      for (const doc of gone) this.retired.delete(doc);
    }
    for (const field of this.fields) await field.pack(pause);
  }

  /** Documents holding the term in the field where it is most common, retired ones included. */
  documentFrequency(term: string): number {
    let df = 0;
    for (const field of this.fields) {
      const r = field.run(term);
      if (r) df = Math.max(df, (r.end - r.start) / 2);
    }
    return df;
  }

  private ensureScratch(): void {
    const size = this.fieldLengths[0]!.length;
    if (this.total.length === size) return;
    this.total = new Float64Array(size);
    this.termScore = new Float64Array(size);
    this.matched = new Uint16Array(size);
    this.stamp = new Int32Array(size).fill(-1);
  }

  /** OR query; returns accepted documents, best first, ties in first-match order. */
  search(query: readonly QueryTermSpec[], fieldBoosts: readonly number[], accept: (doc: number) => boolean): ScoredDoc[] {
    this.ensureScratch();
    const { total, termScore, matched, stamp } = this;
    const order: number[] = [];
    const n = this.documentCount;
    for (const { term, boost } of query) {
      const mark = this.searchCount++ & 0x3fffffff;
      const touched: number[] = [];
      for (let f = 0; f < this.fieldCount; f++) {
        const run = this.fields[f]!.run(term);
        if (!run) continue;
        const { data, start, end } = run;
        let df = (end - start) / 2;
        if (this.retired.size > 0) for (let i = start; i < end; i += 2) if (this.retired.has(data[i]!)) df--;
        const fieldBoost = fieldBoosts[f]!;
        const avg = this.avgFieldLength[f]!;
        const lengths = this.fieldLengths[f]!;
        for (let i = start; i < end; i += 2) {
          const doc = data[i]!;
          if (this.retired.has(doc)) continue;
          const raw = bm25(data[i + 1]!, df, n, lengths[doc]!, avg);
          if (stamp[doc] !== mark) {
            stamp[doc] = mark;
            touched.push(doc);
          }
          termScore[doc]! += 1 * boost * fieldBoost * 1 * raw;
        }
      }
      for (const doc of touched) {
        if (matched[doc] === 0) order.push(doc);
        total[doc]! += termScore[doc]!;
        termScore[doc] = 0;
        matched[doc]! += 1;
      }
    }
    const results: ScoredDoc[] = [];
    for (const doc of order) {
      const score = total[doc]! * matched[doc]!;
      total[doc] = 0;
      matched[doc] = 0;
      if (accept(doc)) results.push({ id: doc, score });
    }
    results.sort((a, b) => b.score - a.score);
    return results;
  }

  /** The state a snapshot stores; pack with vacuum() first. */
  exportState(): { documentCount: number; avgFieldLength: number[]; fieldLengths: Int32Array[]; fields: FieldPostings[]; docs: number[] } {
    if (this.retired.size > 0) throw new Error('vacuum the index before exporting it');
    return {
      documentCount: this.documentCount,
      avgFieldLength: this.avgFieldLength.slice(),
      fieldLengths: this.fieldLengths,
      fields: this.fields,
      docs: [...this.present],
    };
  }
}

/** A function that, when `everyMs` have passed since it last paused, returns a pause. */
export function pauser(everyMs: number): () => Promise<void> | null {
  let since = performance.now();
  return () => {
    if (everyMs <= 0 || performance.now() - since < everyMs) return null;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
