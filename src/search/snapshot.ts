// The index on disk, so a restart with an unchanged corpus skips parsing and tokenising.
// Layout: magic, the sections (each 4-byte aligned, so integer arrays are read straight
// into place), then a header in JSON and its length (u32 LE) at the very end. The header
// holds the format (with the tokenizer version), the corpus fingerprint, where each section
// is, and the SHA-256 of the sections: a snapshot that is corrupt, truncated or of another
// format is reported and never used. It is written section by section (searches go on
// meanwhile) to a temporary file that is renamed into place, so it is whole or absent.
import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { FieldPostings, InvertedIndex } from './inverted-index.ts';
import { withLazyText, type EngineState, type IndexedRecord } from './engine.ts';
import { TOKENIZER_VERSION } from './tokenize.ts';
import { nextTurn } from './turns.ts';

const MAGIC = Buffer.from('ZHNEWSIX');
/** Bump when the layout or anything stored changes meaning. */
export const SNAPSHOT_FORMAT = `snapshot-2/tokenizer-${TOKENIZER_VERSION}`;
const RECORDS_PER_LINE = 200;
const INT32_SECTION = /^(lengths|term-lengths|postings)-\d+$/;
export const SNAPSHOT_FILE = 'index.snapshot';

export interface FileState {
  size: number;
  mtimeMs: number;
}

export interface SkippedState {
  file: string;
  reason: string;
}

/** What the library saves besides the engine: how each file looked, and which ones failed. */
export interface CorpusState {
  files: Map<string, FileState>;
  skipped: SkippedState[];
}

interface Header {
  format: string;
  fingerprint: string;
  sha256: string;
  sections: SectionInfo[];
}

interface Meta {
  documentCount: number;
  avgFieldLength: number[];
  nextSeq: number;
  live: [string, number][];
  files: [string, FileState][];
  skipped: SkippedState[];
  fieldCount: number;
}

/** The corpus as the snapshot knows it: ids, sizes and mtimes, and the format. */
export function corpusFingerprint(files: ReadonlyMap<string, FileState>): string {
  const hash = createHash('sha256').update(SNAPSHOT_FORMAT);
  for (const id of [...files.keys()].sort()) {
    const f = files.get(id)!;
    hash.update(`\n${id}\t${f.size}\t${f.mtimeMs}`);
  }
  return hash.digest('hex');
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** A record as stored: the article without its `text`, which is its paragraphs joined. */
function storedRecord(r: IndexedRecord): unknown {
  const { text: _text, ...article } = r.article;
  return { ...r, article, fields: null };
}

function restoredRecord(stored: IndexedRecord): IndexedRecord {
  return { ...stored, article: withLazyText(stored.article) };
}

/** Bytes per write: small enough that hashing one chunk never holds searches up for long. */
const CHUNK = 4 << 20;

function int32Chunks(a: Int32Array<ArrayBufferLike>): Buffer[] {
  const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) out.push(bytes.subarray(at, at + CHUNK));
  return out;
}

interface SectionInfo {
  name: string;
  offset: number;
  bytes: number;
}

/** Appends sections to the file, hashing as it goes. */
class SectionWriter {
  readonly sections: SectionInfo[] = [];
  readonly hash: Hash = createHash('sha256');
  position = MAGIC.length;

  constructor(
    private readonly handle: FileHandle,
    private readonly signal?: AbortSignal,
  ) {}

  async write(name: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<void> {
    const offset = this.position;
    for await (const chunk of chunks) {
      this.signal?.throwIfAborted(); // abandoned: the index may be changing under us, stop reading it
      this.hash.update(chunk);
      await this.handle.write(chunk, 0, chunk.length, this.position);
      this.position += chunk.length;
    }
    this.sections.push({ name, offset, bytes: this.position - offset });
    const pad = (4 - (this.position % 4)) % 4;
    if (pad) {
      await this.handle.write(Buffer.alloc(pad), 0, pad, this.position);
      this.position += pad;
    }
  }
}

async function* recordLines(records: IndexedRecord[]): AsyncGenerator<Buffer> {
  for (let i = 0; i < records.length; i += RECORDS_PER_LINE) {
    yield Buffer.from(JSON.stringify(records.slice(i, i + RECORDS_PER_LINE).map(storedRecord)) + '\n');
    await nextTurn();
  }
}

/** A temp file this old was left by a process stopped mid-write (another may be writing a fresh one). */
const ABANDONED_AFTER_MS = 10 * 60_000;

async function removeAbandonedTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.startsWith(`${SNAPSHOT_FILE}.`) || !name.endsWith('.tmp')) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && Date.now() - info.mtimeMs > ABANDONED_AFTER_MS) await rm(file, { force: true });
  }
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's recursive mkdir never
 * returns under /proc (it spins on one core), so SNAPSHOT_DIR=/proc/x would hang for good.
 */
export async function makeFolder(dir: string): Promise<void> {
  const absolute = path.resolve(dir);
  const parent = path.dirname(absolute);
  try {
    await mkdir(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await stat(absolute)).isDirectory()) return;
      throw new Error(`${absolute} exists and is not a folder`, { cause: error });
    }
    if (code !== 'ENOENT' || parent === absolute) throw error;
    await makeFolder(parent);
    await mkdir(absolute).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

/** The file the start-up check writes and removes. */
const WRITE_CHECK_FILE = 'write-check.tmp';

/**
 * Whether a snapshot can be written to `dir`: creates it and writes a small file there,
 * within `deadlineMs`. Resolves with null, or why not (one line). A write that hangs is
 * left behind, not waited for.
 */
export async function checkSnapshotFolder(dir: string, deadlineMs: number): Promise<string | null> {
  const check = (async () => {
    await makeFolder(dir);
    const file = path.join(dir, WRITE_CHECK_FILE);
    const handle = await open(file, 'w');
    try {
      await handle.write(MAGIC);
    } finally {
      await handle.close();
    }
    await rm(file, { force: true });
    return null;
  })().catch((error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!);
  const outcome = await withinDeadline(check, deadlineMs);
  return outcome === LATE ? `writing there did not finish within ${deadlineMs} ms` : outcome.value;
}

export const LATE = Symbol('late');

/** The promise's value, or LATE once `ms` have passed; a late promise is left to itself. */
export async function withinDeadline<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Writes the snapshot; returns its size in bytes. Once `signal` aborts it stops and leaves no file. */
export async function saveSnapshot(dir: string, fingerprint: string, engine: EngineState, corpus: CorpusState, signal?: AbortSignal): Promise<number> {
  const index = engine.index.exportState();
  const meta: Meta = {
    documentCount: index.documentCount,
    avgFieldLength: index.avgFieldLength,
    nextSeq: engine.nextSeq,
    live: [...engine.live],
    files: [...corpus.files],
    skipped: corpus.skipped,
    fieldCount: index.fields.length,
  };
  const target = path.join(dir, SNAPSHOT_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  await removeAbandonedTempFiles(dir);
  const handle = await open(temp, 'w');
  try {
    await handle.write(MAGIC, 0, MAGIC.length, 0);
    const out = new SectionWriter(handle, signal);
    await out.write('meta', [Buffer.from(JSON.stringify(meta))]);
    await out.write('records', recordLines(engine.records));
    for (let f = 0; f < index.fields.length; f++) {
      await out.write(`lengths-${f}`, int32Chunks(index.fieldLengths[f]!));
      const packed = index.fields[f]!.exportPacked();
      await out.write(`terms-${f}`, [Buffer.from(packed.terms.join('\n'))]);
      await out.write(`term-lengths-${f}`, int32Chunks(packed.lengths));
      await out.write(
        `postings-${f}`,
        (function* () {
          for (const chunk of packed.chunks()) yield* int32Chunks(chunk);
        })(),
      );
    }
    const header: Header = { format: SNAPSHOT_FORMAT, fingerprint, sha256: out.hash.digest('hex'), sections: out.sections };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(headerBytes.length);
    await handle.write(headerBytes, 0, headerBytes.length, out.position);
    await handle.write(length, 0, 4, out.position + headerBytes.length);
    await handle.sync();
    await handle.close();
    signal?.throwIfAborted();
    await rename(temp, target);
    return out.position + headerBytes.length + 4;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

async function readExactly(handle: FileHandle, into: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new SnapshotError('snapshot is shorter than its header says');
    done += bytesRead;
  }
}

export interface LoadedSnapshot {
  fingerprint: string;
  engine: EngineState;
  corpus: CorpusState;
}

/** Reads and checks a snapshot; null when there is none; SnapshotError when it cannot be trusted. */
export async function loadSnapshot(dir: string): Promise<LoadedSnapshot | null> {
  let handle: FileHandle;
  try {
    handle = await open(path.join(dir, SNAPSHOT_FILE), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SnapshotError(`cannot read the snapshot: ${(error as Error).message}`);
  }
  try {
    return await readSnapshot(handle);
  } finally {
    await handle.close();
  }
}

async function readSnapshot(handle: FileHandle): Promise<LoadedSnapshot> {
  const size = (await handle.stat()).size;
  if (size < MAGIC.length + 4) throw new SnapshotError('not a snapshot file (too short)');
  const magic = Buffer.alloc(MAGIC.length);
  await readExactly(handle, magic, 0);
  if (!magic.equals(MAGIC)) throw new SnapshotError('not a snapshot file');
  const lengthBytes = Buffer.alloc(4);
  await readExactly(handle, lengthBytes, size - 4);
  const headerLength = lengthBytes.readUInt32LE(0);
  if (headerLength > size - MAGIC.length - 4) throw new SnapshotError('snapshot truncated or damaged (header length)');
  const headerBytes = Buffer.alloc(headerLength);
  await readExactly(handle, headerBytes, size - 4 - headerLength);
  let header: Header;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as Header;
  } catch {
    throw new SnapshotError('snapshot truncated or damaged (header is not JSON)');
  }
  if (header.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`snapshot format ${header.format}, expected ${SNAPSHOT_FORMAT}`);
  const payloadEnd = size - 4 - headerLength;
  const hash = createHash('sha256');
  const raw = new Map<string, Uint8Array>();
  for (const s of header.sections) {
    if (s.offset < MAGIC.length || s.offset + s.bytes > payloadEnd) throw new SnapshotError(`snapshot section ${s.name} lies outside the file`);
    // Integer sections are read straight into an Int32Array's memory: no copy, aligned.
    const into = INT32_SECTION.test(s.name) && s.bytes % 4 === 0 ? new Uint8Array(new Int32Array(s.bytes / 4).buffer) : new Uint8Array(s.bytes);
    await readExactly(handle, into, s.offset);
    hash.update(into);
    raw.set(s.name, into);
  }
  if (hash.digest('hex') !== header.sha256) throw new SnapshotError('snapshot checksum does not match');

  const get = (name: string) => {
    const b = raw.get(name);
    if (!b) throw new SnapshotError(`snapshot lacks section ${name}`);
    return b;
  };
  const text = (name: string) => Buffer.from(get(name).buffer, get(name).byteOffset, get(name).byteLength).toString('utf8');
  const int32 = (name: string) => {
    const b = get(name);
    if (b.byteOffset !== 0 || b.byteLength % 4 !== 0) throw new SnapshotError(`snapshot section ${name} is not whole integers`);
    return new Int32Array(b.buffer, 0, b.byteLength / 4);
  };
  const meta = JSON.parse(text('meta')) as Meta;
  const records: IndexedRecord[] = [];
  for (const line of text('records').split('\n')) {
    if (line) for (const r of JSON.parse(line) as IndexedRecord[]) records.push(restoredRecord(r));
  }
  const fieldLengths: Int32Array[] = [];
  const fields: FieldPostings[] = [];
  for (let f = 0; f < meta.fieldCount; f++) {
    fieldLengths.push(int32(`lengths-${f}`));
    const termsText = text(`terms-${f}`);
    const terms = termsText ? termsText.split('\n') : [];
    fields.push(FieldPostings.fromPacked(terms, int32(`term-lengths-${f}`), int32(`postings-${f}`)));
  }
  const index = new InvertedIndex(meta.fieldCount, {
    documentCount: meta.documentCount,
    avgFieldLength: meta.avgFieldLength,
    fieldLengths,
    fields,
    docs: records.map((r) => r.seq),
  });
  return {
    fingerprint: header.fingerprint,
    engine: { index, records, live: new Map(meta.live), nextSeq: meta.nextSeq },
    corpus: { files: new Map(meta.files), skipped: meta.skipped },
  };
}
