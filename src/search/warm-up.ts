// Searches made from the corpus itself, run once after a process's first load so that V8
// compiles the query path, with type feedback from every kind of query, before people search.
// Left to the first users, this costs them: in one fresh process at 10,000 articles, the
// pastes' p99 over 1,000 queries was about 1.5 × what it was on a second pass over the same
// queries, mostly ranking and excerpt code running unoptimised after a deopt while TurboFan
// recompiled it. With the warm-up, the scale bench's pastes' p99 halved (README, Scale).
import type { Article } from '../corpus/article.ts';
import type { Mode } from './engine.ts';
import type { SearchOptions } from './types.ts';

export interface WarmUpQuery {
  mode: Mode;
  text: string;
  options?: SearchOptions;
  /** Also make this article's summary, as /summary does. */
  summary?: string;
}

/** Articles the warm-up is made from, spread over the corpus: each gives eight searches. */
export const WARM_UP_ARTICLES = 40;
/** Of those, the ones summarised too. */
const WARM_UP_SUMMARIES = 10;

/** `length` code points of `text` from code point `at`, or from the start when it is shorter. */
function cut(points: readonly string[], at: number, length: number): string {
  const from = points.length >= at + length ? at : 0;
  return points.slice(from, from + length).join('');
}

/**
 * The warm-up searches for `articles` (all live ones; `count` of them are used, evenly spaced):
 * a keyword from the title, 20 and 120 characters of text, a question, a quoted phrase, an
 * exclusion, and a keyword filtered by source and date and sorted by date: the shapes and
 * options people use, each through its own code.
 */
export function warmUpQueries(articles: readonly Article[], count = WARM_UP_ARTICLES): WarmUpQuery[] {
  const queries: WarmUpQuery[] = [];
  const step = Math.max(1, articles.length / count);
  for (let k = 0; k < count && Math.floor(k * step) < articles.length; k++) {
    const article = articles[Math.floor(k * step)]!;
    const points = [...article.paragraphs.join('').slice(0, 2000)];
    const title = [...(article.title ?? '')];
    const keyword = title.length > 0 ? cut(title, 0, 4) : cut(points, 0, 4);
    if (!keyword.trim()) continue;
    queries.push({ mode: 'search', text: keyword, ...(k < WARM_UP_SUMMARIES ? { summary: article.id } : {}) });
    const day = article.date?.year != null ? article.date.iso.slice(0, 10) : undefined;
    queries.push({
      mode: 'search',
      text: keyword,
      options: { sort: 'newest', ...(article.source ? { source: article.source } : {}), ...(day ? { from: day, to: day } : {}) },
    });
    if (points.length === 0) continue;
    queries.push(
      { mode: 'search', text: cut(points, 10, 20) },
      { mode: 'search', text: cut(points, 0, 120) },
      { mode: 'ask', text: `${cut(points, 30, 8)}是什么？` },
      // Eight characters quoted, four excluded: rare enough that few articles are read to check
      // them. A common word quoted can take 300 ms at 50,000 articles, which searches sent
      // meanwhile would wait for.
      { mode: 'search', text: `"${cut(points, 12, 8)}" ${keyword}` },
      { mode: 'search', text: `${keyword} -${cut(points, 60, 4)}` },
      { mode: 'search', text: cut(points, 40, 20), options: { offset: 5 } },
    );
  }
  return queries;
}
