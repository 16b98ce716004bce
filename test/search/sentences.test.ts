// Sentence splitting for excerpts, summaries and /ask (src/search/sentences.ts), tested on
// its own rather than only through the whole Library.
import { describe, expect, it } from 'vitest';
import { foldForSearch, normaliseForSearch } from '../../src/corpus/normalise.ts';
import { memoSentences, sentencesOf, splitSentences } from '../../src/search/sentences.ts';
import { seedAndSampleTexts } from '../helpers.ts';

const texts = (paragraphs: string[]) => splitSentences(paragraphs).map((s) => s.text);

describe('splitSentences', () => {
  it('ends sentences at 。！？ and ；, half-width marks too', () => {
    expect(texts(['第一句。第二句！第三句？第四句；第五句! 第六句?'])).toEqual(['第一句。', '第二句！', '第三句？', '第四句；', '第五句!', '第六句?']);
  });

  it('keeps closing quotes and brackets on the sentence they close', () => {
    expect(texts(['他说：“会议很成功。”随后离开。（完）'])).toEqual(['他说：“会议很成功。”', '随后离开。', '（完）']);
    expect(texts(['「好！」』他答。'])).toEqual(['「好！」』', '他答。']);
  });

  it('keeps a last sentence with no end mark, and starts a sentence after a line break', () => {
    expect(texts(['第一句。没有句号的结尾'])).toEqual(['第一句。', '没有句号的结尾']);
    expect(texts(['第一句。\n第二行'])).toEqual(['第一句。', '第二行']);
  });

  it('keeps a line that ends without an end mark before a line break', () => {
    expect(texts(['标题一行\n正文第一句。第二句'])).toEqual(['标题一行', '正文第一句。', '第二句']);
    expect(texts(['一\n二\n三。'])).toEqual(['一', '二', '三。']);
  });

  it('numbers sentences across paragraphs and records their paragraph and kind', () => {
    const sentences = splitSentences(['标题', '一。二。', '三。'], ['heading', 'text']);
    expect(sentences.map(({ text, paragraph, index, kind }) => [text, paragraph, index, kind])).toEqual([
      ['标题', 0, 0, 'heading'],
      ['一。', 1, 1, 'text'],
      ['二。', 1, 2, 'text'],
      ['三。', 2, 3, 'text'],
    ]);
  });

  it('takes a code paragraph line by line, punctuation inside a line included, blank lines dropped', () => {
    const sentences = splitSentences(['const a = 1; const b = 2;\n\n  print(a); ', '说明。'], ['code', 'text']);
    expect(sentences.map((s) => [s.text, s.kind])).toEqual([
      ['const a = 1; const b = 2;', 'code'],
      ['print(a);', 'code'],
      ['说明。', 'text'],
    ]);
  });

  it('gives nothing for empty or blank paragraphs', () => {
    expect(splitSentences(['', '   ', '\n'])).toEqual([]);
  });
});

describe('sentencesOf', () => {
  it('pairs each sentence with its search-normalised text', () => {
    const paragraphs = ['經濟數據公佈。ＡＢＣ公司：增長５％！'];
    const { sentences, normalised } = sentencesOf(paragraphs);
    expect(sentences.map((s) => s.text)).toEqual(['經濟數據公佈。', 'ＡＢＣ公司：增長５％！']);
    expect(normalised).toEqual(sentences.map((s) => normaliseForSearch(s.text)));
    expect(normalised[0]).toBe('经济数据公布。');
  });

  it('normalises each sentence alike when normalisation changes the length', () => {
    // NFKC turns ㍿ into four characters and ﬁ into two, so the joined text cannot be cut back at the same places.
    const paragraphs = ['㍿的年报。ﬁnance 部门。第三句。'];
    const { sentences, normalised } = sentencesOf(paragraphs);
    expect(sentences).toHaveLength(3);
    expect(normalised).toEqual(sentences.map((s) => normaliseForSearch(s.text)));
    expect(normalised[1]).toBe('finance 部门。');
  });

  it('folds the paragraphs with nothing to simplify: the same text as normalising them, sentence by sentence', () => {
    let folded = 0;
    for (const { text } of seedAndSampleTexts()) {
      const paragraphs = text.split('\n');
      const folding = paragraphs.map((p) => normaliseForSearch(p) === foldForSearch(p));
      folded += folding.filter(Boolean).length;
      expect(sentencesOf(paragraphs, [], folding).normalised).toEqual(sentencesOf([...paragraphs]).normalised);
    }
    expect(folded).toBeGreaterThan(100);
  });

  it('takes the folding flags at their word, paragraph by paragraph', () => {
    // Traditional text said to fold is only folded; the paragraph not said to is simplified.
    expect(sentencesOf(['經濟數據。', '經濟數據。'], [], [true, false]).normalised).toEqual(['經濟數據。', '经济数据。']);
  });
});

describe('memoSentences', () => {
  it('answers the same article from its memo, another array afresh, and a new memo anew', () => {
    const split = memoSentences();
    const paragraphs = ['缓存的文章。'];
    const first = split(paragraphs);
    expect(split(paragraphs)).toBe(first);
    const other = split([...paragraphs]);
    expect(other).not.toBe(first);
    expect(other).toEqual(first);
    expect(memoSentences()(paragraphs)).not.toBe(first);
    expect(sentencesOf(paragraphs)).toEqual(first);
  });
});
