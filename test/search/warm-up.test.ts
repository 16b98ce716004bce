// The warm-up searches (src/search/warm-up.ts): made from the corpus itself, in every shape and
// with every option people use, run once per process after the first load.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { openLibrary, type CorpusLibrary } from '../../src/library.ts';
import { UserInputError } from '../../src/search/types.ts';
import { WARM_UP_ARTICLES, warmUpQueries } from '../../src/search/warm-up.ts';
import { REPO, SEEDS, tempFolder, testLogger } from '../helpers.ts';
import { tempCorpus, type TempCorpus } from './helpers.ts';

const run = promisify(execFile);

describe('warmUpQueries', () => {
  let corpus: TempCorpus;
  let library: CorpusLibrary;
  let articles: Article[];

  beforeAll(async () => {
    corpus = await tempCorpus(120);
    library = await openLibrary({ corpusDir: corpus.corpusDir, tokenizerThread: false });
    await library.settled();
    articles = corpus.names.map((name) => library.article(name)!);
  });
  afterAll(() => corpus.remove());

  it('makes each shape and option from articles spread over the corpus', () => {
    const queries = warmUpQueries(articles);
    expect(queries.length).toBeGreaterThanOrEqual(6 * WARM_UP_ARTICLES);
    expect(queries.length).toBeLessThanOrEqual(8 * WARM_UP_ARTICLES);
    expect(queries.filter((q) => q.mode === 'ask').length).toBeGreaterThan(WARM_UP_ARTICLES / 2);
    expect(queries.some((q) => q.text.startsWith('"'))).toBe(true);
    expect(queries.some((q) => / -\S/.test(q.text))).toBe(true);
    expect(queries.some((q) => q.options?.sort === 'newest' && q.options.source)).toBe(true);
    expect(queries.some((q) => q.options?.offset)).toBe(true);
    expect(queries.some((q) => [...q.text].length === 120)).toBe(true);
    // Spread: summaries come from the first articles taken, every third one of 120.
    const summarised = queries.flatMap((q) => (q.summary ? [corpus.names.indexOf(q.summary)] : []));
    expect(summarised).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
    expect(queries.every((q) => q.text.trim().length > 0)).toBe(true);
  });

  it('finds something for most of its searches, so ranking and excerpts are what it warms', () => {
    const queries = warmUpQueries(articles);
    let answered = 0;
    for (const q of queries) {
      try {
        const response = q.mode === 'ask' ? library.ask(q.text, q.options) : library.search(q.text, q.options);
        if (response.hits.length > 0) answered++;
      } catch (error) {
        expect(error).toBeInstanceOf(UserInputError);
      }
    }
    expect(answered / queries.length).toBeGreaterThan(0.8);
  });

  it('leaves out an article with neither title nor text, and takes all of a small corpus', () => {
    const empty = { ...articles[0]!, title: null, paragraphs: [], kinds: [] };
    expect(warmUpQueries([empty])).toEqual([]);
    const few = warmUpQueries(articles.slice(0, 3));
    expect(new Set(few.filter((q) => q.summary).map((q) => q.summary))).toEqual(new Set(corpus.names.slice(0, 3)));
  });
});

describe('the warm-up in a library', () => {
  it('runs once, after the first load', async () => {
    const dir = await tempFolder('warm-up-', { seeds: true });
    const { logger, lines } = testLogger();
    const library = await openLibrary({ corpusDir: dir, logger, tokenizerThread: false });
    await library.warmedUp();
    const warmed = () => lines.filter((line) => line.msg === 'query path warmed up');
    expect(warmed()).toHaveLength(1);
    expect(warmed()[0]!['queries']).toBeGreaterThan(0);
    expect(library.warmUpFigures()?.queries).toBe(warmed()[0]!['queries']);
    await library.reload();
    await library.settled();
    await library.warmedUp();
    expect(warmed()).toHaveLength(1);
  });

  it('waits while people search, and runs once they pause', async () => {
    const corpus = await tempCorpus(120);
    try {
      const { logger, lines } = testLogger();
      const library = await openLibrary({ corpusDir: corpus.corpusDir, logger, tokenizerThread: false });
      // A search every 10 ms for 400 ms: the warm-up (320 searches) waits for gaps of WARM_UP_IDLE_MS.
      let searched = 0;
      library.profileSearches(() => searched++);
      let mine = 0;
      const until = performance.now() + 400;
      while (performance.now() < until) {
        expect(library.search('经济').total).toBeGreaterThan(0);
        mine++;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(searched).toBe(mine);
      expect(library.warmUpFigures()).toBeNull();
      await library.warmedUp();
      expect(library.warmUpFigures()!.queries).toBeGreaterThan(300);
      expect(lines.filter((line) => line.msg === 'query path warmed up')).toHaveLength(1);
    } finally {
      await corpus.remove();
    }
  });

  it('never keeps a process alive by itself: a one-shot command exits after its answer', async () => {
    const library = pathToFileURL(path.join(REPO, 'src/library.ts')).href;
    const script = [
      `import { openLibrary } from ${JSON.stringify(library)};`,
      `const library = await openLibrary({ corpusDir: ${JSON.stringify(SEEDS)}, tokenizerThread: false });`,
      `process.on('exit', () => console.log(library.search('经济').total > 0, library.warmUpFigures() === null));`,
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, timeout: 60_000 });
    expect(stdout.trim()).toBe('true true');
  });

  it('stops after the search it is on when asked, and searches meanwhile are answered', async () => {
    const corpus = await tempCorpus(60);
    try {
      const { logger, lines } = testLogger();
      const library = await openLibrary({ corpusDir: corpus.corpusDir, logger, tokenizerThread: false });
      // The warm-up starts after the snapshot (none here) on a later turn: a search now comes first.
      expect(library.search('经济').total).toBeGreaterThan(0);
      await library.stopWarmUp();
      expect(lines.some((line) => line.msg === 'query path warmed up')).toBe(false);
      expect(library.warmUpFigures()).toBeNull();
      expect(library.search('经济').total).toBeGreaterThan(0);
    } finally {
      await corpus.remove();
    }
  });
});
