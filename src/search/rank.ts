// Ranking for questions: BM25 finds candidate articles; the answer lives in one sentence,
// so candidates whose best sentence covers more of the question move up.
import type { Article } from '../corpus/article.ts';
import type { QueryTerm } from './query.ts';
import { sentencesOf } from './sentences.ts';

/** Candidates re-ranked by their best sentence when answering a question. */
export const ASK_RERANK_DEPTH = 20;
const ASK_PASSAGE_WEIGHT = 0.5;

/** An article's text as re-ranking reads it; `folding` as in sentencesOf. */
export type PassageText = Pick<Article, 'paragraphs' | 'kinds'> & { folding?: readonly boolean[] };

/** `split`: sentencesOf, or a memo of it that the search's excerpts share (memoSentences). */
export function bestSentenceScore({ paragraphs, kinds, folding }: PassageText, terms: readonly QueryTerm[], split = sentencesOf): number {
  let best = 0;
  for (const norm of split(paragraphs, kinds, folding).normalised) {
    let score = 0;
    for (const t of terms) if (norm.includes(t.text)) score += t.weight;
    if (score > best) best = score;
  }
  return best;
}

export function rerankByPassage<T extends { score: number }>(
  results: T[],
  terms: readonly QueryTerm[],
  articleOf: (result: T) => PassageText,
  split = sentencesOf,
): T[] {
  const head = results.slice(0, ASK_RERANK_DEPTH);
  if (head.length < 2) return results;
  const total = terms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const top = head[0]!.score || 1;
  const rescored = head.map((r) => ({
    ...r,
    score: r.score / top + ASK_PASSAGE_WEIGHT * (bestSentenceScore(articleOf(r), terms, split) / total),
  }));
  rescored.sort((a, b) => b.score - a.score);
  return [...rescored, ...results.slice(ASK_RERANK_DEPTH)];
}
