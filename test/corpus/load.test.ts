// A corpus folder full of broken files: the good articles load, each bad file is reported.
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_READ_OPTIONS, listCorpusFiles, parseArticle } from '../../src/corpus/load.ts';
import { readArticle, readCorpus, type CorpusRead } from '../../src/search/read-corpus.ts';

const GOOD_MD = `
---
title: '好文章'
author: 测试来源
date: 2022-03-04
categories:
 - 测试
---

<div><p>\u3000\u3000第一段正文。</p><p>第二段正文。</p></div>
`;

// "工信部推动制造业数字化转型\n工业和信息化部表示，要加快推动制造业数字化转型，这是一个用GBK编码保存的文件。\n" in GBK.
const GBK_HEX =
  'b9a4d0c5b2bfcdc6b6afd6c6d4ecd2b5cafdd7d6bbafd7aad0cd0ab9a4d2b5bacdd0c5cfa2bbafb2bfb1edcabea3acd2aabcd3bfeccdc6b6afd6c6d4ecd2b5cafdd7d6bbafd7aad0cda3acd5e2cac7d2bbb8f6d3c347424bb1e0c2ebb1a3b4e6b5c4cec4bcfea1a30a';

let root: string;
let result: CorpusRead;
let lockedReadable: boolean;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'corpus-broken-'));
  await writeFile(path.join(root, 'good.md'), GOOD_MD);
  await mkdir(path.join(root, 'nested', 'deeper'), { recursive: true });
  await writeFile(path.join(root, 'nested', 'deeper', 'plain.txt'), '一个标题\n正文第一段。\n正文第二段。\n');
  await writeFile(path.join(root, 'notes.json'), '{"not": "an article"}'); // other extensions are ignored
  await writeFile(path.join(root, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
  await writeFile(path.join(root, 'bad-yaml.md'), "---\ntitle: 'unclosed\nfoo: [1, 2\n---\n正文。\n");
  await writeFile(path.join(root, 'empty.md'), '');
  await writeFile(path.join(root, 'front-matter-only.md'), "---\ntitle: '只有标题'\n---\n\n");
  await writeFile(path.join(root, 'gbk.txt'), Buffer.from(GBK_HEX, 'hex'));
  await writeFile(path.join(root, 'undecodable.txt'), Buffer.from([0x41, 0xff, 0x80, 0x42, 0x0a]));
  await mkdir(path.join(root, 'folder.md'));
  await symlink(path.join(root, 'does-not-exist.md'), path.join(root, 'dangling.md'));
  await writeFile(path.join(root, 'locked.md'), GOOD_MD);
  await chmod(path.join(root, 'locked.md'), 0o000);
  // root can read any file whatever its mode; the expectation follows what this process can do
  lockedReadable = await readFile(path.join(root, 'locked.md')).then(
    () => true,
    () => false,
  );
  result = await readCorpus(root);
});

afterAll(async () => {
  await chmod(path.join(root, 'locked.md'), 0o644);
  await rm(root, { recursive: true, force: true });
});

const reasonOf = (file: string) => result.skipped.find((s) => s.file === file)?.reason;

describe('readCorpus on a folder with broken files', () => {
  it('loads the good files, including nested ones and GBK, sorted by id with / separators', () => {
    const ids = result.articles.map((a) => a.id);
    expect(ids).toEqual(['front-matter-only.md', 'gbk.txt', 'good.md', ...(lockedReadable ? ['locked.md'] : []), 'nested/deeper/plain.txt']);
    expect(result.articles.find((a) => a.id === 'front-matter-only.md')).toMatchObject({ title: '只有标题', paragraphs: [], kinds: [] });
  });

  it('decodes a GBK file into correct text', () => {
    const gbk = result.articles.find((a) => a.id === 'gbk.txt')!;
    expect(gbk.title).toBe('工信部推动制造业数字化转型');
    expect(gbk.paragraphs).toEqual(['工业和信息化部表示，要加快推动制造业数字化转型，这是一个用GBK编码保存的文件。']);
  });

  it('cleans a good article and reads its front matter', () => {
    const good = result.articles.find((a) => a.id === 'good.md')!;
    expect(good.paragraphs).toEqual(['第一段正文。', '第二段正文。']);
    expect(good.source).toBe('测试来源');
    expect(good.date).toMatchObject({ year: 2022, month: 3, day: 4, precision: 'date', iso: '2022-03-04' });
    expect(good.categories).toEqual(['测试']);
  });

  it('reports each bad file with a one-line reason', () => {
    expect(reasonOf('binary.txt')).toMatch(/binary/);
    expect(reasonOf('bad-yaml.md')).toMatch(/^invalid YAML front matter: /);
    expect(reasonOf('empty.md')).toMatch(/no title and no article text/);
    // A title with no body is a headline-only item, not a broken file.
    expect(reasonOf('front-matter-only.md')).toBeUndefined();
    expect(reasonOf('undecodable.txt')).toMatch(/not valid UTF-8/);
    expect(reasonOf('dangling.md')).toMatch(/cannot be read/);
    expect(reasonOf('locked.md')).toBe(lockedReadable ? undefined : expect.stringMatching(/cannot be read/));
    for (const s of result.skipped) expect(s.reason).not.toMatch(/\n/);
    expect(result.skipped.map((s) => s.file)).toEqual([...result.skipped.map((s) => s.file)].sort());
  });

  it('lists a folder named like an article as a folder, and loads the article in it', () => {
    expect(reasonOf('folder.md')).toBeUndefined();
    expect(result.articles.map((a) => a.id)).not.toContain('folder.md');
  });

  it('lists no file twice and ignores other extensions', () => {
    const all = [...result.articles.map((a) => a.id), ...result.skipped.map((s) => s.file)];
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('notes.json');
  });

  it('lists article files with size and mtime for incremental reload', async () => {
    const files = await listCorpusFiles(root);
    const good = files.find((f) => f.id === 'good.md')!;
    expect(good.size).toBe(Buffer.byteLength(GOOD_MD));
    expect(good.mtimeMs).toBeGreaterThan(0);
    expect(files.map((f) => f.id)).toContain('nested/deeper/plain.txt');
    expect(files.map((f) => f.id)).not.toContain('folder.md');
  });

  it('refuses a corpus folder that does not exist', async () => {
    await expect(readCorpus(path.join(root, 'missing'))).rejects.toThrow(/cannot be read/);
  });
});

describe('symbolic links', () => {
  let linked: string;
  let outside: string;
  beforeAll(async () => {
    linked = await mkdtemp(path.join(os.tmpdir(), 'corpus-links-'));
    outside = await mkdtemp(path.join(os.tmpdir(), 'corpus-outside-'));
    await writeFile(path.join(outside, 'secret.txt'), '机密标题\n不应出现的正文。\n');
    await writeFile(path.join(linked, 'own.txt'), '自己的标题\n自己的正文。\n');
    await mkdir(path.join(linked, 'inner'));
    await symlink('/etc/passwd', path.join(linked, 'passwd.txt'));
    await symlink(outside, path.join(linked, 'outdir'));
    await symlink(path.join(outside, 'secret.txt'), path.join(linked, 'secret.md'));
    await symlink(path.join(linked, 'own.txt'), path.join(linked, 'inner', 'alias.txt'));
    await symlink(linked, path.join(linked, 'inner', 'loop'));
    await symlink(path.join(linked, 'inner'), path.join(linked, 'inner-again'));
    await mkdir(path.join(linked, 'real'));
    await writeFile(path.join(linked, 'real', 'deep.txt'), '深处的标题\n深处的正文。\n');
    await symlink(path.join(linked, 'real'), path.join(linked, 'a-link-to-real'));
  });
  afterAll(async () => {
    await rm(linked, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('never lists a file whose real path is outside the folder, and says why', async () => {
    for (const followSymlinks of [false, true]) {
      const { articles, skipped } = await readCorpus(linked, { ...DEFAULT_READ_OPTIONS, followSymlinks });
      const reasons = Object.fromEntries(skipped.map((s) => [s.file, s.reason]));
      expect(reasons['passwd.txt']).toMatch(/outside the corpus folder/);
      expect(reasons['outdir']).toMatch(/outside the corpus folder/);
      expect(reasons['secret.md']).toMatch(/outside the corpus folder/);
      expect(articles.map((a) => a.id)).not.toContain('passwd.txt');
      expect(articles.some((a) => a.text.includes('root:') || a.text.includes('不应出现'))).toBe(false);
    }
  });

  it('skips links inside the folder by default, and follows them (loops once) when asked', async () => {
    const strict = await readCorpus(linked);
    expect(strict.articles.map((a) => a.id)).toEqual(['own.txt', 'real/deep.txt']);
    expect(strict.skipped.find((s) => s.file === 'inner/alias.txt')?.reason).toMatch(/CORPUS_FOLLOW_SYMLINKS=false/);
    const following = await readCorpus(linked, { ...DEFAULT_READ_OPTIONS, followSymlinks: true });
    // Each real folder once, by its real path: no loop, no article twice under a linked name.
    expect(following.articles.map((a) => a.id)).toEqual(['inner/alias.txt', 'own.txt', 'real/deep.txt']);
  });

  it('refuses `show` through a link out of the folder, whatever the id says', async () => {
    await expect(readArticle(linked, 'passwd.txt')).rejects.toThrow(/outside the corpus folder/);
    await expect(readArticle(linked, 'outdir/secret.txt', { ...DEFAULT_READ_OPTIONS, followSymlinks: true })).rejects.toThrow(/outside the corpus folder/);
    await expect(readArticle(linked, 'inner/alias.txt')).rejects.toThrow(/not followed/);
    expect((await readArticle(linked, 'inner/alias.txt', { ...DEFAULT_READ_OPTIONS, followSymlinks: true })).article.title).toBe('自己的标题');
  });
});

describe('readArticle', () => {
  it('loads one article by id', async () => {
    const { article: a } = await readArticle(root, 'nested/deeper/plain.txt');
    expect(a.title).toBe('一个标题');
    expect(a.provenance.title).toBe('body.first-line');
  });

  it('throws a one-line error for a bad or unknown file', async () => {
    await expect(readArticle(root, 'bad-yaml.md')).rejects.toThrow(/^bad-yaml\.md: invalid YAML/);
    await expect(readArticle(root, 'nope.md')).rejects.toThrow(/no article "nope\.md"/);
    await expect(readArticle(root, '../escape.md')).rejects.toThrow(/not inside the corpus folder/);
  });
});

describe('parseArticle', () => {
  it('is pure: same bytes, same article', () => {
    const bytes = Buffer.from(GOOD_MD);
    expect(parseArticle('x.md', bytes)).toEqual(parseArticle('x.md', bytes));
  });

  it('reads a Chinese-date body line when the front matter date is invalid', () => {
    const a = parseArticle('d.md', Buffer.from("---\ntitle: 't'\ndate: Invalid Date\n---\n<p>2021年11月1日，会议召开。</p>"));
    expect(a.date).toMatchObject({ iso: '2021-11-01', precision: 'date' });
    expect(a.provenance.date).toBe('body.date');
  });

  it('decodes entities and drops markdown images in plain text', () => {
    const a = parseArticle('e.txt', Buffer.from('标题行\n价格&#123;1&#125;元 ![图](/x.png)\n'));
    expect(a.paragraphs).toEqual(['价格{1}元']);
  });

  it('drops a paragraph that is only a list of links', () => {
    const a = parseArticle(
      'l.md',
      Buffer.from(
        "---\ntitle: 't'\n---\n<p>正文。</p><ul><li><a href='https://a'>相关一</a></li></ul><p><a href='https://b'>相关二</a> <a href='https://c'>相关三</a></p>",
      ),
    );
    expect(a.paragraphs).toEqual(['正文。']);
  });
});

describe('UTF-16 without a byte-order mark', () => {
  const TEXT = '工信部推动制造业数字化转型\n工业和信息化部表示，2021年要加快推动5G应用。\n';
  const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

  it('is decoded, little- or big-endian, with ASCII in it or all Chinese', () => {
    for (const [name, bytes] of [
      ['mixed LE', Buffer.from(TEXT, 'utf16le')],
      ['mixed BE', utf16be(TEXT)],
      ['all-Chinese LE', Buffer.from('工信部推动制造业数字化转型。工业和信息化部表示要加快推动应用。', 'utf16le')],
    ] as const) {
      const a = parseArticle(`${name}.txt`, bytes);
      expect(a.text, name).toContain('工业和信息化部表示');
    }
    expect(parseArticle('mixed.txt', utf16be(TEXT)).paragraphs).toEqual(['工业和信息化部表示，2021年要加快推动5G应用。']);
  });

  it('does not turn binary data into text', () => {
    expect(() => parseArticle('p.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0xff, 0x00]))).toThrow(/binary/);
  });
});

describe('implausible dates', () => {
  const NOW = Date.UTC(2026, 10, 30);
  const withDate = (date: string) => parseArticle('d.md', Buffer.from(`---\ntitle: 't'\ndate: ${date}\n---\n\n正文一段。\n`), { now: NOW });

  it('before 1970 or more than a day after the load time are unknown, with a note', () => {
    for (const date of ['1900-01-01', '9999-12-31', '2026-12-05']) {
      const a = withDate(date);
      expect(a.date, date).toBeNull();
      expect(a.provenance.date).toBeNull();
      expect(a.notes).toEqual([`implausible date ${date} treated as unknown`]);
    }
  });

  it('keeps dates from 1970 up to the next day, with no note', () => {
    for (const date of ['1970-01-01', '2021-11-01', '2026-11-30']) {
      const a = withDate(date);
      expect(a.date?.iso, date).toBe(date);
      expect(a.notes).toBeUndefined();
    }
  });
});
