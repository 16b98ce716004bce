// The timeline series: periods, the threshold, dates without a year, peaks; and the engine's
// timeline on a corpus whose topic rises and falls, with passing mentions that must not count.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTimelineCorpus, PASSING_PER_MONTH, TIMELINE_TOPIC, TOPIC_PER_MONTH, type TimelineCorpus } from '../../src/bench/timeline-corpus.ts';
import { dateFromDay, dateFromMonthDay } from '../../src/corpus/dates.ts';
import { openLibrary, type CorpusLibrary } from '../../src/library.ts';
import { buildTimeline, granularityFor, periodStart, type ScoredMatch } from '../../src/search/timeline.ts';
import { UserInputError } from '../../src/search/types.ts';

function match(day: string | null, score = 10, id = `${day}-${score}`): ScoredMatch {
  const date = day ? dateFromDay(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))) : null;
  return { score, day, date, article: { id, title: id, date, source: null, url: null } };
}

const series = (matches: ScoredMatch[], extra: { from?: string; to?: string; passingScore?: number } = {}) =>
  buildTimeline({ query: 'q', terms: ['q'], matches, passingScore: extra.passingScore ?? 1, ...extra });

describe('buildTimeline', () => {
  it('weeks start on Monday; months on the 1st', () => {
    expect(periodStart('2021-11-07', 'week')).toBe('2021-11-01'); // a Sunday
    expect(periodStart('2021-11-01', 'week')).toBe('2021-11-01'); // a Monday
    expect(periodStart('2021-11-20', 'month')).toBe('2021-11-01');
  });

  it('days up to a month, weeks up to half a year, months beyond', () => {
    expect(granularityFor('2021-01-01', '2021-01-31')).toBe('day');
    expect(granularityFor('2021-01-01', '2021-02-01')).toBe('week');
    expect(granularityFor('2021-01-01', '2021-06-30')).toBe('week');
    expect(granularityFor('2021-01-01', '2021-07-31')).toBe('month');
  });

  it('counts per period with the empty ones between, the best match as top, and leaves passing mentions out', () => {
    const s = series([match('2021-07-05', 9), match('2021-01-10', 8), match('2021-07-20', 7), match('2021-04-02', 0.5)], { passingScore: 1 });
    expect(s.granularity).toBe('month');
    expect(s.periods.map((p) => [p.start, p.count])).toEqual([
      ['2021-01-01', 1],
      ['2021-02-01', 0],
      ['2021-03-01', 0],
      ['2021-04-01', 0],
      ['2021-05-01', 0],
      ['2021-06-01', 0],
      ['2021-07-01', 2],
    ]);
    expect(s.periods[6]!.top?.id).toBe('2021-07-05-9');
    expect(s.periods[6]!.end).toBe('2021-07-31');
    expect(s.passing).toBe(1);
    expect(s.counted).toBe(3);
    expect(s.first?.id).toBe('2021-01-10-8');
    expect(s.peaks).toEqual([0, 6]);
  });

  it('counts a dateline without a year and an undated article apart, in no period', () => {
    const yearless = match(null, 10, 'dateline');
    yearless.date = dateFromMonthDay(4, 30);
    const s = series([match('2021-05-01'), yearless, match(null, 10, 'undated')]);
    expect(s.yearless).toBe(1);
    expect(s.undated).toBe(1);
    expect(s.counted).toBe(1);
    expect(s.periods.every((p) => p.start.startsWith('2021-05'))).toBe(true);
  });

  it('nothing found: no periods; a range given: its periods, all empty', () => {
    expect(series([]).periods).toEqual([]);
    const ranged = series([], { from: '2021-01-01', to: '2021-01-10' });
    expect(ranged.granularity).toBe('day');
    expect(ranged.periods).toHaveLength(10);
    expect(ranged.peaks).toEqual([]);
  });

  it('one day: one period; ten years: 120 months, three peaks in time order', () => {
    expect(series([match('2021-05-01')]).periods).toHaveLength(1);
    const matches: ScoredMatch[] = [];
    for (let y = 2011; y <= 2020; y++) for (let m = 1; m <= 12; m++) matches.push(match(`${y}-${String(m).padStart(2, '0')}-15`));
    matches.push(match('2019-07-02'), match('2013-03-03'), match('2013-03-04'), match('2016-01-09'));
    const s = series(matches);
    expect(s.periods).toHaveLength(120);
    expect(s.peaks.map((i) => s.periods[i]!.start)).toEqual(['2013-03-01', '2016-01-01', '2019-07-01']);
  });
});

describe('the engine timeline on a topic that rises and falls', () => {
  let dir: string;
  let corpus: TimelineCorpus;
  let library: CorpusLibrary;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'timeline-'));
    corpus = await writeTimelineCorpus(dir);
    library = await openLibrary({ corpusDir: dir, tokenizerThread: false });
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('counts the articles about it month by month, not the ones that mention it in passing', () => {
    const s = library.timeline(TIMELINE_TOPIC);
    // Every passing mention matches as /search matches…
    expect(library.search(TIMELINE_TOPIC).total).toBe(corpus.about + corpus.passing + corpus.yearless + corpus.undated);
    // …and none is counted.
    expect(s.passing).toBe(corpus.passing);
    expect(s.counted).toBe(corpus.about);
    expect(s.granularity).toBe('month');
    const first = TOPIC_PER_MONTH.findIndex((n) => n > 0);
    expect(s.periods.map((p) => p.count)).toEqual(TOPIC_PER_MONTH.slice(first));
    expect(s.yearless).toBe(1);
    expect(s.undated).toBe(1);
    expect(s.periods[s.peaks[1]!]!.start).toBe('2020-06-01');
    expect(PASSING_PER_MONTH).toBeGreaterThan(0);
  });

  it('filters by date as /search does, and refuses a malformed date', () => {
    const s = library.timeline(TIMELINE_TOPIC, { from: '2020-06-01', to: '2020-06-30' });
    expect(s.granularity).toBe('day');
    expect(s.periods).toHaveLength(30);
    expect(s.counted).toBe(TOPIC_PER_MONTH[17]);
    expect(s.yearless).toBe(0); // no year: never inside a date range
    expect(() => library.timeline(TIMELINE_TOPIC, { from: '2020/06/01' })).toThrow(UserInputError);
  });
});
