// A topic over time: scored matches counted per day, week or month, with the busiest periods
// and their best article. Pure, so the engine, the console and the tests share it; dates are
// the Beijing calendar days the corpus gives (`YYYY-MM-DD`), and no year is ever made up.
import type { ArticleDate } from '../corpus/article.ts';
import type { RelatedArticle, TimelineGranularity, TimelinePeriod, TimelineSeries } from './types.ts';

/**
 * An article counts when it scores at least this many times what a passing mention scores
 * (each query term once in a body of average length). Chosen with `npm run bench:timeline`,
 * see the README ("/timeline: what is counted").
 */
export const TIMELINE_RELEVANCE_FACTOR = 1.2;
/** Ranges up to this many days are drawn per day, up to PER_WEEK_MAX_DAYS per week, longer ones per month. */
const PER_DAY_MAX_DAYS = 31;
const PER_WEEK_MAX_DAYS = 26 * 7;
/** Peak lines under the chart. */
export const TIMELINE_PEAKS = 3;

const DAY_MS = 86_400_000;

export interface ScoredMatch {
  score: number;
  /** `YYYY-MM-DD` when the year is known. */
  day: string | null;
  date: ArticleDate | null;
  /** The article (or just what a reply shows of it): only tops and the first are copied into the series. */
  article: RelatedArticle;
}

/** What the series keeps of an article: the fields a reply shows, never its text. */
const shown = ({ id, title, date, source, url }: RelatedArticle): RelatedArticle => ({ id, title, date, source, url });

export interface TimelineInput {
  query: string;
  terms: string[];
  /** Every match, best first (as search ranks them). */
  matches: readonly ScoredMatch[];
  /** What a passing mention scores (see TIMELINE_RELEVANCE_FACTOR). */
  passingScore: number;
  factor?: number;
  from?: string;
  to?: string;
  granularity?: TimelineGranularity;
}

/** Days since 1970-01-01 of a calendar day; the calendar, not an instant, so no zone applies. */
export function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

export function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the period holding `day`. Weeks start on Monday (1970-01-01 was a Thursday). */
export function periodStart(day: string, granularity: TimelineGranularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const n = dayNumber(day);
  return dayOf(n - ((n + 3) % 7));
}

/** The first day of the period after the one starting on `start`. */
function nextPeriod(start: string, granularity: TimelineGranularity): string {
  if (granularity === 'day') return dayOf(dayNumber(start) + 1);
  if (granularity === 'week') return dayOf(dayNumber(start) + 7);
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** Days for short ranges, weeks for up to half a year, months beyond. */
export function granularityFor(from: string, to: string): TimelineGranularity {
  const days = dayNumber(to) - dayNumber(from) + 1;
  return days <= PER_DAY_MAX_DAYS ? 'day' : days <= PER_WEEK_MAX_DAYS ? 'week' : 'month';
}

/** Earlier date first; for the same day, the earlier time, then the id. */
function earlier(a: ScoredMatch, b: ScoredMatch): number {
  return (a.date?.timestamp ?? 0) - (b.date?.timestamp ?? 0) || (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0);
}

export function buildTimeline(input: TimelineInput): TimelineSeries {
  const factor = input.factor ?? TIMELINE_RELEVANCE_FACTOR;
  const threshold = factor * input.passingScore;
  let passing = 0;
  let yearless = 0;
  let undated = 0;
  const dated: ScoredMatch[] = [];
  let minDay: string | null = null;
  let maxDay: string | null = null;
  for (const m of input.matches) {
    if (m.score < threshold) passing++;
    else if (m.day !== null) {
      dated.push(m);
      if (minDay === null || m.day < minDay) minDay = m.day;
      if (maxDay === null || m.day > maxDay) maxDay = m.day;
    } else if (m.date) yearless++;
    else undated++;
  }
  const from = input.from ?? minDay;
  const to = input.to ?? maxDay ?? input.from ?? null;
  const granularity = input.granularity ?? (from && to && from <= to ? granularityFor(from, to) : 'month');
  const periods: TimelinePeriod[] = [];
  const at = new Map<string, number>();
  if (from && to && from <= to) {
    const last = periodStart(to, granularity);
    for (let start = periodStart(from, granularity); start <= last; start = nextPeriod(start, granularity)) {
      at.set(start, periods.length);
      periods.push({ start, end: dayOf(dayNumber(nextPeriod(start, granularity)) - 1), count: 0, top: null });
    }
  }
  // Matches come best first: the first one seen in a period is its top article.
  let first: ScoredMatch | null = null;
  let counted = 0;
  for (const m of dated) {
    const i = at.get(periodStart(m.day!, granularity));
    if (i === undefined) continue;
    const period = periods[i]!;
    period.count++;
    period.top ??= shown(m.article);
    counted++;
    if (!first || earlier(m, first) < 0) first = m;
  }
  const peaks = periods
    .map((p, i) => ({ count: p.count, i }))
    .filter((p) => p.count > 0)
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .slice(0, TIMELINE_PEAKS)
    .map((p) => p.i)
    .sort((a, b) => a - b);
  return {
    query: input.query,
    terms: input.terms,
    granularity,
    periods,
    counted,
    passing,
    yearless,
    undated,
    peaks,
    first: first ? shown(first.article) : null,
    threshold: { factor, score: Math.round(threshold * 1000) / 1000 },
    tookMs: 0,
  };
}
