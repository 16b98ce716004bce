// BM25 inverted index over terms counted in advance. It scores exactly as MiniSearch 7.2
// did for this engine (BM25+ with k 1.2, b 0.7, d 0.5; field length = distinct terms; a
// document's score × the number of query terms it matched; OR; ties in first-match order),
// but keeps terms in a hash map instead of a radix tree (CJK terms gave MiniSearch's nodes
// thousands of children to scan) and postings as flat integer runs instead of a Map per
// term, which is what made 10,000 articles cost 1.6 GB.
import type { NumberedTerms } from './term-numbers.ts';
import { TermMap } from './term-map.ts';
import { pauser } from './turns.ts';

/** One field of one document: distinct terms and how often each occurs. */
export interface FieldTerms {
  terms: string[];
  counts: ArrayLike<number>;
  /** Each term's number in `table` (-1: none), when the tokenizer thread numbered them: appends go by number. */
  numbered?: { numbers: Int32Array; table: NumberedTerms };
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

/** BM25+ of one term in one field, as MiniSearch computes it. */
function bm25(termFreq: number, matching: number, total: number, fieldLength: number, avgFieldLength: number): number {
  const { k, b, d } = BM25;
  const invDocFreq = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}

/** Packed postings: for each slot, `data[start[slot]..end[slot])`; slots past `start.length` are empty. */
export interface Segment {
  data: Int32Array<ArrayBufferLike>;
  start: Int32Array<ArrayBufferLike>;
  end: Int32Array<ArrayBufferLike>;
}

/** Beyond this many segments the two newest are merged whatever their sizes. */
const MAX_SEGMENTS = 12;
/** Share of packed values freed by removals at which the segments are merged into one. */
const MAX_WASTE = 0.25;

/** A copy of `array` long enough to hold index `at`. */
function grownTo(array: Int32Array, at: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(2 * array.length, at + 1));
  grown.set(array);
  return grown;
}

const rangeLength = (seg: Segment, slot: number) => (slot < seg.start.length ? seg.end[slot]! - seg.start[slot]! : 0);

/**
 * The postings of one field: doc, tf, doc, tf… in the order documents were added. New
 * postings are staged in one flat log of (slot, doc, tf) and become searchable at pack(),
 * which sorts the log by term into a new immutable segment of flat integers: memory stays
 * near 8 bytes a posting, building makes no garbage per term, and no step copies the
 * whole index at once. A term's list is its ranges in each segment, oldest first.
 */
export class FieldPostings {
  private slots = new TermMap();
  private slotCount = 0;
  private freeSlots: number[] = [];
  /** Slots by term number (slot + 1; 0: not looked up yet) for one table, and back, to forget a freed slot. */
  private byNumber: { table: NumberedTerms; slotOf: Int32Array<ArrayBuffer>; numberOf: Int32Array<ArrayBuffer> } | null = null;
  private log = new Int32Array(3 * 4096);
  private logLength = 0;
  segments: Segment[] = [];
  /** Values left unused inside segments by removals. */
  private wasted = 0;

  get termCount(): number {
    return this.slots.size;
  }

  /** Postings added but not yet searchable. */
  get staged(): number {
    return this.logLength / 3;
  }

  slot(term: string): number | undefined {
    return this.slots.get(term);
  }

  /** Documents holding the term, retired ones included, staged ones not. */
  count(term: string): number {
    const slot = this.slots.get(term);
    if (slot === undefined) return 0;
    let values = 0;
    for (const seg of this.segments) values += rangeLength(seg, slot);
    return values / 2;
  }

  /** Calls `visit` with every packed posting's term and document. */
  forEachPosting(visit: (term: string, doc: number) => void): void {
    for (const term of this.slots.keys()) this.forEachDoc(term, (doc) => visit(term, doc));
  }

  /** Calls `visit` with every document holding the term, packed postings only. */
  forEachDoc(term: string, visit: (doc: number) => void): void {
    const slot = this.slots.get(term);
    if (slot === undefined) return;
    for (const seg of this.segments) {
      if (slot >= seg.start.length) continue;
      for (let i = seg.start[slot]!; i < seg.end[slot]!; i += 2) visit(seg.data[i]!);
    }
  }

  private slotFor(term: string): number {
    let slot = this.slots.get(term);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.slotCount++;
      this.slots.set(term, slot);
    }
    return slot;
  }

  append(term: string, doc: number, tf: number): void {
    this.appendToSlot(this.slotFor(term), doc, tf);
  }

  /** append(), with the term's slot found by its number in `table` once the term has been seen. */
  appendNumbered(table: NumberedTerms, number: number, term: string, doc: number, tf: number): void {
    if (number < 0) return this.append(term, doc, tf);
    let known = this.byNumber;
    if (known?.table !== table) {
      known = { table, slotOf: new Int32Array(1024), numberOf: new Int32Array(1024) };
      this.byNumber = known;
    }
    if (number >= known.slotOf.length) known.slotOf = grownTo(known.slotOf, number);
    let slot = known.slotOf[number]! - 1;
    if (slot < 0) {
      slot = this.slotFor(term);
      known.slotOf[number] = slot + 1;
      if (slot >= known.numberOf.length) known.numberOf = grownTo(known.numberOf, slot);
      known.numberOf[slot] = number + 1;
    }
    this.appendToSlot(slot, doc, tf);
  }

  private forgetSlot(term: string, slot: number): void {
    this.slots.delete(term);
    this.freeSlots.push(slot);
    const known = this.byNumber;
    if (known && slot < known.numberOf.length && known.numberOf[slot]! > 0) {
      known.slotOf[known.numberOf[slot]! - 1] = 0;
      known.numberOf[slot] = 0;
    }
  }

  private appendToSlot(slot: number, doc: number, tf: number): void {
    if (this.logLength + 3 > this.log.length) this.log = grownTo(this.log, this.logLength + 2);
    this.log[this.logLength++] = slot;
    this.log[this.logLength++] = doc;
    this.log[this.logLength++] = tf;
  }

  /** Removes retired documents in place (ranges shrink; no copy); `pause` lets searches run between chunks. */
  async removeDocs(retired: ReadonlySet<number>, pause: () => Promise<void> | null): Promise<void> {
    if (this.logLength > 0) throw new Error('pack the postings before removing documents');
    let n = 0;
    // Forgotten after the walk: removing from the term table while walking it may skip terms.
    const emptied: [string, number][] = [];
    for (const [term, slot] of this.slots.entries()) {
      let left = 0;
      for (const seg of this.segments) {
        if (slot >= seg.start.length) continue;
        const { data } = seg;
        const end = seg.end[slot]!;
        let w = seg.start[slot]!;
        for (let r = w; r < end; r += 2) {
          if (retired.has(data[r]!)) continue;
          if (w !== r) {
            data[w] = data[r]!;
            data[w + 1] = data[r + 1]!;
          }
          w += 2;
        }
        this.wasted += end - w;
        seg.end[slot] = w;
        left += w - seg.start[slot]!;
      }
      if (left === 0) emptied.push([term, slot]);
      if (++n % 1024 === 0) await pause();
    }
    for (const [term, slot] of emptied) this.forgetSlot(term, slot);
  }

  /** The staged log as a segment: a counting sort by slot, stable, so each list keeps document order. */
  private async segmentFromLog(pause: () => Promise<void> | null): Promise<Segment> {
    const log = this.log;
    const start = new Int32Array(this.slotCount);
    const end = new Int32Array(this.slotCount);
    for (let i = 0; i < this.logLength; i += 3) end[log[i]!]! += 2;
    let at = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      start[slot] = at;
      at += end[slot]!;
      end[slot] = start[slot]!;
    }
    await pause();
    const data = new Int32Array(at);
    for (let i = 0; i < this.logLength; i += 3) {
      const slot = log[i]!;
      const w = end[slot]!;
      data[w] = log[i + 1]!;
      data[w + 1] = log[i + 2]!;
      end[slot] = w + 2;
    }
    return { data, start, end };
  }

  /**
   * Copies each slot's ranges in `from` (oldest first) into one new segment. Slots are walked
   * by number, not through the term table: a freed slot has empty ranges everywhere.
   */
  private async merge(from: readonly Segment[], pause: () => Promise<void> | null): Promise<Segment> {
    const slotCount = Math.max(...from.map((seg) => seg.start.length));
    let total = 0;
    for (const seg of from) total += seg.data.length;
    const data = new Int32Array(total);
    const start = new Int32Array(slotCount);
    const end = new Int32Array(slotCount);
    let at = 0;
    for (let slot = 0; slot < slotCount; slot++) {
      start[slot] = at;
      for (const seg of from) {
        const length = rangeLength(seg, slot);
        if (length > 0) data.set(seg.data.subarray(seg.start[slot], seg.end[slot]), at);
        at += length;
      }
      end[slot] = at;
      if ((slot & 0xffff) === 0xffff) await pause();
    }
    return at === total ? { data, start, end } : { data: data.slice(0, at), start, end };
  }

  /** Makes the staged postings a segment, then merges segments when there are too many or too much is unused. */
  async pack(pause: () => Promise<void> | null): Promise<void> {
    // The engine never appends while packing (reloads run one at a time), so each copy is whole.
    if (this.logLength > 0) {
      const seg = await this.segmentFromLog(pause);
      this.segments = [...this.segments, seg];
      this.logLength = 0;
      // A big first build leaves a big log; keep a small one for reloads.
      if (this.log.length > 3 * (1 << 20)) this.log = new Int32Array(3 * 4096);
    }
    const size = (seg: Segment) => seg.data.length;
    const total = this.segments.reduce((n, seg) => n + size(seg), 0);
    if (this.segments.length > 1 && this.wasted > MAX_WASTE * total) {
      this.segments = [await this.merge(this.segments, pause)];
      this.wasted = 0;
    }
    // A binary counter: the newest two merge once the newer has caught up with the older, so
    // each posting is copied about log2(packs) times; always merging into the newest, as
    // before, copied the whole index again at every pack of a big build.
    for (let k = this.segments.length; k > 1 && (size(this.segments[k - 2]!) <= size(this.segments[k - 1]!) || k > MAX_SEGMENTS); k--) {
      const merged = await this.merge(this.segments.slice(k - 2), pause);
      this.segments = [...this.segments.slice(0, k - 2), merged];
    }
  }

  /** Each term with its list length, and the lists in the same order, in chunks; call after pack(). */
  exportPacked(): { terms: string[]; lengths: Int32Array; chunks: () => Generator<Int32Array> } {
    if (this.logLength > 0) throw new Error('pack the postings before exporting them');
    const terms: string[] = [];
    const slots: number[] = [];
    const lengths = new Int32Array(this.slots.size);
    for (const [term, slot] of this.slots.entries()) {
      let length = 0;
      for (const seg of this.segments) length += rangeLength(seg, slot);
      lengths[terms.length] = length;
      terms.push(term);
      slots.push(slot);
    }
    const segments = this.segments;
    function* chunks(): Generator<Int32Array> {
      const CHUNK_VALUES = 1 << 20;
      let buffer = new Int32Array(CHUNK_VALUES);
      let at = 0;
      for (const slot of slots) {
        for (const seg of segments) {
          const length = rangeLength(seg, slot);
          if (length === 0) continue;
          if (at + length > buffer.length) {
            yield buffer.subarray(0, at);
            buffer = new Int32Array(Math.max(CHUNK_VALUES, length));
            at = 0;
          }
          buffer.set(seg.data.subarray(seg.start[slot], seg.end[slot]), at);
          at += length;
        }
      }
      if (at > 0) yield buffer.subarray(0, at);
    }
    return { terms, lengths, chunks };
  }

  static fromPacked(terms: string[], lengths: Int32Array, data: Int32Array<ArrayBufferLike>): FieldPostings {
    const field = new FieldPostings();
    field.slots = new TermMap(terms.length);
    const start = new Int32Array(terms.length);
    const end = new Int32Array(terms.length);
    let at = 0;
    for (let i = 0; i < terms.length; i++) {
      field.slots.set(terms[i]!, i);
      start[i] = at;
      at += lengths[i]!;
      end[i] = at;
    }
    if (at !== data.length) throw new Error('postings lengths do not add up to the data');
    field.segments = [{ data, start, end }];
    field.slotCount = terms.length;
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
  /** Documents one term touched, then all the query touched in first-match order: arrays, not lists that grow and become garbage. */
  private touched = new Int32Array(0);
  private order = new Int32Array(0);
  private searchCount = 0;
  /** Which documents the search in hand may score: those stamped with its mark (see accumulate). */
  private allowed = new Int32Array(0);
  private allowedCount = -1;
  /**
   * Per field, BM25's length part of each document, k1 × (1 − b + b × length ÷ average): the
   * same operations as bm25(), so the same bits, computed once per change of the lengths
   * instead of once per posting.
   */
  private norms: Float64Array[] = [];
  private lengthsChanged = true;

  constructor(
    readonly fieldCount: number,
    state?: IndexState & { docs: Iterable<number> },
  ) {
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

  /** The most packed segments any field's postings are in: a search reads each term's range in each. */
  get segmentCount(): number {
    return Math.max(...this.fields.map((f) => f.segments.length));
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

  /** Adds a document; its postings become searchable at the next pack() or vacuum(). */
  add(doc: number, fields: readonly FieldTerms[]): void {
    if (this.present.has(doc) || this.retired.has(doc)) throw new Error(`document ${doc} is already in the index`);
    this.ensureCapacity(doc);
    this.present.add(doc);
    this.documentCount += 1;
    for (let f = 0; f < this.fieldCount; f++) {
      const { terms, counts, numbered } = fields[f]!;
      // MiniSearch's running average, kept to the bit so scores stay identical.
      const count = this.documentCount - 1;
      this.fieldLengths[f]![doc] = terms.length;
      this.avgFieldLength[f] = ((this.avgFieldLength[f] ?? 0) * count + terms.length) / (count + 1);
      this.lengthsChanged = true;
      const postings = this.fields[f]!;
      if (numbered) {
        const { numbers, table } = numbered;
        for (let i = 0; i < terms.length; i++) postings.appendNumbered(table, numbers[i]!, terms[i]!, doc, counts[i]!);
      } else for (let i = 0; i < terms.length; i++) postings.append(terms[i]!, doc, counts[i]!);
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
    this.lengthsChanged = true;
    this.retired.add(doc);
  }

  /** Postings added but not yet searchable, over all fields. */
  get staged(): number {
    return this.fields.reduce((n, f) => n + f.staged, 0);
  }

  /** Makes staged postings searchable. */
  async pack(yieldEveryMs = 25): Promise<void> {
    const pause = pauser(yieldEveryMs);
    for (const field of this.fields) await field.pack(pause);
  }

  /** Removes the postings of discarded documents, yielding to searches every `yieldEveryMs`. */
  async vacuum(yieldEveryMs = 25): Promise<void> {
    const pause = pauser(yieldEveryMs);
    for (const field of this.fields) await field.pack(pause);
    if (this.retired.size === 0) return;
    const gone = new Set(this.retired);
    for (const field of this.fields) await field.removeDocs(gone, pause);
    for (const doc of gone) this.retired.delete(doc);
    // Merges segments when the removals left too much of them unused.
    for (const field of this.fields) await field.pack(pause);
  }

  /** Documents holding the term in the field where it is most common, retired ones included. */
  documentFrequency(term: string): number {
    let df = 0;
    for (const field of this.fields) df = Math.max(df, field.count(term));
    return df;
  }

  /**
   * What a passing mention scores: a document holding each query term once in `field`, at the
   * field's average length, scored as search() scores it (terms the index lacks left out).
   */
  passingMentionScore(query: readonly QueryTermSpec[], field: number, fieldBoost: number): number {
    const postings = this.fields[field]!;
    const avg = this.avgFieldLength[field]!;
    let sum = 0;
    let present = 0;
    for (const { term, boost } of query) {
      const df = postings.count(term);
      if (df === 0) continue;
      present++;
      sum += boost * fieldBoost * bm25(1, df, this.documentCount, avg, avg);
    }
    return sum * present;
  }

  /**
   * Searchable documents holding every one of `terms` in some field, from the rarest term:
   * only the `most` rarest are intersected, since a caller that checks the text needs only a
   * short list, not an exact one.
   */
  docsWithAll(terms: readonly string[], most = Infinity): Set<number> {
    const rarest = terms
      .map((term) => ({ term, df: this.documentFrequency(term) }))
      .sort((a, b) => a.df - b.df)
      .slice(0, most)
      .map(({ term }) => term);
    let docs: Set<number> | null = null;
    for (const term of rarest) {
      const next = new Set<number>();
      const within = docs;
      for (const field of this.fields) {
        field.forEachDoc(term, (doc) => {
          if (within ? within.has(doc) : !this.retired.has(doc)) next.add(doc);
        });
      }
      docs = next;
      if (docs.size === 0) break;
    }
    return docs ?? new Set();
  }

  /** Each searchable document's terms in one field, rebuilt from the postings (after a snapshot). */
  termsByDoc(field: number): Map<number, string[]> {
    const byDoc = new Map<number, string[]>();
    this.fields[field]!.forEachPosting((term, doc) => {
      if (this.retired.has(doc)) return;
      const terms = byDoc.get(doc);
      if (terms) terms.push(term);
      else byDoc.set(doc, [term]);
    });
    return byDoc;
  }

  private ensureScratch(): void {
    const size = this.fieldLengths[0]!.length;
    if (this.total.length === size) return;
    this.total = new Float64Array(size);
    this.termScore = new Float64Array(size);
    this.matched = new Uint16Array(size);
    this.stamp = new Int32Array(size).fill(-1);
    this.touched = new Int32Array(size);
    this.order = new Int32Array(size);
    this.allowed = new Int32Array(size).fill(-1);
  }

  /**
   * OR query; returns accepted documents, best first, ties in first-match order. `within`:
   * documents outside it would not be accepted (see top).
   */
  search(query: readonly QueryTermSpec[], fieldBoosts: readonly number[], accept: (doc: number) => boolean, within?: ReadonlySet<number>): ScoredDoc[] {
    return this.top(query, fieldBoosts, accept, Infinity, within).hits;
  }

  /**
   * The best `k` accepted documents of an OR query, ranked exactly as search() ranks them,
   * and how many were accepted in all. Only the top is kept and sorted: a common term
   * matches most of the corpus, and making and sorting an object per match cost more than
   * scoring it. `within`, when the caller knows that `accept` takes no document outside it
   * (those holding a quoted phrase's anchors): the others are not scored at all, which gives
   * the same hits and total.
   */
  top(
    query: readonly QueryTermSpec[],
    fieldBoosts: readonly number[],
    accept: (doc: number) => boolean,
    k: number,
    within?: ReadonlySet<number>,
  ): { hits: ScoredDoc[]; total: number } {
    this.ensureScratch();
    const { total, matched } = this;
    const matches = this.accumulate(query, fieldBoosts, within);
    const order = this.order;
    const hits: ScoredDoc[] = [];
    let count = 0;
    for (let m = 0; m < matches; m++) {
      const doc = order[m]!;
      const score = total[doc]! * matched[doc]!;
      total[doc] = 0;
      matched[doc] = 0;
      if (!accept(doc)) continue;
      count++;
      if (k === Infinity) {
        hits.push({ id: doc, score });
        continue;
      }
      // Kept best first; an equal score goes after those already kept (they matched first).
      if (hits.length === k && !(score > hits[k - 1]!.score)) continue;
      let at = hits.length === k ? k - 1 : hits.length;
      while (at > 0 && score > hits[at - 1]!.score) {
        hits[at] = hits[at - 1]!;
        at--;
      }
      hits[at] = { id: doc, score };
    }
    // A stable sort: ties stay in first-match order.
    if (k === Infinity) hits.sort((a, b) => b.score - a.score);
    return { hits, total: count };
  }

  private lengthNorms(): Float64Array[] {
    if (!this.lengthsChanged) return this.norms;
    const { k, b } = BM25;
    this.norms = this.fieldLengths.map((lengths, f) => {
      const avg = this.avgFieldLength[f]!;
      const norms = new Float64Array(lengths.length);
      for (let doc = 0; doc < lengths.length; doc++) norms[doc] = k * (1 - b + (b * lengths[doc]!) / avg);
      return norms;
    });
    this.lengthsChanged = false;
    return this.norms;
  }

  /**
   * Adds each query term's BM25 over all fields into `total` and counts matched terms in
   * `matched`; returns how many documents it touched, listed in `order` in first-match order.
   * Only documents in `within`, if given. The callers reset `total` and `matched`.
   */
  private accumulate(query: readonly QueryTermSpec[], fieldBoosts: readonly number[], within?: ReadonlySet<number>): number {
    const { total, termScore, matched, stamp, touched, order, allowed } = this;
    // Stamped, not cleared: a document is allowed when it holds this search's mark.
    const allowedMark = within ? ++this.allowedCount & 0x3fffffff : -1;
    if (within) for (const doc of within) allowed[doc] = allowedMark;
    const norms = this.lengthNorms();
    const { k: k1, d } = BM25;
    let matches = 0;
    const n = this.documentCount;
    const retired = this.retired;
    const anyRetired = retired.size > 0;
    for (const { term, boost } of query) {
      const mark = this.searchCount++ & 0x3fffffff;
      let touchedCount = 0;
      for (let f = 0; f < this.fieldCount; f++) {
        const field = this.fields[f]!;
        const slot = field.slot(term);
        if (slot === undefined) continue;
        const segments = field.segments;
        let df = 0;
        for (const seg of segments) if (slot < seg.start.length) df += seg.end[slot]! - seg.start[slot]!;
        df /= 2;
        if (anyRetired) {
          for (const seg of segments)
            if (slot < seg.start.length) for (let i = seg.start[slot]!; i < seg.end[slot]!; i += 2) if (retired.has(seg.data[i]!)) df--;
        }
        // bm25() with its per-term parts computed once: the same operations in the same order, so the same bits.
        const invDocFreq = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        // The same product, in the same order, as MiniSearch: 1 × term boost × field boost × 1 × BM25.
        const weight = 1 * boost * fieldBoosts[f]! * 1;
        const norm = norms[f]!;
        for (const seg of segments) {
          if (slot >= seg.start.length) continue;
          const data: Int32Array<ArrayBufferLike> = seg.data;
          const end = seg.end[slot]!;
          for (let i: number = seg.start[slot]!; i < end; i += 2) {
            const doc: number = data[i]!;
            if ((within && allowed[doc] !== allowedMark) || (anyRetired && retired.has(doc))) continue;
            const termFreq = data[i + 1]!;
            const raw = invDocFreq * (d + (termFreq * (k1 + 1)) / (termFreq + norm[doc]!));
            if (stamp[doc] !== mark) {
              stamp[doc] = mark;
              touched[touchedCount++] = doc;
            }
            termScore[doc]! += weight * raw;
          }
        }
      }
      for (let t = 0; t < touchedCount; t++) {
        const doc = touched[t]!;
        if (matched[doc] === 0) order[matches++] = doc;
        total[doc]! += termScore[doc]!;
        termScore[doc] = 0;
        matched[doc]! += 1;
      }
    }
    return matches;
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
