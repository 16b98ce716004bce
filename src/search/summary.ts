// Extractive summary, as a reader would write one from the article's own sentences:
// - only body sentences (never a heading, caption, list item or code line);
// - ranked by how much of the article's vocabulary they carry, with a lead bias (news puts
//   the gist first), kept in document order;
// - a sentence that leans on the one before it (`但是`, `此外`, `他`) brings it along or stays out;
// - never cut mid-sentence.
// An article that is mostly a list is summarised as a list: its lead, how many items, the
// first items' heads in order.
import type { Article, ParagraphKind } from '../corpus/article.ts';
import { normaliseForSearch } from '../corpus/normalise.ts';
import { ITEM_NUMBER } from '../corpus/structure.ts';
import { MarkedTextBuilder, type MarkedText } from './highlight.ts';
import { analyse } from './tokenize.ts';
import { QUERY_STOP_WORDS } from './stopwords.ts';
import { splitSentences, type Sentence } from './sentences.ts';
import type { ArticleShape, ListOutline } from './types.ts';

export const SUMMARY_MAX_SENTENCES = 3;
export const SUMMARY_TARGET_CHARS = 200;
const MIN_SENTENCE_CHARS = 8;
/** Sentences shorter than this (a one-line flourish, `为什么？因为爱。`) count for less. */
const SHORT_SENTENCE_CHARS = 15;
/** Code lines a code-only article's summary shows. */
const SUMMARY_CODE_LINES = 3;
/** Code is more than this share of the article's characters: "mostly code". */
const MOSTLY_CODE = 0.5;
/** List items this share of the text, and at least LIST_MIN_ITEMS of them: a list article. */
const LIST_SHARE = 0.5;
const LIST_MIN_ITEMS = 3;
/** Item heads a list summary shows, and the most characters of each. */
const LIST_HEADS = 3;
const HEAD_MAX_CHARS = 24;

/** Kinds a summary sentence may come from: body text, and quotes of it. */
const BODY_KINDS: readonly ParagraphKind[] = ['text', 'quote'];
/** Openings that need the sentence before: connectives and pronouns. */
const LEANS_ON_PREVIOUS =
  /^(但是|但|可是|不过|然而|而且|并且|甚至|此外|另外|同时|因此|所以|因而|于是|对此|为此|其中|其次|再次|最后|总之|他们|她们|它们|他|她|它|这些|这个|这种|这也|这是|该|此|并|也|而)/;
const SENTENCE_COMPLETE = /[。！？!?；;…”’」』）)\]】"'.]$/;
/** `，于是…`: the splitter cut after a closing quote; this is the rest of a sentence. */
const FRAGMENT_START = /^[，,、；;：:）)」』”’]/;

/** Words that carry content (jieba words of two or more characters, no stop words). */
export function contentWords(text: string): string[] {
  return analyse(normaliseForSearch(text), QUERY_STOP_WORDS)
    .filter((t) => t.kind !== 'bigram' && [...t.text].length >= 2)
    .map((t) => t.text);
}

function bigramSet(text: string): Set<string> {
  const chars = [...text];
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i]! + chars[i + 1]!);
  return set;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/**
 * Sentences joined as one text; a space follows sentences that end without punctuation.
 * Code lines (`asCode`) are marked as code, a space between each.
 */
export function joinSummary(sentences: readonly string[], asCode = false): MarkedText {
  const out = new MarkedTextBuilder();
  let previous = '';
  for (const sentence of sentences) {
    if (previous && (asCode || !SENTENCE_COMPLETE.test(previous))) out.plain(' ');
    if (asCode) out.codeRun(sentence);
    else out.plain(sentence);
    previous = sentence;
  }
  return out.build();
}

type Summarised = Pick<Article, 'paragraphs' | 'kinds'>;

/** What kind of article this is, when it is not plain prose. */
export function articleShape({ paragraphs, kinds }: Summarised): ArticleShape {
  if (paragraphs.length === 0) return 'headline-only';
  let code = 0;
  let list = 0;
  let all = 0;
  paragraphs.forEach((p, i) => {
    all += p.length;
    if (kinds[i] === 'code') code += p.length;
    if (kinds[i] === 'list') list += p.length;
  });
  if (code > all * MOSTLY_CODE) return 'mostly-code';
  const items = kinds.filter((k) => k === 'list').length;
  if (items >= LIST_MIN_ITEMS && list >= all * LIST_SHARE) return 'list';
  // A card of fields and table rows (`上市日期：…`, prices) has no sentence: its lines are its items.
  return bodySentences({ paragraphs, kinds }).length === 0 && itemsOf({ paragraphs, kinds }).length >= 2 ? 'list' : 'prose';
}

/** The items of a list article: its list paragraphs, or, with none, its lines that are not headings or code. */
function itemsOf({ paragraphs, kinds }: Summarised): string[] {
  const listed = paragraphs.filter((_, i) => kinds[i] === 'list');
  return listed.length >= LIST_MIN_ITEMS ? listed : paragraphs.filter((_, i) => kinds[i] !== 'heading' && kinds[i] !== 'code' && kinds[i] !== 'caption');
}

/** A list article's item count and first heads: `创元科技…；南京化纤…`. */
export function listOutline(article: Summarised): ListOutline {
  const items = itemsOf(article);
  return { count: items.length, heads: items.slice(0, LIST_HEADS).map(itemHead) };
}

/** An item's head: its text up to the first clause break, without its number, cut at a character. */
function itemHead(item: string): string {
  const body = item.trim().replace(ITEM_NUMBER, '');
  const head = body.split(/[。！？!?；;，,：:]/)[0]!.trim() || body;
  const chars = [...head];
  return chars.length > HEAD_MAX_CHARS ? chars.slice(0, HEAD_MAX_CHARS - 1).join('') + '…' : head;
}

/** `“娶了红玫瑰，…；` split inside a quotation is half a sentence. */
function quotesBalanced(text: string): boolean {
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  return count(/“/g) === count(/”/g) && count(/「/g) === count(/」/g) && count(/『/g) === count(/』/g);
}

/** Body sentences a summary may use, in document order. */
export function bodySentences({ paragraphs, kinds }: Summarised): Sentence[] {
  return splitSentences(paragraphs, kinds).filter((s) => BODY_KINDS.includes(s.kind) && isCompleteSentence(s, paragraphs));
}

/**
 * Long enough, does not start with the tail of another, and ends as a sentence ends or where
 * its paragraph does (some writers end paragraphs without a full stop).
 */
export function isCompleteSentence(sentence: Sentence, paragraphs: readonly string[]): boolean {
  const { text } = sentence;
  if ([...text].length < MIN_SENTENCE_CHARS || FRAGMENT_START.test(text) || !quotesBalanced(text)) return false;
  return SENTENCE_COMPLETE.test(text) || (paragraphs[sentence.paragraph] ?? '').trimEnd().endsWith(text);
}

/**
 * The sentences of the summary, in document order. A list article gets its lead sentence
 * only (its outline says the rest); an article with no body sentence gets none.
 */
export function chooseSummarySentences(article: Summarised & Pick<Article, 'title'>): Sentence[] {
  const sentences = bodySentences(article);
  if (sentences.length === 0) return [];
  if (articleShape(article) === 'list') {
    const firstItem = article.kinds.indexOf('list');
    return sentences.filter((s) => s.paragraph < firstItem).slice(0, 1);
  }
  const words = sentences.map((s) => contentWords(s.text));
  const frequency = new Map<string, number>();
  for (const list of words) for (const w of new Set(list)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const titleWords = new Set(article.title ? contentWords(article.title) : []);

  const raw = sentences.map((s, i) => {
    const unique = new Set(words[i]);
    let weight = 0;
    for (const w of unique) weight += frequency.get(w)! - 1 + (titleWords.has(w) ? 2 : 0);
    const short = [...s.text].length < SHORT_SENTENCE_CHARS ? 0.5 : 1;
    return (short * weight) / Math.sqrt(Math.max(4, unique.size));
  });
  const top = Math.max(...raw, 1e-9);
  const order = raw.map((weight, i) => ({ at: i, score: weight / top + 0.6 / (1 + i) }));
  order.sort((a, b) => b.score - a.score || a.at - b.at);

  const chosen = new Set<number>();
  const grams: Set<string>[] = [];
  let chars = 0;
  const fits = (at: number) => chosen.size === 0 || chars + [...sentences[at]!.text].length <= SUMMARY_TARGET_CHARS;
  const take = (at: number) => {
    chosen.add(at);
    grams.push(bigramSet(sentences[at]!.text));
    chars += [...sentences[at]!.text].length;
  };
  for (const { at } of order) {
    if (chosen.size >= SUMMARY_MAX_SENTENCES) break;
    if (chosen.has(at)) continue;
    const sentence = sentences[at]!;
    if (chosen.size > 0 && !fits(at)) continue;
    if (grams.some((g) => overlap(g, bigramSet(sentence.text)) > 0.6)) continue;
    // A sentence that leans on the one before comes with it, or not at all.
    const previous = sentences[at - 1];
    const leans = LEANS_ON_PREVIOUS.test(sentence.text) && at > 0;
    if (leans) {
      const adjacent = previous !== undefined && previous.index === sentence.index - 1;
      if (!adjacent) continue;
      if (!chosen.has(at - 1)) {
        if (chosen.size + 2 > SUMMARY_MAX_SENTENCES || chars + [...previous.text].length + [...sentence.text].length > SUMMARY_TARGET_CHARS) continue;
        if (LEANS_ON_PREVIOUS.test(previous.text)) continue;
        take(at - 1);
      }
    }
    take(at);
  }
  return [...chosen].sort((a, b) => a - b).map((at) => sentences[at]!);
}

/**
 * Up to three sentences in document order. An article of nothing but code is summarised by
 * its first lines (`code: true`), which front ends show as code.
 */
function summarySentences(article: Summarised & Pick<Article, 'title'>): { sentences: string[]; code: boolean } {
  const chosen = chooseSummarySentences(article);
  if (chosen.length > 0) return { sentences: chosen.map((s) => s.text), code: false };
  if (articleShape(article) === 'list') return { sentences: [], code: false };
  const code = splitSentences(article.paragraphs, article.kinds).filter((s) => s.kind === 'code');
  return { sentences: code.slice(0, SUMMARY_CODE_LINES).map((s) => s.text), code: true };
}

/** The summary's sentences, as plain text. */
export function summarise(article: Summarised & Pick<Article, 'title'>): string[] {
  return summarySentences(article).sentences;
}

/** The summary's sentences, and the summary as one text with its code marked. */
export function summaryOf(article: Summarised & Pick<Article, 'title'>): { sentences: string[]; summary: MarkedText } {
  const { sentences, code } = summarySentences(article);
  return { sentences, summary: joinSummary(sentences, code) };
}
