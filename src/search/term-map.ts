// A map from term to a non-negative integer (a postings slot, a term number) for the index's
// big term tables. Terms of up to four UTF-16 units (every CJK bigram, nearly every Chinese
// word) are kept as integer keys in one open-addressing table, the rest in a Map. A build
// looks up each article's distinct terms, tens of millions in all; in a string-keyed Map of a
// million terms a lookup reads its bucket, its entry and the key string, three cache misses:
// 15 % of the main thread's and 9 % of the tokenizer thread's profiles in a 10,000-article
// build. Here a short term's lookup reads one entry.

/** Terms of up to this many UTF-16 units get integer keys: 99 % of a Chinese text's distinct terms. */
const SHORT_UNITS = 4;

/**
 * A short term as two int32s, its units left-aligned with zero padding (`high` holds units
 * 1–2, `low` units 3–4), or `high` 0 for a term that is longer, empty or holds U+0000
 * (no index term does; a zero unit would make two terms one key). Given in two variables,
 * not an object: it runs for every lookup.
 */
let high = 0;
let low = 0;
function keyOf(term: string): void {
  high = 0;
  low = 0;
  const length = term.length;
  if (length > SHORT_UNITS || length === 0) return;
  const u1 = term.charCodeAt(0);
  const u2 = length > 1 ? term.charCodeAt(1) : 0;
  const u3 = length > 2 ? term.charCodeAt(2) : 0;
  const u4 = length > 3 ? term.charCodeAt(3) : 0;
  if (u1 === 0 || (length > 1 && u2 === 0) || (length > 2 && u3 === 0) || (length > 3 && u4 === 0)) return;
  high = (u1 << 16) | u2;
  low = (u3 << 16) | u4;
}

function termOfKey(keyHigh: number, keyLow: number): string {
  const units = [keyHigh >>> 16, keyHigh & 0xffff, keyLow >>> 16, keyLow & 0xffff];
  const length = units.indexOf(0);
  return String.fromCharCode(...(length < 0 ? units : units.slice(0, length)));
}

const EMPTY = 0;
/** Int32s per entry: high, low, value. */
const ENTRY = 3;
/** The table grows when it is this full: linear probing stays short below it. */
const MAX_LOAD = 0.5;

/** Mixes both halves into every bit (murmur3's finaliser): the table takes the low bits. */
function hashOf(keyHigh: number, keyLow: number): number {
  let h = keyHigh ^ Math.imul(keyLow, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class TermMap {
  /** high, low, value for each entry: a probe reads one or two cache lines. high 0: empty. */
  private entriesOf: Int32Array;
  private mask: number;
  private shortCount = 0;
  private readonly long = new Map<string, number>();

  /** `expected`: about how many terms it will hold, so that it seldom grows. */
  constructor(expected = 512) {
    let capacity = 16;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.entriesOf = new Int32Array(ENTRY * capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.shortCount + this.long.size;
  }

  /** The entry holding the key (high, low), or the empty entry where it would go. */
  private find(keyHigh: number, keyLow: number): number {
    const table = this.entriesOf;
    const mask = this.mask;
    for (let i = hashOf(keyHigh, keyLow) & mask; ; i = (i + 1) & mask) {
      const at = table[ENTRY * i]!;
      if (at === EMPTY || (at === keyHigh && table[ENTRY * i + 1] === keyLow)) return i;
    }
  }

  get(term: string): number | undefined {
    keyOf(term);
    if (high === 0) return this.long.get(term);
    const i = this.find(high, low);
    return this.entriesOf[ENTRY * i] === EMPTY ? undefined : this.entriesOf[ENTRY * i + 2];
  }

  set(term: string, value: number): void {
    keyOf(term);
    if (high === 0) {
      this.long.set(term, value);
      return;
    }
    const keyHigh = high;
    const keyLow = low;
    let i = this.find(keyHigh, keyLow);
    if (this.entriesOf[ENTRY * i] === EMPTY) {
      if (this.shortCount + 1 > MAX_LOAD * (this.mask + 1)) {
        this.grow();
        i = this.find(keyHigh, keyLow);
      }
      this.entriesOf[ENTRY * i] = keyHigh;
      this.entriesOf[ENTRY * i + 1] = keyLow;
      this.shortCount++;
    }
    this.entriesOf[ENTRY * i + 2] = value;
  }

  delete(term: string): boolean {
    keyOf(term);
    if (high === 0) return this.long.delete(term);
    const table = this.entriesOf;
    const mask = this.mask;
    let hole = this.find(high, low);
    if (table[ENTRY * hole] === EMPTY) return false;
    // Backward-shift deletion: later entries of the probe run move into the hole, so no lookup
    // stops early at it, and no tombstones are needed.
    for (let j = (hole + 1) & mask; table[ENTRY * j] !== EMPTY; j = (j + 1) & mask) {
      const home = hashOf(table[ENTRY * j]!, table[ENTRY * j + 1]!) & mask;
      // The entry at j may move to the hole only if its home is not in (hole, j], cyclically.
      const homeBetween = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (homeBetween) continue;
      table.copyWithin(ENTRY * hole, ENTRY * j, ENTRY * j + ENTRY);
      hole = j;
    }
    table[ENTRY * hole] = EMPTY;
    this.shortCount--;
    return true;
  }

  private grow(): void {
    const old = this.entriesOf;
    this.entriesOf = new Int32Array(2 * old.length);
    this.mask = (2 * old.length) / ENTRY - 1;
    for (let i = 0; i < old.length; i += ENTRY) {
      if (old[i] === EMPTY) continue;
      const at = this.find(old[i]!, old[i + 1]!);
      this.entriesOf.set(old.subarray(i, i + ENTRY), ENTRY * at);
    }
  }

  /**
   * Every term and its value: the short terms in table order, then the others in insertion
   * order. Deleting while iterating may skip terms: collect, then delete.
   */
  *entries(): Generator<[string, number]> {
    const table = this.entriesOf;
    for (let i = 0; i < table.length; i += ENTRY) if (table[i] !== EMPTY) yield [termOfKey(table[i]!, table[i + 1]!), table[i + 2]!];
    yield* this.long.entries();
  }

  *keys(): Generator<string> {
    for (const [term] of this.entries()) yield term;
  }
}
