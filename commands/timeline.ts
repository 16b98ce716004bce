// /timeline: a topic over time. Matching articles counted per month (or week, or day for
// short ranges) as a bar chart attached to an embed, with a line per peak period naming its
// best article. The query stays in the embed, never in the image, so the chart's small font
// holds every character it draws.
import { SlashCommandBuilder, type APIEmbed, type APIEmbedField } from 'discord.js';
import { periodLabel, timelineChartPng, timelineTextChart } from '../src/chart/timeline-chart.ts';
import type { TimelinePeriod, TimelineSeries } from '../src/search/types.ts';
import { UserInputError } from '../src/search/types.ts';
import type { CommandContext } from '../src/discord/command.ts';
import { described } from '../src/discord/describe.ts';
import { escapeMarkdown, metaLine, titleLink } from '../src/discord/format.ts';
import { langOf, t, type Lang } from '../src/discord/i18n.ts';
import { NO_MENTIONS, type AutocompleteLike, type PayloadFile, type ReplyPayload, type SlashInteraction } from '../src/discord/interaction.ts';
import { LIMITS } from '../src/discord/limits.ts';
import { respond } from '../src/discord/respond.ts';
import { sourceChoices } from '../src/discord/source-choices.ts';
import { fitList, truncateLine } from '../src/discord/truncate.ts';
import { heavyWork } from '../src/discord/work-queue.ts';

const EMBED_COLOR = 0x3b82f6;
export const TIMELINE_FILE = 'timeline.png';
/** A title in a peak line is cut here, so three peaks and the first article fit one field each. */
const TITLE_MAX = 120;

export const data = described(new SlashCommandBuilder().setName('timeline'), 'timeline.description')
  .addStringOption((o) => described(o.setName('query').setRequired(true).setMaxLength(200), 'timeline.query'))
  .addStringOption((o) => described(o.setName('from').setMaxLength(10), 'timeline.from'))
  .addStringOption((o) => described(o.setName('to').setMaxLength(10), 'timeline.to'))
  .addStringOption((o) => described(o.setName('source').setAutocomplete(true).setMaxLength(100), 'timeline.source'));

export interface TimelineRequest {
  query: string;
  from: string | null;
  to: string | null;
  source: string | null;
}

function readRequest(interaction: SlashInteraction): TimelineRequest {
  const query = interaction.options.getString('query', true)?.trim() ?? '';
  if (query === '') throw new UserInputError('empty-query', 'the query is empty');
  return {
    query,
    from: interaction.options.getString('from')?.trim() || null,
    to: interaction.options.getString('to')?.trim() || null,
    source: interaction.options.getString('source')?.trim() || null,
  };
}

/** A period as people say it: `2020年6月`, `2020年5月4日 起的一周`, `Jun 2020`. */
function periodText(period: TimelinePeriod, series: TimelineSeries, lang: Lang): string {
  const label = periodLabel(period.start, series.granularity, lang, true);
  return series.granularity === 'week' ? t(lang, 'timeline.weekOf', { day: label }) : label;
}

function articleLine(article: NonNullable<TimelinePeriod['top']>, lang: Lang): string {
  const meta = metaLine(article.source, article.date, lang);
  const link = titleLink(truncateLine(article.title ?? article.id, TITLE_MAX), article.url);
  return meta ? `${link} · ${meta}` : link;
}

/** The embed (and the chart, when there are periods to draw). */
export function renderTimeline(series: TimelineSeries, request: TimelineRequest, lang: Lang): ReplyPayload {
  const query = escapeMarkdown(request.query);
  const filters = [request.source && t(lang, 'search.filter.source', { source: escapeMarkdown(request.source) })].filter(Boolean);
  const periods = series.periods;
  const unit = t(lang, `timeline.unit.${series.granularity}`);
  // Weeks are spoken of by their days: from the first Monday to the last Sunday.
  const rangeUnit = series.granularity === 'week' ? 'day' : series.granularity;
  const last = periods[periods.length - 1];
  const range = last && {
    from: periodLabel(periods[0]!.start, rangeUnit, lang, true),
    to: periodLabel(series.granularity === 'week' ? last.end : last.start, rangeUnit, lang, true),
  };
  const lines = [
    series.counted > 0 && range ? t(lang, 'timeline.counted', { unit, count: series.counted, ...range }) : t(lang, 'timeline.none', { query }),
    series.passing > 0 && t(lang, 'timeline.passing', { count: series.passing }),
    series.yearless > 0 && t(lang, 'timeline.yearless', { count: series.yearless }),
    series.undated > 0 && t(lang, 'timeline.undated', { count: series.undated }),
    filters.length > 0 && t(lang, 'search.filters', { filters: filters.join('，') }),
  ].filter((line): line is string => typeof line === 'string' && line !== '');
  const fields: APIEmbedField[] = [];
  if (series.peaks.length > 0) {
    const peakLines = series.peaks.map((i) => {
      const p = periods[i]!;
      return t(lang, 'timeline.peak', { period: periodText(p, series, lang), count: p.count, top: p.top ? articleLine(p.top, lang) : '' });
    });
    fields.push({ name: t(lang, 'timeline.peaks'), value: fitList(peakLines, LIMITS.fieldValue, (count) => t(lang, 'list.more', { count })) });
  }
  if (series.first) fields.push({ name: t(lang, 'timeline.first'), value: articleLine(series.first, lang) });
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: truncateLine(t(lang, 'timeline.title', { query }), LIMITS.embedTitle),
    description: lines.join('\n'),
    ...(fields.length > 0 && { fields }),
    footer: { text: t(lang, 'timeline.footer', { factor: series.threshold.factor }) },
  };
  const files: PayloadFile[] = [];
  if (series.counted > 0 && range) {
    const chart = timelineChartPng(series, lang);
    if (chart.png.length <= LIMITS.attachmentBytes) {
      const alt = t(lang, 'timeline.alt', { query: request.query, unit, count: series.counted, ...range });
      files.push({
        attachment: chart.png,
        name: TIMELINE_FILE,
        description: truncateLine(alt, LIMITS.attachmentDescription),
        text: timelineTextChart(series, lang).join('\n'),
      });
      embed.image = { url: `attachment://${TIMELINE_FILE}`, width: chart.width, height: chart.height };
    }
  }
  return { embeds: [embed], ...(files.length > 0 && { files }), allowedMentions: NO_MENTIONS };
}

export async function execute(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
  const request = readRequest(interaction); // before deferring, so bad input gets a private reply
  const lang = langOf(interaction.locale);
  // Counting and drawing take tens of milliseconds on a big corpus: acknowledge first.
  await interaction.deferReply();
  const payload = await heavyWork.run(() => {
    const series = ctx.library.timeline(request.query, {
      ...(request.from && { from: request.from }),
      ...(request.to && { to: request.to }),
      ...(request.source && { source: request.source }),
    });
    return renderTimeline(series, request, lang);
  });
  await respond(interaction, payload, ctx.logger);
}

/** Autocomplete for `source`, as /search offers it. */
export async function autocomplete(interaction: AutocompleteLike, ctx: CommandContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  await interaction.respond(focused.name === 'source' ? sourceChoices(ctx.library, focused.value) : []);
}
