// Sentence splitting for excerpts and summaries. Chinese news ends sentences with
// 。！？ and sometimes ；, with closing quotes or brackets kept on the sentence.
const SENTENCE = /[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)\]】"']*|$)|[。！？!?；;]+[”’」』）)\]】"']*/gu;

export interface Sentence {
  text: string;
  paragraph: number;
  /** Position of the sentence in the article, from 0. */
  index: number;
}

export function splitSentences(paragraphs: readonly string[]): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((paragraph, p) => {
    for (const m of paragraph.matchAll(SENTENCE)) {
      const text = m[0].trim();
      if (text) out.push({ text, paragraph: p, index: out.length });
    }
  });
  return out;
}
