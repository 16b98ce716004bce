// A timeline series as a chart: period labels in the reader's language, thinned so they never
// overlap, peaks highlighted; as a PNG for Discord and as block characters for terminals.
// Only dates are drawn (no query, no titles), so the font subset holds every character needed.
import type { TimelineGranularity, TimelineSeries } from '../search/types.ts';
import { barChartSvg, labelWidth, renderPng, textBarChart } from './bar-chart.ts';

/** The languages axis labels are written in (the bot's reply languages). */
export type AxisLanguage = 'zh-CN' | 'zh-TW' | 'en-US';

/** Every non-ASCII character a label can hold: the font subset must have them (fonts/make-subset.sh). */
export const AXIS_CHARACTERS = '年月日';

export const TIMELINE_CHART_WIDTH = 1000;
export const TIMELINE_CHART_HEIGHT = 420;
/** Room between two labels, in pixels. */
const LABEL_GAP = 14;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parts {
  year: number;
  month: number;
  day: number;
}

const partsOf = (day: string): Parts => ({ year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) });

/** One period's label; `withYear` on the first label and where the year changes. */
export function periodLabel(start: string, granularity: TimelineGranularity, lang: AxisLanguage, withYear: boolean, yearOnly = false): string {
  const { year, month, day } = partsOf(start);
  const en = lang === 'en-US';
  if (yearOnly) return en ? String(year) : `${year}年`;
  if (granularity === 'month') {
    if (en) return withYear ? `${MONTHS_EN[month - 1]} ${year}` : MONTHS_EN[month - 1]!;
    return withYear ? `${year}年${month}月` : `${month}月`;
  }
  if (en) return withYear ? `${MONTHS_EN[month - 1]} ${day}, ${year}` : `${MONTHS_EN[month - 1]} ${day}`;
  return withYear ? `${year}年${month}月${day}日` : `${month}月${day}日`;
}

/** Label every `step` periods: steps that fall on round calendar units. */
const STEPS: Record<TimelineGranularity, number[]> = {
  day: [1, 2, 7, 14],
  week: [1, 2, 4, 8, 13, 26],
  month: [1, 2, 3, 6, 12, 24, 60, 120],
};

/** Which periods get a label, and what it says: as many as fit without touching. */
export function axisLabels(series: Pick<TimelineSeries, 'periods' | 'granularity'>, lang: AxisLanguage, plotWidth: number): Map<number, string> {
  const { periods, granularity } = series;
  const labels = new Map<number, string>();
  if (periods.length === 0) return labels;
  const slot = plotWidth / periods.length;
  const widest = Math.max(...periods.map((p, i) => labelWidth(periodLabel(p.start, granularity, lang, i === 0))));
  const need = Math.ceil((widest + LABEL_GAP) / slot);
  const steps = STEPS[granularity];
  const step = steps.find((s) => s >= need) ?? Math.ceil(need / steps[steps.length - 1]!) * steps[steps.length - 1]!;
  const yearOnly = granularity === 'month' && step >= 12;
  // Months are labelled on round months (January, April…), days and weeks from the first.
  const onStep = (start: string, i: number) => {
    if (granularity !== 'month') return i % step === 0;
    const { year, month } = partsOf(start);
    return (year * 12 + month - 1) % step === 0;
  };
  let lastYear: number | null = null;
  periods.forEach((p, i) => {
    if (!onStep(p.start, i)) return;
    const year = partsOf(p.start).year;
    labels.set(i, periodLabel(p.start, granularity, lang, lastYear === null || year !== lastYear, yearOnly));
    lastYear = year;
  });
  // A range shorter than one step still says where it is.
  if (labels.size === 0) labels.set(0, periodLabel(periods[0]!.start, granularity, lang, true, yearOnly));
  return labels;
}

/** Left and right margins bar-chart.ts leaves around the plot, about: labels are thinned for this width. */
const PLOT_MARGINS = 90;

/** The chart as a PNG, with its size. */
export function timelineChartPng(series: TimelineSeries, lang: AxisLanguage): { png: Buffer; width: number; height: number } {
  const width = TIMELINE_CHART_WIDTH;
  const height = TIMELINE_CHART_HEIGHT;
  const svg = barChartSvg({
    values: series.periods.map((p) => p.count),
    highlight: new Set(series.peaks),
    labels: axisLabels(series, lang, width - PLOT_MARGINS),
    width,
    height,
  });
  return { png: renderPng(svg), width, height };
}

/** The chart in block characters, with the first and last period under it. */
export function timelineTextChart(series: TimelineSeries, lang: AxisLanguage, columns = 72): string[] {
  const { periods, granularity } = series;
  if (periods.length === 0) return [];
  const counts = periods.map((p) => p.count);
  const bars = textBarChart(counts, 8, columns);
  const max = Math.max(...counts);
  const width = Math.max(...bars.map((b) => [...b].length), 1);
  const first = periodLabel(periods[0]!.start, granularity, lang, true);
  const last = periodLabel(periods[periods.length - 1]!.start, granularity, lang, true);
  const axis = '─'.repeat(width);
  const under = periods.length > 1 ? `${first}${' '.repeat(Math.max(1, width - labelColumns(first) - labelColumns(last)))}${last}` : first;
  return [...bars.map((b, i) => (i === 0 ? `${b.padEnd(width)} ${max}` : b)), axis, under];
}

/** Terminal columns: CJK characters take two. */
function labelColumns(text: string): number {
  return [...text].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
}
