// What the main thread and the tokenizer thread exchange. Synchronous requests (a query's
// words) go through shared memory: the main thread writes the text, sets REQUEST and waits
// on it with Atomics.wait; the tokenizer thread writes the words, sets DONE and notifies.
// Articles for the index go by message, and come back as counted terms.
import type { FieldTerms } from './inverted-index.ts';
import { countKeys, type FieldWordLengths, type IndexedFields, type SearchKeys } from './prepare.ts';
import type { NewTerms, NumberedTerms, TermNumbering } from './term-numbers.ts';
import { segmentHere, wordLengthsForIndex } from './tokenize.ts';

export const IDLE = 0;
export const REQUEST = 1;
export const DONE = 2;
export const FAILED = 3;
/** UTF-16 units the shared text buffer holds, each way; a longer text is segmented on the main thread. */
export const TEXT_CAPACITY = 1 << 20;
/** Joins the words of a reply; never inside a word (words come from Han runs and newlines). */
const WORD_SEPARATOR = '\u0001';

export function writeText(data: Uint16Array, value: string): void {
  for (let i = 0; i < value.length; i++) data[i] = value.charCodeAt(i);
}

export function readText(data: Uint16Array, length: number): string {
  // A copy: TextDecoder does not read shared memory.
  return new TextDecoder('utf-16le').decode(data.slice(0, length));
}

/** Tokenizer thread: answers the pending request, if any. */
export function serveRequest(ctrl: Int32Array, data: Uint16Array): void {
  if (Atomics.load(ctrl, 0) !== REQUEST) return;
  try {
    const words = segmentHere(readText(data, ctrl[1]!)).join(WORD_SEPARATOR);
    if (words.length > TEXT_CAPACITY) throw new Error('reply too long');
    writeText(data, words);
    ctrl[1] = words.length;
    Atomics.store(ctrl, 0, DONE);
  } catch {
    Atomics.store(ctrl, 0, FAILED);
  }
  Atomics.notify(ctrl, 0);
}

export function splitWords(joined: string): string[] {
  return joined === '' ? [] : joined.split(WORD_SEPARATOR);
}

interface PackedField {
  /** Each distinct term's number (see term-numbers.ts), or -1 for one sent as text. */
  numbers: Int32Array;
  counts: Int32Array;
  /** The terms numbered -1, in order, joined by newlines (terms never hold whitespace). */
  unnumbered: string;
}

export interface CountedMessage {
  n: number;
  /** Terms numbered while counting this article: the main thread learns them before reading the fields. */
  fresh: NewTerms | null;
  fields: [PackedField, PackedField, PackedField];
}

/** The lengths of jieba's words only, per field: the main thread counts. */
export interface SegmentedMessage {
  n: number;
  wordLengths: FieldWordLengths;
}

/** An article for the tokenizer thread; `wordsOnly`: segment it, and leave the counting. */
export interface ArticleJob {
  n: number;
  keys: SearchKeys;
  wordsOnly: boolean;
}

function packField(field: FieldTerms, numbering: TermNumbering): PackedField {
  const numbers = new Int32Array(field.terms.length);
  const unnumbered: string[] = [];
  field.terms.forEach((term, i) => {
    numbers[i] = numbering.numberOf(term);
    if (numbers[i] < 0) unnumbered.push(term);
  });
  return { numbers, counts: Int32Array.from(field.counts), unnumbered: unnumbered.join('\n') };
}

/** Tokenizer thread: one article's fields, counted, numbered and packed for a cheap transfer. */
export function countFields(n: number, keys: SearchKeys, numbering: TermNumbering): { message: CountedMessage; transfer: ArrayBuffer[] } {
  const { title, body, source } = countKeys(keys);
  const fields: CountedMessage['fields'] = [packField(title, numbering), packField(body, numbering), packField(source, numbering)];
  const transfer = fields.flatMap((f) => [f.numbers.buffer as ArrayBuffer, f.counts.buffer as ArrayBuffer]);
  return { message: { n, fresh: numbering.takeFresh(), fields }, transfer };
}

/** Tokenizer thread: the jieba half of one article's tokenising (see countKeys). */
export function segmentFields(n: number, { titleKey, bodyKey, sourceKey }: SearchKeys): { message: SegmentedMessage; transfer: ArrayBuffer[] } {
  const lengths = (key: string | null) => (key ? wordLengthsForIndex(key) : new Int32Array(0));
  const wordLengths: SegmentedMessage['wordLengths'] = [lengths(titleKey), lengths(bodyKey), lengths(sourceKey)];
  return { message: { n, wordLengths }, transfer: wordLengths.map((l) => l.buffer as ArrayBuffer) };
}

/**
 * Main thread: learns the reply's new terms now (replies must come here in the order they
 * were sent), and gives how to read the article's fields later. Read just before the article
 * is indexed, what reading makes dies young instead of waiting in the queue long enough to be
 * promoted: that was most of what the collector copied in a build.
 */
export function readReply(message: CountedMessage | SegmentedMessage, table: NumberedTerms): (keys: SearchKeys) => IndexedFields {
  if ('wordLengths' in message) return (keys) => countKeys(keys, message.wordLengths);
  table.learn(message.fresh);
  const unpack = ({ numbers, counts, unnumbered }: PackedField): FieldTerms => {
    const spelled = unnumbered === '' ? [] : unnumbered.split('\n');
    let next = 0;
    // A loop, not Array.from: that iterates the typed array, an object per term.
    const terms = new Array<string>(numbers.length);
    for (let i = 0; i < numbers.length; i++) terms[i] = numbers[i]! < 0 ? spelled[next++]! : table.termOf(numbers[i]!);
    return { terms, counts, numbered: { numbers, table } };
  };
  const [title, body, source] = message.fields;
  return () => ({ title: unpack(title), body: unpack(body), source: unpack(source) });
}
