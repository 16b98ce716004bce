// Question ranking (src/search/rank.ts): an article's best sentence, and candidates moved up
// when one sentence covers more of the question. Tested on its own rather than only
// through the whole Library.
import { describe, expect, it } from 'vitest';
import type { ParagraphKind } from '../../src/corpus/article.ts';
import type { QueryTerm } from '../../src/search/query.ts';
import { ASK_RERANK_DEPTH, bestSentenceScore, rerankByPassage } from '../../src/search/rank.ts';
import { sentencesOf } from '../../src/search/sentences.ts';

const term = (text: string, weight: number): QueryTerm => ({ text, kind: 'word', weight });
const TERMS = [term('部长', 2), term('肖亚庆', 3), term('工信部', 1)];

interface Candidate {
  id: string;
  score: number;
  paragraphs: string[];
  kinds: ParagraphKind[];
}

const candidate = (id: string, score: number, ...paragraphs: string[]): Candidate => ({ id, score, paragraphs, kinds: [] });

describe('bestSentenceScore', () => {
  it('is the weight of the question terms in the article’s best single sentence', () => {
    const article = { paragraphs: ['部长出席会议。肖亚庆表示，工信部将推进。', '部长肖亚庆。'], kinds: [] };
    // Second sentence: 肖亚庆 + 工信部 = 4; third: 部长 + 肖亚庆 = 5.
    expect(bestSentenceScore(article, TERMS)).toBe(5);
  });

  it('counts a term once per sentence, and matches traditional text by its simplified terms', () => {
    expect(bestSentenceScore({ paragraphs: ['部長肖亞慶，部長。'], kinds: [] }, TERMS)).toBe(5);
  });

  it('is 0 when no sentence holds a term, or the article has no text', () => {
    expect(bestSentenceScore({ paragraphs: ['今天天气很好。'], kinds: [] }, TERMS)).toBe(0);
    expect(bestSentenceScore({ paragraphs: [], kinds: [] }, TERMS)).toBe(0);
  });

  it('scores a code paragraph line by line', () => {
    expect(bestSentenceScore({ paragraphs: ['部长\n肖亚庆'], kinds: ['code'] }, TERMS)).toBe(3);
    expect(bestSentenceScore({ paragraphs: ['部长\n肖亚庆'], kinds: ['text'] }, TERMS)).toBe(3);
    expect(bestSentenceScore({ paragraphs: ['部长 肖亚庆'], kinds: ['code'] }, TERMS)).toBe(5);
  });
});

describe('rerankByPassage', () => {
  const self = (c: Candidate) => c;

  it('moves up a candidate whose one sentence answers the question', () => {
    const spread = candidate('spread', 10, '部长出席。', '肖亚庆发言。', '工信部发布。');
    const answer = candidate('answer', 9, '工信部部长肖亚庆表示。');
    const ranked = rerankByPassage([spread, answer], TERMS, self);
    expect(ranked.map((c) => c.id)).toEqual(['answer', 'spread']);
    // Scores relative to the first BM25 score, plus half the covered share of the question.
    expect(ranked[0]!.score).toBeCloseTo(0.9 + 0.5 * (6 / 6));
    expect(ranked[1]!.score).toBeCloseTo(1 + 0.5 * (3 / 6));
  });

  it('keeps the BM25 order when passages do not tell the candidates apart', () => {
    const a = candidate('a', 10, '部长肖亚庆。');
    const b = candidate('b', 8, '部长肖亚庆。');
    expect(rerankByPassage([a, b], TERMS, self).map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('leaves a single result, and no results, as they are', () => {
    const only = [candidate('only', 4, '无关。')];
    expect(rerankByPassage(only, TERMS, self)).toBe(only);
    expect(rerankByPassage([], TERMS, self)).toEqual([]);
  });

  it(`re-ranks only the first ${ASK_RERANK_DEPTH} and keeps the rest after them, untouched`, () => {
    const depth = ASK_RERANK_DEPTH;
    const results = Array.from({ length: depth + 5 }, (_, i) => candidate(`c${i}`, 100 - i, i === depth - 1 ? '工信部部长肖亚庆。' : '无关。'));
    const ranked = rerankByPassage(results, TERMS, self);
    expect(ranked).toHaveLength(depth + 5);
    expect(ranked[0]!.id).toBe(`c${depth - 1}`);
    expect(ranked.slice(depth)).toEqual(results.slice(depth));
    expect(new Set(ranked.slice(0, depth).map((c) => c.id))).toEqual(new Set(results.slice(0, depth).map((c) => c.id)));
  });

  it('reads each candidate’s article through articleOf', () => {
    const articles = new Map([
      ['x', { paragraphs: ['无关。'], kinds: [] as ParagraphKind[] }],
      ['y', { paragraphs: ['部长肖亚庆。'], kinds: [] as ParagraphKind[] }],
    ]);
    const ranked = rerankByPassage(
      [
        { id: 'x', score: 2 },
        { id: 'y', score: 1.9 },
      ],
      TERMS,
      (r) => articles.get(r.id)!,
    );
    expect(ranked.map((r) => r.id)).toEqual(['y', 'x']);
  });

  it('splits each candidate through the sentencesOf it is given, which the search’s excerpts share', () => {
    const seen: (readonly string[])[] = [];
    const split: typeof sentencesOf = (paragraphs, kinds, folding) => {
      seen.push(paragraphs);
      return sentencesOf(paragraphs, kinds, folding);
    };
    const results = [candidate('a', 3, '无关。'), candidate('b', 2, '部长肖亚庆。'), candidate('c', 1, '工信部。')];
    expect(rerankByPassage(results, TERMS, self, split).map((c) => c.id)).toEqual(['b', 'a', 'c']);
    expect(seen).toEqual(results.map((c) => c.paragraphs));
  });
});
