// The chart: a PNG of the stated size for empty, one-period and ten-year series, labels that
// fit the width without touching and use only characters the font subset holds, and the
// text chart for terminals.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FILE, labelWidth, niceTicks, textBarChart } from '../../src/chart/bar-chart.ts';
import {
  AXIS_CHARACTERS,
  axisLabels,
  timelineChartPng,
  timelineTextChart,
  TIMELINE_CHART_HEIGHT,
  TIMELINE_CHART_WIDTH,
  type AxisLanguage,
} from '../../src/chart/timeline-chart.ts';
import { buildTimeline, type ScoredMatch } from '../../src/search/timeline.ts';
import { dateFromDay } from '../../src/corpus/dates.ts';
import type { TimelineSeries } from '../../src/search/types.ts';

function monthly(from: number, years: number): TimelineSeries {
  const matches: ScoredMatch[] = [];
  for (let y = from; y < from + years; y++) {
    for (let m = 1; m <= 12; m++) {
      for (let k = 0; k < (y * 12 + m) % 7; k++) {
        const day = `${y}-${String(m).padStart(2, '0')}-1${k}`;
        const date = dateFromDay(y, m, 10 + k);
        matches.push({ score: 5, day, date, article: { id: day, title: day, date, source: null, url: null } });
      }
    }
  }
  return buildTimeline({ query: 'q', terms: ['q'], matches, passingScore: 1 });
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

const LANGS: AxisLanguage[] = ['zh-CN', 'zh-TW', 'en-US'];

describe('the timeline chart', () => {
  it.each([
    ['ten years of months', monthly(2011, 10)],
    ['one period', buildTimeline({ query: 'q', terms: [], matches: [], passingScore: 1, from: '2021-05-01', to: '2021-05-01' })],
    ['a range with nothing in it', buildTimeline({ query: 'q', terms: [], matches: [], passingScore: 1, from: '2021-05-01', to: '2021-05-20' })],
  ])('%s renders a PNG of the stated size, small enough for Discord', (_name, series) => {
    const { png, width, height } = timelineChartPng(series, 'zh-CN');
    expect([width, height]).toEqual([TIMELINE_CHART_WIDTH, TIMELINE_CHART_HEIGHT]);
    expect(pngSize(png)).toEqual([width, height]);
    expect(png.length).toBeLessThan(200_000);
  });

  it.each(LANGS)('ten years of months: labels in %s do not touch, and the font has their characters', (lang) => {
    const series = monthly(2011, 10);
    const plot = TIMELINE_CHART_WIDTH - 90;
    const labels = axisLabels(series, lang, plot);
    expect(labels.size).toBeGreaterThanOrEqual(5);
    const slot = plot / series.periods.length;
    const entries = [...labels].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < entries.length; i++) {
      const [prev, prevText] = entries[i - 1]!;
      const [at, text] = entries[i]!;
      expect((at - prev) * slot).toBeGreaterThan((labelWidth(prevText) + labelWidth(text)) / 2);
    }
    for (const [, text] of labels) for (const ch of text) expect(ch.charCodeAt(0) < 0x7f || AXIS_CHARACTERS.includes(ch)).toBe(true);
  });

  it('the labels say the year where it is needed and the month in the reader’s language', () => {
    const series = buildTimeline({ query: 'q', terms: [], matches: [], passingScore: 1, from: '2020-11-01', to: '2021-10-31' });
    expect([...axisLabels(series, 'zh-CN', 910).values()]).toContain('2021年1月');
    expect([...axisLabels(series, 'en-US', 910).values()]).toContain('Jan 2021');
  });

  it('the shipped font subset is a font file, with its licence beside it', () => {
    const font = readFileSync(CHART_FONT_FILE);
    expect(font.subarray(0, 4).toString('latin1')).toBe('OTTO');
    expect(font.length).toBeLessThan(50_000);
    expect(readFileSync(new URL('../../src/chart/fonts/OFL.txt', import.meta.url), 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });

  it('gridlines are round numbers up to at least the maximum', () => {
    expect(niceTicks(12)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('the text chart: one column per period (squeezed past the width), any article at least the lowest block', () => {
    const rows = textBarChart([0, 1, 8, 100], 4);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toBe(' ▁▃█');
    expect(rows[0]).toBe('   █');
    expect(
      textBarChart(
        Array.from({ length: 200 }, () => 1),
        2,
        50,
      )[1],
    ).toHaveLength(50);
    const text = timelineTextChart(monthly(2011, 2), 'zh-CN');
    expect(text.at(-1)).toMatch(/^2011年1月 +2012年12月$/);
  });
});
