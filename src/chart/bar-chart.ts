// A bar chart as an SVG we write ourselves, rasterised to PNG by resvg (a Rust renderer
// shipped as a prebuilt npm binary), with the one font in ./fonts and system fonts off:
// the same picture on any machine, fonts installed or not. Also the same bars as a text
// chart of block characters, for terminals.
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

/** A subset of Noto Sans CJK SC: printable ASCII and the CJK characters of the axis labels (see fonts/make-subset.sh). */
export const CHART_FONT_FILE = fileURLToPath(new URL('./fonts/NotoSansCJKsc-chart-subset.otf', import.meta.url));
const FONT_FAMILY = 'Noto Sans CJK SC';

/**
 * An opaque light card: Discord shows images as they are, so a transparent chart would need
 * colours readable on both its dark and its light background; an opaque one reads on both.
 */
const COLOURS = {
  background: '#ffffff',
  border: '#d1d5db',
  grid: '#e5e7eb',
  axis: '#6b7280',
  text: '#374151',
  bar: '#3b82f6',
  highlight: '#f97316',
};

export interface BarChartSpec {
  values: readonly number[];
  /** Bars drawn in the highlight colour (peaks). */
  highlight?: ReadonlySet<number>;
  /** A label under some bars: index → text. Only characters the font holds are drawn. */
  labels: ReadonlyMap<number, string>;
  width: number;
  height: number;
}

const FONT_SIZE = 14;
const MARGIN = { top: 20, right: 24, bottom: 40, left: 20 };

/** Width of a label at FONT_SIZE: CJK characters are square, Latin ones about half. */
export function labelWidth(text: string, fontSize = FONT_SIZE): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\uffef]/.test(ch) ? fontSize : fontSize * 0.6;
  return width;
}

/** Gridline values: 0 and steps of 1, 2 or 5 × 10ⁿ, about five of them, up to at least `max`. */
export function niceTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude);
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const px = (n: number) => Math.round(n * 10) / 10;

export function barChartSvg(spec: BarChartSpec): string {
  const { values, width, height } = spec;
  const max = Math.max(0, ...values);
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const yLabelWidth = Math.max(...ticks.map((t) => labelWidth(String(t)))) + 10;
  const left = MARGIN.left + yLabelWidth;
  const plotWidth = width - left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const baseline = MARGIN.top + plotHeight;
  const y = (v: number) => baseline - (v / top) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}">`,
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="8" fill="${COLOURS.background}" stroke="${COLOURS.border}"/>`,
  ];
  for (const t of ticks) {
    parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${left - 8}" y="${px(y(t) + FONT_SIZE * 0.35)}" text-anchor="end" fill="${COLOURS.text}">${t}</text>`);
  }
  const slot = values.length > 0 ? plotWidth / values.length : plotWidth;
  // Bars keep a gap while there is room for one; a hundred bars and more touch.
  const gap = slot >= 4 ? Math.min(slot * 0.2, 12) : 0;
  values.forEach((v, i) => {
    if (v <= 0) return;
    const colour = spec.highlight?.has(i) ? COLOURS.highlight : COLOURS.bar;
    const h = Math.max(1, baseline - y(v));
    parts.push(
      `<rect x="${px(left + i * slot + gap / 2)}" y="${px(baseline - h)}" width="${px(Math.max(1, slot - gap))}" height="${px(h)}" fill="${colour}"/>`,
    );
  });
  parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${baseline}" y2="${baseline}" stroke="${COLOURS.axis}"/>`);
  for (const [i, text] of spec.labels) {
    const x = left + (i + 0.5) * slot;
    parts.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${baseline}" y2="${baseline + 5}" stroke="${COLOURS.axis}"/>`);
    parts.push(`<text x="${px(x)}" y="${baseline + 8 + FONT_SIZE}" text-anchor="middle" fill="${COLOURS.text}">${escapeXml(text)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The SVG as a PNG; fonts only from CHART_FONT_FILE, so no system font is needed or used. */
export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [CHART_FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}

const BLOCKS = ' ▁▂▃▄▅▆▇█';

/**
 * Bars as rows of block characters, `rows` high, one column per value (values squeezed into
 * `columns` by their maximum when there are more), with the maximum on the first row's right.
 */
export function textBarChart(values: readonly number[], rows = 8, columns = 72): string[] {
  const squeezed: number[] = [];
  const per = Math.max(1, Math.ceil(values.length / columns));
  for (let i = 0; i < values.length; i += per) squeezed.push(Math.max(...values.slice(i, i + per)));
  const max = Math.max(0, ...squeezed);
  const lines: string[] = [];
  for (let row = rows - 1; row >= 0; row--) {
    let line = '';
    for (const v of squeezed) {
      // Any article at all shows at least the lowest block.
      const level = v > 0 ? Math.max(1, Math.round((v / max) * rows * 8)) : 0;
      const eighths = level - row * 8;
      line += BLOCKS[Math.max(0, Math.min(8, eighths))];
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
