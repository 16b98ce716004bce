// Quoted phrases and -"phrases" against a full scan: the engine narrows candidates by anchor
// terms and skips raw text that lacks a character's forms (rawFormsOf), and neither shortcut
// may change which articles hold a phrase. Real articles in both scripts, phrases cut from
// their own text, some converted to the other script.
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../src/bench/synthetic.ts';
import type { Article } from '../../src/corpus/article.ts';
import { normaliseForSearch } from '../../src/corpus/normalise.ts';
import { OpenCC } from '../../src/corpus/opencc.ts';
import { openLibrary, type CorpusLibrary } from '../../src/library.ts';
import { parseSyntax, phraseKey } from '../../src/search/query.ts';
import { RESULT_LIMITS } from '../../src/search/result-limits.ts';
import { REPO, tempFolder } from '../helpers.ts';

let root: string;
let library: CorpusLibrary;
let articles: Article[];

beforeAll(async () => {
  root = await tempFolder('phrases-test-', { seeds: true });
  await cp(path.join(REPO, 'test/fixtures/corpus-real'), root, { recursive: true });
  library = await openLibrary({ corpusDir: root });
  articles = library
    .suggestArticles('', 1000)
    .map((choice) => library.article(choice.id)!)
    .filter(Boolean);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const partsOf = (a: Article) => [a.title, a.originalTitle ?? '', ...a.paragraphs, a.source ?? ''].map((part) => normaliseForSearch(part ?? ''));
const ids = (list: Article[]) => list.map((a) => a.id).sort();
/** A letter or digit of a word the tokeniser keeps whole (Latin, kana, …): not Han. */
const WORD_CHAR = /^(?!\p{Script=Han})[\p{L}\p{N}]$/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/**
 * Bounds on the articles holding a phrase, from a full scan of their normalised parts. At
 * most: those whose phraseKey holds the phrase's. At least: those that hold it as written
 * (normalised), not inside a longer Latin or kana word. A text that puts punctuation inside the
 * phrase's run (数据、交易 for "数据交易") lies between the two.
 */
function holders(phrase: string): { atMost: string[]; atLeast: string[] } {
  const key = phraseKey(normaliseForSearch(phrase));
  const written = normaliseForSearch(phrase);
  const escaped = written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The tokeniser keeps . and # inside a word (node.js, c#sharp): those count as part of it too.
  const before = isWordChar(written[0]) ? '(?<!(?!\\p{Script=Han})[\\p{L}\\p{N}][.#]?)' : '';
  const after = isWordChar(written.at(-1)) ? '(?![.#]?(?!\\p{Script=Han})[\\p{L}\\p{N}])' : '';
  const asWritten = new RegExp(`${before}${escaped}${after}`, 'u');
  return {
    atMost: ids(articles.filter((a) => partsOf(a).some((part) => phraseKey(part).includes(key)))),
    atLeast: ids(articles.filter((a) => partsOf(a).some((part) => asWritten.test(part)))),
  };
}

/**
 * Phrases of 2 to 9 characters cut from the articles' paragraphs (never inside a Latin or kana word),
 * some converted to the other script.
 */
function samplePhrases(count: number): string[] {
  const random = prng(17);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const phrases: string[] = [];
  while (phrases.length < count) {
    const article = articles[Math.floor(random() * articles.length)]!;
    const paragraph = article.paragraphs[Math.floor(random() * article.paragraphs.length)] ?? '';
    if (paragraph.length < 12) continue;
    const start = Math.floor(random() * (paragraph.length - 10));
    const end = start + 2 + Math.floor(random() * 8);
    if ((isWordChar(paragraph[start - 1]) && isWordChar(paragraph[start])) || (isWordChar(paragraph[end - 1]) && isWordChar(paragraph[end]))) continue;
    let phrase = paragraph.slice(start, end).replace(/"/g, '').trim();
    const roll = random();
    if (roll < 0.2) phrase = toTraditional(phrase);
    else if (roll < 0.4) phrase = toSimplified(phrase);
    // Only what the query syntax takes as a phrase: one the index can narrow down.
    if (parseSyntax(`"${phrase}"`).phrases.length === 1) phrases.push(phrase);
  }
  return phrases;
}

/** Every article a search matches; the query must match no more than one page holds. */
function allMatches(query: string): string[] {
  const response = library.search(query, { limit: RESULT_LIMITS.search.max });
  expect(response.total).toBeLessThanOrEqual(RESULT_LIMITS.search.max);
  return response.hits.map((h) => h.id).sort();
}

describe('quoted phrases against a full scan', () => {
  it('finds the articles that hold each of 300 phrases, in either script', () => {
    expect(articles.length).toBeGreaterThan(60);
    let exact = 0;
    let needsSimplifying = 0;
    for (const phrase of samplePhrases(300)) {
      const { atMost, atLeast } = holders(phrase);
      const found = allMatches(`"${phrase}"`);
      expect({ phrase, missed: atLeast.filter((id) => !found.includes(id)) }).toEqual({ phrase, missed: [] });
      expect({ phrase, extra: found.filter((id) => !atMost.includes(id)) }).toEqual({ phrase, extra: [] });
      if (found.length === atMost.length) exact++;
      const traditional = (id: string) => normaliseForSearch(library.article(id)!.text) !== library.article(id)!.text.normalize('NFKC').toLowerCase();
      if (found.some(traditional)) needsSimplifying++;
    }
    // The bounds are close: text with punctuation inside a phrase is rare.
    expect(exact).toBeGreaterThan(290);
    // The shortcut for text that needs simplifying was exercised, not only the one for folded text.
    expect(needsSimplifying).toBeGreaterThan(10);
  });

  it('finds a Latin phrase typed in full-width capitals as it finds it in lower case', () => {
    const lower = allMatches('"steam deck"');
    expect(lower.length).toBeGreaterThan(0);
    expect(allMatches('"ＳＴＥＡＭ　ＤＥＣＫ"')).toEqual(lower);
    expect(lower).toEqual(holders('steam deck').atMost);
  });

  it('leaves out the articles that hold a -"phrase"', () => {
    const base = '数据 交易';
    const all = allMatches(base);
    expect(all.length).toBeGreaterThan(5);
    for (const phrase of samplePhrases(60)) {
      const { atMost, atLeast } = holders(phrase);
      const kept = allMatches(`${base} -"${phrase}"`);
      expect(kept.filter((id) => atLeast.includes(id))).toEqual([]);
      expect(all.filter((id) => !atMost.includes(id)).every((id) => kept.includes(id))).toBe(true);
    }
  });
});
