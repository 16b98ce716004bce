// The index on disk, so a restart with an unchanged corpus skips parsing and tokenising.
// Layout: magic, header length (u32 LE), header JSON, then the sections it lists. The header
// holds the format (with the tokenizer version), the corpus fingerprint and the SHA-256 of
// everything after it: a snapshot that is corrupt, truncated or of another format is
// reported and never used. Written to a temporary file and renamed, so it is whole or absent.
import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { FieldPostings, InvertedIndex } from './inverted-index.ts';
import type { EngineState, Record } from './engine.ts';
import { TOKENIZER_VERSION } from './tokenize.ts';

const MAGIC = Buffer.from('ZHNEWSIX');
/** Bump when the layout or anything stored changes meaning. */
export const SNAPSHOT_FORMAT = `snapshot-1/tokenizer-${TOKENIZER_VERSION}`;
const RECORDS_PER_LINE = 200;
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
  sections: { name: string; bytes: number }[];
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

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A record as stored: the article without its `text`, which is its paragraphs joined. */
function storedRecord(r: Record): unknown {
  const { text: _text, ...article } = r.article;
  return { ...r, article, fields: null };
}

function restoredRecord(stored: Record): Record {
  return { ...stored, article: { ...stored.article, text: stored.article.paragraphs.join('\n') } };
}

const int32Bytes = (a: Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Writes the snapshot; long steps pause so searches are answered meanwhile. */
export async function saveSnapshot(dir: string, fingerprint: string, engine: EngineState, corpus: CorpusState): Promise<number> {
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
  const sections: { name: string; data: Buffer[] }[] = [{ name: 'meta', data: [Buffer.from(JSON.stringify(meta))] }];
  const recordLines: Buffer[] = [];
  for (let i = 0; i < engine.records.length; i += RECORDS_PER_LINE) {
    recordLines.push(Buffer.from(JSON.stringify(engine.records.slice(i, i + RECORDS_PER_LINE).map(storedRecord)) + '\n'));
    if (i % (RECORDS_PER_LINE * 10) === 0) await turn();
  }
  sections.push({ name: 'records', data: recordLines });
  index.fieldLengths.forEach((lengths, f) => sections.push({ name: `lengths-${f}`, data: [int32Bytes(lengths)] }));
  for (let f = 0; f < index.fields.length; f++) {
    const packed = index.fields[f]!.exportPacked();
    await turn();
    sections.push({ name: `terms-${f}`, data: [Buffer.from(packed.terms.join('\n'))] });
    sections.push({ name: `term-lengths-${f}`, data: [int32Bytes(packed.lengths)] });
    sections.push({ name: `postings-${f}`, data: [int32Bytes(packed.data)] });
  }
  const hash = createHash('sha256');
  for (const s of sections) for (const chunk of s.data) hash.update(chunk);
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    fingerprint,
    sha256: hash.digest('hex'),
    sections: sections.map((s) => ({ name: s.name, bytes: s.data.reduce((n, b) => n + b.length, 0) })),
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);

  const target = path.join(dir, SNAPSHOT_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  let written = 0;
  try {
    for (const chunk of [MAGIC, length, headerBytes, ...sections.flatMap((s) => s.data)]) {
      await handle.write(chunk);
      written += chunk.length;
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, target);
  return written;
}

export interface LoadedSnapshot {
  fingerprint: string;
  engine: EngineState;
  corpus: CorpusState;
}

/** Reads and checks a snapshot; null when there is none; SnapshotError when it cannot be trusted. */
export async function loadSnapshot(dir: string): Promise<LoadedSnapshot | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, SNAPSHOT_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SnapshotError(`cannot read the snapshot: ${(error as Error).message}`);
  }
  if (bytes.length < 12 || !bytes.subarray(0, 8).equals(MAGIC)) throw new SnapshotError('not a snapshot file');
  const headerLength = bytes.readUInt32LE(8);
  if (12 + headerLength > bytes.length) throw new SnapshotError('snapshot truncated in its header');
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8')) as Header;
  } catch {
    throw new SnapshotError('snapshot header is not valid JSON');
  }
  if (header.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`snapshot format ${header.format}, expected ${SNAPSHOT_FORMAT}`);
  const payload = bytes.subarray(12 + headerLength);
  const expectedBytes = header.sections.reduce((n, s) => n + s.bytes, 0);
  if (payload.length !== expectedBytes) throw new SnapshotError(`snapshot has ${payload.length} payload bytes, expected ${expectedBytes}`);
  if (createHash('sha256').update(payload).digest('hex') !== header.sha256) throw new SnapshotError('snapshot checksum does not match');

  const section = new Map<string, Buffer>();
  let at = 0;
  for (const s of header.sections) {
    section.set(s.name, payload.subarray(at, at + s.bytes));
    at += s.bytes;
  }
  const get = (name: string) => {
    const b = section.get(name);
    if (!b) throw new SnapshotError(`snapshot lacks section ${name}`);
    return b;
  };
  // Copies into aligned memory: a Buffer's offset in the file need not be a multiple of 4.
  const int32 = (name: string) => {
    const b = get(name);
    const out = new Int32Array(b.length / 4);
    Buffer.from(out.buffer).set(b);
    return out;
  };
  const meta = JSON.parse(get('meta').toString('utf8')) as Meta;
  const records: Record[] = [];
  for (const line of get('records').toString('utf8').split('\n')) {
    if (line) for (const r of JSON.parse(line) as Record[]) records.push(restoredRecord(r));
  }
  const fieldLengths: Int32Array[] = [];
  const fields: FieldPostings[] = [];
  for (let f = 0; f < meta.fieldCount; f++) {
    fieldLengths.push(int32(`lengths-${f}`));
    const termsText = get(`terms-${f}`).toString('utf8');
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
