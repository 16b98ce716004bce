// Snapshots: a restart with an unchanged corpus reads no article; a snapshot that is
// corrupt or truncated is detected and rebuilt; a stale one only re-reads what changed.
import { execFileSync } from 'node:child_process';
import { constants, openSync, closeSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, snapshotFolder } from '../../src/library.ts';
import { DEFAULT_READ_OPTIONS } from '../../src/corpus/load.ts';
import { SNAPSHOT_FILE, checkSnapshotFolder, loadSnapshot, SnapshotError } from '../../src/search/snapshot.ts';
import { testLogger, type LogLine } from '../helpers.ts';
import { QUERIES, answers, tempCorpus, type TempCorpus } from './helpers.ts';

let corpus: TempCorpus;
let expected: unknown[];

const loaded = (lines: LogLine[]) => lines.find((l) => l.msg === 'corpus loaded')!;
const snapshotFolderOf = () => snapshotFolder({ corpusDir: corpus.corpusDir, snapshotDir: corpus.snapshotDir })!;
const snapshotFile = () => path.join(snapshotFolderOf(), SNAPSHOT_FILE);

async function reopen() {
  const { logger, lines } = testLogger();
  const library = await openLibrary({ corpusDir: corpus.corpusDir, snapshotDir: corpus.snapshotDir, logger, tokenizerThread: false });
  await library.settled(); // the snapshot is written after the index goes live
  return { library, lines };
}

beforeAll(async () => {
  corpus = await tempCorpus(40);
  const { library, lines } = await reopen();
  expect(loaded(lines).added).toBe(40);
  expect(lines.some((l) => l.msg === 'index snapshot saved')).toBe(true);
  expected = answers(library, QUERIES);
});

afterAll(() => corpus.remove());

describe('index snapshot', () => {
  it('restores the same index without reading any article', async () => {
    const { library, lines } = await reopen();
    expect(loaded(lines)).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(library.stats().articles).toBe(40);
    expect(answers(library, QUERIES)).toEqual(expected);
    // Nothing changed, so nothing is written again.
    expect(lines.some((l) => l.msg === 'index snapshot saved')).toBe(false);
  });

  it.each([
    [
      'flipped bytes in the middle',
      async (file: string) => {
        const handle = await open(file, 'r+');
        const size = (await handle.stat()).size;
        const at = Math.floor(size / 2);
        const bytes = Buffer.alloc(16);
        await handle.read(bytes, 0, 16, at);
        for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! ^ 0xff;
        await handle.write(bytes, 0, 16, at);
        await handle.close();
      },
    ],
    ['a truncated file', async (file: string) => truncate(file, Math.floor((await stat(file)).size * 0.7))],
    [
      'a damaged header',
      async (file: string) => {
        const bytes = await readFile(file);
        bytes[bytes.length - 20] = 0x7b; // a stray `{` in the trailing header JSON
        await writeFile(file, bytes);
      },
    ],
  ])('detects %s, rebuilds, and saves a good snapshot again', async (_name, damage) => {
    await damage(snapshotFile());
    await expect(loadSnapshot(snapshotFolderOf())).rejects.toBeInstanceOf(SnapshotError);
    const { library, lines } = await reopen();
    expect(lines.some((l) => l.msg.includes('snapshot not used'))).toBe(true);
    expect(loaded(lines).added).toBe(40);
    expect(answers(library, QUERIES)).toEqual(expected);
    expect(lines.some((l) => l.msg === 'index snapshot saved')).toBe(true);
    expect(await loadSnapshot(snapshotFolderOf())).not.toBeNull();
  });

  it('re-reads only the changed file when the snapshot is stale, and then saves it', async () => {
    const id = corpus.names[3]!;
    const file = path.join(corpus.corpusDir, id);
    await writeFile(file, `独角兽考拉快讯\n\n作者: 测试社 2022-02-02 10:00:00\n独角兽考拉今天在成都发布了新的量子望远镜。\n`);
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const { library, lines } = await reopen();
    expect(loaded(lines)).toMatchObject({ added: 0, changed: 1, removed: 0 });
    expect(library.search('量子望远镜').hits[0]?.id).toBe(id);
    expect(lines.some((l) => l.msg === 'index snapshot saved')).toBe(true);
    // The new snapshot is current: the next start reads nothing.
    const again = await reopen();
    expect(loaded(again.lines)).toMatchObject({ added: 0, changed: 0 });
    expect(again.library.search('量子望远镜').hits[0]?.id).toBe(id);
  });

  it('answers as soon as the index is live, writes the snapshot after, and starts a reload only once it is written', async () => {
    await rm(snapshotFolderOf(), { recursive: true, force: true });
    const { logger, lines } = testLogger();
    const library = await openLibrary({ corpusDir: corpus.corpusDir, snapshotDir: corpus.snapshotDir, logger, tokenizerThread: false });
    expect(library.stats().articles).toBe(40);
    expect(library.search('量子望远镜').hits[0]?.id).toBe(corpus.names[3]);
    expect(lines.some((l) => l.msg === 'index snapshot saved')).toBe(false);
    const report = await library.reload();
    expect(report.coalesced).toBe(false);
    const order = lines.map((l) => l.msg).filter((msg) => msg === 'corpus loaded' || msg === 'index snapshot saved');
    expect(order).toEqual(['corpus loaded', 'index snapshot saved', 'corpus loaded']);
    await library.settled();
    expect(await loadSnapshot(snapshotFolderOf())).not.toBeNull();
  });
});

/** A FIFO where a file is expected: opening it for writing blocks, as on a stuck disk. */
function stuckFile(file: string): () => void {
  execFileSync('mkfifo', [file]);
  // Opening the other end (without blocking) releases the stuck writer, so no thread is left behind.
  return () => {
    const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    setTimeout(() => closeSync(fd), 100);
  };
}

describe('a snapshot folder that cannot be written, or hangs', () => {
  it('SNAPSHOT_DIR under /proc is refused at start-up at once, with a warning, and the library works', async () => {
    expect(await checkSnapshotFolder('/proc/x/y', 2_000)).toMatch(/ENOENT/);
    const { logger, lines } = testLogger();
    const started = performance.now();
    const library = await openLibrary({ corpusDir: corpus.corpusDir, snapshotDir: '/proc/x', logger, tokenizerThread: false });
    expect(lines.find((l) => l.msg.startsWith('SNAPSHOT_DIR cannot be written'))).toMatchObject({ level: 40, dir: '/proc/x' });
    expect((await library.reload()).coalesced).toBe(false);
    await library.settled();
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(library.search('量子望远镜').hits[0]?.id).toBe(corpus.names[3]);
  });

  it('a first write that hangs fails the start-up check after its deadline', async () => {
    const dir = path.join(corpus.snapshotDir, 'stuck-check');
    await mkdir(dir, { recursive: true });
    const release = stuckFile(path.join(dir, 'write-check.tmp'));
    expect(await checkSnapshotFolder(dir, 300)).toMatch(/did not finish within 300 ms/);
    release();
  });

  it('a snapshot write that hangs is abandoned with a warning; reload and settled() do not wait for it', async () => {
    const snapshotDir = path.join(corpus.snapshotDir, 'stuck-write');
    const folder = snapshotFolder({ corpusDir: corpus.corpusDir, snapshotDir })!;
    await mkdir(folder, { recursive: true });
    const release = stuckFile(path.join(folder, `${SNAPSHOT_FILE}.${process.pid}.tmp`));
    const { logger, lines } = testLogger();
    const library = await openLibrary({ corpusDir: corpus.corpusDir, snapshotDir, snapshotTimeoutMs: 300, logger, tokenizerThread: false });
    await library.settled();
    expect(lines.find((l) => l.msg.startsWith('index snapshot abandoned'))).toMatchObject({ level: 40, timeoutMs: 300 });
    const report = await library.reload();
    expect(report.coalesced).toBe(false);
    await library.settled();
    expect(library.search('量子望远镜').hits[0]?.id).toBe(corpus.names[3]);
    release();
  });
});

describe('a snapshot and symbolic links', () => {
  it('a link indexed while links were followed is not served from the snapshot once they are not', async () => {
    const corpusDir = path.join(corpus.root, 'linked-corpus');
    const snapshotDir = path.join(corpus.root, 'linked-snapshots');
    await mkdir(corpusDir, { recursive: true });
    await writeFile(path.join(corpusDir, 'own.txt'), '自己的标题\n只属于这个文件夹的正文，关于量子纠缠的实验。\n');
    await symlink(path.join(corpusDir, 'own.txt'), path.join(corpusDir, 'alias.txt'));
    const following = await openLibrary({ corpusDir, snapshotDir, read: { ...DEFAULT_READ_OPTIONS, followSymlinks: true }, tokenizerThread: false });
    await following.settled();
    expect(following.search('量子纠缠').hits.map((h) => h.id)).toEqual(['alias.txt', 'own.txt']);

    const { logger, lines } = testLogger();
    const strict = await openLibrary({ corpusDir, snapshotDir, logger, tokenizerThread: false });
    expect(lines.some((l) => l.msg === 'index snapshot loaded')).toBe(true);
    expect(strict.search('量子纠缠').hits.map((h) => h.id)).toEqual(['own.txt']);
    expect(strict.stats().skipped).toEqual([{ file: 'alias.txt', reason: expect.stringMatching(/CORPUS_FOLLOW_SYMLINKS=false/) as string }]);
  });
});
