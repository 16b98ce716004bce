// Size and work limits: a file too big is skipped by its size, HTML nested too deep or too
// large is refused before parsing, a very long text is cut with a note, and big files are
// parsed on the parse thread, within the parse time limit.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHtmlShape, DEFAULT_HTML_LIMITS } from '../../src/corpus/html-shape.ts';
import { DEFAULT_READ_OPTIONS, MB, parseArticle } from '../../src/corpus/load.ts';
import { readCorpus } from '../../src/search/read-corpus.ts';
import { PARSE_HERE_MAX_BYTES } from '../../src/search/parse-thread.ts';
import { prepareInOrder } from '../../src/search/worker-pool.ts';
import { SEEDS } from '../helpers.ts';

const SENTENCE = '这是一个很长的文章里重复的句子，用来检查限制。';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-limits-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the HTML shape check', () => {
  it('refuses deep nesting and too many elements, each with the setting to change', () => {
    const nested = '<div>'.repeat(100_000) + '正文' + '</div>'.repeat(100_000);
    expect(() => checkHtmlShape(nested, DEFAULT_HTML_LIMITS)).toThrow(/nested more than 200 elements deep \(CORPUS_MAX_HTML_DEPTH\)/);
    const many = '<span>字</span>'.repeat(60_000);
    expect(() => checkHtmlShape(many, DEFAULT_HTML_LIMITS)).toThrow(/more than 50000 elements \(CORPUS_MAX_HTML_NODES\)/);
  });

  it('accepts the seeds, unclosed paragraphs, void elements and tags inside scripts', async () => {
    for (const file of await readdir(SEEDS)) checkHtmlShape(await readFile(path.join(SEEDS, file), 'utf8'), DEFAULT_HTML_LIMITS);
    const sloppy = '<div>' + '<p>段落<br><img src=x>'.repeat(5_000) + `<script>${'<div>'.repeat(1_000)}</script></div>`;
    expect(() => checkHtmlShape(sloppy, DEFAULT_HTML_LIMITS)).not.toThrow();
    expect(() => checkHtmlShape('<div>'.repeat(201), DEFAULT_HTML_LIMITS)).toThrow(/deep/);
  });

  it('makes the nested file a skipped article, not a 12-second parse', () => {
    const nested = Buffer.from('<div>'.repeat(100_000) + '正文' + '</div>'.repeat(100_000));
    expect(() => parseArticle('nested.html', nested)).toThrow(/CORPUS_MAX_HTML_DEPTH/);
  });
});

describe('a very long article', () => {
  it('keeps the paragraphs within CORPUS_MAX_ARTICLE_CHARS and says it was cut', () => {
    const body = Array.from({ length: 100 }, (_, i) => `第${i}段。${SENTENCE}`).join('\n');
    const a = parseArticle('long.txt', Buffer.from(`长文章\n${body}\n`), { maxChars: 1_000 });
    expect(a.text.length).toBeLessThanOrEqual(1_000);
    expect(a.paragraphs[0]).toBe(`第0段。${SENTENCE}`);
    expect(a.notes).toEqual(['text truncated to its first 1000 characters (CORPUS_MAX_ARTICLE_CHARS)']);
    const oneParagraph = parseArticle('one.txt', Buffer.from(`长文章\n${SENTENCE.repeat(100)}\n`), { maxChars: 500 });
    expect(oneParagraph.text.length).toBe(500);
  });
});

describe('file size and the parse thread', () => {
  it('skips a file over CORPUS_MAX_FILE_MB by its size, without reading it', async () => {
    const sized = await mkdtemp(path.join(dir, 'sized-'));
    await writeFile(path.join(sized, 'ok.txt'), `标题\n${SENTENCE}\n`);
    await writeFile(path.join(sized, 'huge.txt'), Buffer.alloc(3 * MB, 0x41));
    const { articles, skipped } = await readCorpus(sized, { ...DEFAULT_READ_OPTIONS, maxFileBytes: 2 * MB });
    expect(articles.map((a) => a.id)).toEqual(['ok.txt']);
    expect(skipped).toEqual([{ file: 'huge.txt', reason: 'file is 3 MB, over the 2 MB limit (CORPUS_MAX_FILE_MB)' }]);
  });

  it('parses a big file on the parse thread to the same article, and stops one over the time limit', async () => {
    const text = `大文章的标题\n${Array.from({ length: 2_000 }, (_, i) => `第${i}段。${SENTENCE}`).join('\n')}\n`;
    const file = path.join(dir, 'big.txt');
    await writeFile(file, text);
    const size = Buffer.byteLength(text);
    expect(size).toBeGreaterThan(PARSE_HERE_MAX_BYTES);
    const small = path.join(dir, 'small.txt');
    await writeFile(small, `小文章\n${SENTENCE}\n`);
    const files = [
      { id: 'big.txt', path: file, size },
      { id: 'small.txt', path: small, size: 100 },
    ];

    const outcomes = [];
    for await (const outcome of prepareInOrder(files, null)) outcomes.push(outcome);
    expect(outcomes.map((o) => o.id)).toEqual(['big.txt', 'small.txt']);
    const big = outcomes[0]!;
    if (!('prepared' in big)) throw new Error(`big.txt failed: ${big.failed}`);
    const here = parseArticle('big.txt', Buffer.from(text), { now: Date.now() });
    expect(big.prepared.article.paragraphs).toEqual(here.paragraphs);
    expect(big.prepared.article.title).toBe('大文章的标题');

    const late = [];
    for await (const outcome of prepareInOrder(files, null, { ...DEFAULT_READ_OPTIONS, parseTimeoutMs: 1 })) late.push(outcome);
    expect(late[0]).toEqual({ id: 'big.txt', failed: 'took longer than 1 ms to parse (CORPUS_PARSE_TIMEOUT_MS)' });
    expect('prepared' in late[1]!).toBe(true); // small files are parsed here, and the next one is unaffected
  }, 30_000);
});
