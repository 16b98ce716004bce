// What the main thread and the tokenizer thread exchange. Synchronous requests (a query's
// words) go through shared memory: the main thread writes the text, sets REQUEST and waits
// on it with Atomics.wait; the tokenizer thread writes the words, sets DONE and notifies.
// Articles for the index go by message, and come back as counted terms.
import type { FieldTerms } from './inverted-index.ts';
import { countKeys, type FieldWords, type IndexedFields, type SearchKeys } from './prepare.ts';
import { segmentForIndex, segmentHere } from './tokenize.ts';

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
  /** Distinct terms joined by newlines (terms never hold whitespace). */
  terms: string;
  counts: Int32Array;
}

export interface CountedMessage {
  n: number;
  fields: [PackedField, PackedField, PackedField];
}

/** jieba's words only, per field, each list joined by WORD_SEPARATOR: the main thread counts. */
export interface SegmentedMessage {
  n: number;
  words: [string, string, string];
}

/** An article for the tokenizer thread; `wordsOnly`: segment it, and leave the counting. */
export interface ArticleJob {
  n: number;
  keys: SearchKeys;
  wordsOnly: boolean;
}

function packField(field: FieldTerms): PackedField {
  return { terms: field.terms.join('\n'), counts: Int32Array.from(field.counts) };
}

/** Tokenizer thread: one article's fields, counted and packed for a cheap transfer. */
export function countFields(n: number, keys: SearchKeys): { message: CountedMessage; transfer: ArrayBuffer[] } {
  const { title, body, source } = countKeys(keys);
  const fields: CountedMessage['fields'] = [packField(title), packField(body), packField(source)];
  return { message: { n, fields }, transfer: fields.map((f) => f.counts.buffer as ArrayBuffer) };
}

/** Tokenizer thread: the jieba half of one article's tokenising (see countKeys). */
export function segmentFields(n: number, { titleKey, bodyKey, sourceKey }: SearchKeys): SegmentedMessage {
  const words = (key: string | null) => (key ? segmentForIndex(key).join(WORD_SEPARATOR) : '');
  return { n, words: [words(titleKey), words(bodyKey), words(sourceKey)] };
}

/** Main thread: an article's fields from the tokenizer thread's reply, counted here if it sent words. */
export function fieldsFromReply(message: CountedMessage | SegmentedMessage, keys: SearchKeys): IndexedFields {
  if ('words' in message) {
    const [title, body, source] = message.words;
    const words: FieldWords = [splitWords(title), splitWords(body), splitWords(source)];
    return countKeys(keys, words);
  }
  const unpack = (f: PackedField): FieldTerms => ({ terms: f.terms === '' ? [] : f.terms.split('\n'), counts: f.counts });
  const [title, body, source] = message.fields;
  return { title: unpack(title), body: unpack(body), source: unpack(source) };
}
