// Furniture found by repetition: a short paragraph that stands in many articles of one
// source (its footer, its follow-us line, its disclaimer) is that source's, not the author's.
// No rule about wording or position can know this of a site never seen; the corpus can.
//
// Counts are kept per source and updated as articles come and go, so they stay right under
// incremental reload. Paragraphs are keyed by a 53-bit hash, not by their text, so the counts
// cost a few bytes per paragraph rather than a copy of it.
import type { Article, ParagraphKind } from './article.ts';
import { isDataField } from './structure.ts';

/** Longer paragraphs are prose: furniture is short. */
const REPEATED_MAX_CHARS = 120;
/** A paragraph in at least this many articles of a source ... */
const REPEATED_MIN_ARTICLES = 3;
/** ... and in at least this share of them is that source's furniture. */
const REPEATED_MIN_SHARE = 0.1;

export const REPEATED_RULE = 'repeated-in-source';

/** The paragraphs a reader sees: the article's own arrays when nothing repeats. */
export interface VisibleParagraphs {
  paragraphs: string[];
  kinds: ParagraphKind[];
  /** Each visible paragraph's index in the article, when some are hidden. */
  from?: number[];
}

type Counted = Pick<Article, 'source' | 'paragraphs' | 'kinds'>;

export class RepeatedParagraphs {
  /** (source, paragraph) hash → articles of the source holding it. */
  private readonly counts = new Map<number, number>();
  /** Source → its articles. */
  private readonly articlesOfSource = new Map<string, number>();
  /** Changes whenever counts do, so cached views can tell they are stale. */
  private version = 0;
  private readonly views = new WeakMap<Counted, { version: number; view: VisibleParagraphs }>();

  add(article: Counted): void {
    this.change(article, 1);
  }

  remove(article: Counted): void {
    this.change(article, -1);
  }

  private change(article: Counted, delta: 1 | -1): void {
    const source = article.source ?? '';
    this.articlesOfSource.set(source, (this.articlesOfSource.get(source) ?? 0) + delta);
    if (this.articlesOfSource.get(source)! <= 0) this.articlesOfSource.delete(source);
    for (const key of keysOf(article)) {
      const count = (this.counts.get(key) ?? 0) + delta;
      if (count > 0) this.counts.set(key, count);
      else this.counts.delete(key);
    }
    this.version++;
  }

  /** How many of its source's articles hold paragraph `i`, when that makes it furniture; else 0. */
  repeatedCount(article: Counted, i: number): number {
    const text = article.paragraphs[i];
    if (text === undefined || !isCandidate(text, article.kinds[i] ?? 'text')) return 0;
    const source = article.source ?? '';
    const count = this.counts.get(paragraphKey(source, text)) ?? 0;
    const articles = this.articlesOfSource.get(source) ?? 0;
    return count >= REPEATED_MIN_ARTICLES && count >= articles * REPEATED_MIN_SHARE ? count : 0;
  }

  /** What the reader sees of an article: its paragraphs less its source's furniture. */
  view(article: Counted): VisibleParagraphs {
    const cached = this.views.get(article);
    if (cached?.version === this.version) return cached.view;
    const keep = article.paragraphs.map((_, i) => this.repeatedCount(article, i) === 0);
    const view = keep.every(Boolean)
      ? { paragraphs: article.paragraphs, kinds: article.kinds }
      : {
          paragraphs: article.paragraphs.filter((_, i) => keep[i]),
          kinds: article.kinds.filter((_, i) => keep[i]),
          from: keep.flatMap((kept, i) => (kept ? [i] : [])),
        };
    this.views.set(article, { version: this.version, view });
    return view;
  }
}

function isCandidate(text: string, kind: ParagraphKind): boolean {
  // `支持中文：是` repeats because it is a data field with a common value, not furniture.
  return kind !== 'code' && text.length <= REPEATED_MAX_CHARS && !isDataField(text);
}

/** Each candidate paragraph's key once: an article that repeats a line counts once. */
function keysOf(article: Counted): Set<number> {
  const keys = new Set<number>();
  const source = article.source ?? '';
  article.paragraphs.forEach((text, i) => {
    if (isCandidate(text, article.kinds[i] ?? 'text')) keys.add(paragraphKey(source, text));
  });
  return keys;
}

/** Two 32-bit FNV-1a style hashes of source and text, as one 53-bit integer. */
function paragraphKey(source: string, text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const mix = (code: number) => {
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  };
  for (let i = 0; i < source.length; i++) mix(source.charCodeAt(i));
  mix(0);
  for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
