// Terms numbered by the tokenizer thread, so its replies carry integers instead of strings.
// The main thread then indexes an article by array lookups (see FieldPostings.appendNumbered)
// instead of splitting a reply into strings and hashing each one, which was a quarter of its
// time in a build. Each term's text crosses between the threads once, with its first use.
import { TermMap } from './term-map.ts';

/**
 * Terms the tokenizer thread numbers; later ones are sent as text. A bound on the thread's
 * memory (a few tens of MB at most): common terms come early, so nearly every posting of a
 * big corpus still goes by number.
 */
export const NUMBERED_TERMS_MAX = 1 << 18;

/** Tokenizer thread: numbers terms in the order they are first seen. */
export class TermNumbering {
  private readonly numbers = new TermMap();
  private fresh: string[] = [];

  constructor(readonly capacity = NUMBERED_TERMS_MAX) {}

  /** The term's number, given now if it has none; -1 once the numbers run out. */
  numberOf(term: string): number {
    let n = this.numbers.get(term);
    if (n === undefined) {
      if (this.numbers.size >= this.capacity) return -1;
      n = this.numbers.size;
      this.numbers.set(term, n);
      this.fresh.push(term);
    }
    return n;
  }

  /** Terms numbered since the last call, in number order, from `first`: what the other side must learn. */
  takeFresh(): NewTerms | null {
    if (this.fresh.length === 0) return null;
    const terms = this.fresh.join('\n'); // terms never hold whitespace
    const first = this.numbers.size - this.fresh.length;
    this.fresh = [];
    return { first, terms };
  }
}

export interface NewTerms {
  /** The number of the first term; the others follow in order. */
  first: number;
  /** The terms joined by newlines. */
  terms: string;
}

/** Main thread: the terms by number, learnt from the replies in the order they were sent. */
export class NumberedTerms {
  readonly terms: string[] = [];

  learn(fresh: NewTerms | null): void {
    if (!fresh) return;
    if (fresh.first !== this.terms.length) throw new Error(`term numbers out of step: got ${fresh.first}, expected ${this.terms.length}`);
    for (const term of fresh.terms.split('\n')) this.terms.push(term);
  }

  termOf(n: number): string {
    const term = this.terms[n];
    if (term === undefined) throw new Error(`term number ${n} was never sent`);
    return term;
  }
}
