// Sentence splitting for excerpts and summaries. Chinese news ends sentences with
// 。！？ and sometimes ；, with closing quotes or brackets kept on the sentence.
import type { ParagraphKind } from '../corpus/article.ts';
import { foldForSearch, normaliseForSearch } from '../corpus/normalise.ts';

/** A sentence ends at its punctuation (closing quotes kept), at a line break, or at the end. */
const SENTENCE = /[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)\]】"']*|(?=\n)|$)|[。！？!?；;]+[”’」』）)\]】"']*/gu;

export interface Sentence {
  text: string;
  paragraph: number;
  /** Position of the sentence in the article, from 0. */
  index: number;
  /** The paragraph's kind; a code "sentence" is one line of the listing. */
  kind: ParagraphKind;
}

export function splitSentences(paragraphs: readonly string[], kinds: readonly ParagraphKind[] = []): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((paragraph, p) => {
    const kind = kinds[p] ?? 'text';
    if (kind === 'code') {
      for (const line of paragraph.split('\n')) {
        const text = line.trim();
        if (text) out.push({ text, paragraph: p, index: out.length, kind });
      }
      return;
    }
    for (const m of paragraph.matchAll(SENTENCE)) {
      const text = m[0].trim();
      if (text) out.push({ text, paragraph: p, index: out.length, kind });
    }
  });
  return out;
}

export interface SplitArticle {
  sentences: Sentence[];
  /** Each sentence after search normalisation, for matching query terms. */
  normalised: string[];
}

/**
 * Sentences of an article with their normalised text. `folding[p]`: paragraph p has nothing
 * to simplify (see paragraphFolds in prepare.ts), so folding it (NFKC, lower case)
 * normalises it, four times cheaper. A sentence is cut at punctuation or a line break, which
 * no converter word holds (a test checks), so what holds for its paragraph holds for it.
 */
export function sentencesOf(paragraphs: readonly string[], kinds: readonly ParagraphKind[] = [], folding: readonly boolean[] = []): SplitArticle {
  const sentences = splitSentences(paragraphs, kinds);
  const normalised: string[] = [];
  const fill = (group: Sentence[], normalise: (text: string) => string) =>
    normaliseEach(
      group.map((s) => s.text),
      normalise,
    ).forEach((text, k) => {
      normalised[group[k]!.index] = text;
    });
  fill(
    sentences.filter((s) => folding[s.paragraph] === true),
    foldForSearch,
  );
  fill(
    sentences.filter((s) => folding[s.paragraph] !== true),
    normaliseForSearch,
  );
  return { sentences, normalised };
}

/**
 * sentencesOf, remembering each article (by its paragraphs array) while the memo lives: one
 * search re-ranks a question's candidates and then builds excerpts of the same articles.
 * Kept no longer on purpose: a cache across searches (512 articles) kept each article long
 * enough to be copied by two young-generation GCs, which then took 7 ms instead of 2.5 ms
 * and set the queries' p99.
 */
export function memoSentences(): typeof sentencesOf {
  const split = new Map<readonly string[], SplitArticle>();
  return (paragraphs, kinds, folding) => {
    let article = split.get(paragraphs);
    if (!article) split.set(paragraphs, (article = sentencesOf(paragraphs, kinds, folding)));
    return article;
  };
}

/**
 * Normalises many short texts in one call: the converter's cost is mostly per call. When
 * normalisation keeps the length (it maps character for character), the joined result is
 * cut back at the same places; otherwise each text is normalised on its own.
 */
function normaliseEach(texts: string[], normalise: (text: string) => string): string[] {
  const joined = texts.join('\n');
  const normalised = normalise(joined);
  if (normalised.length !== joined.length) return texts.map(normalise);
  const out: string[] = [];
  let at = 0;
  for (const text of texts) {
    out.push(normalised.slice(at, at + text.length));
    at += text.length + 1;
  }
  return out;
}
