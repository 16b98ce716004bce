// /sources: how many articles, from which sources, over which dates, and what was skipped.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { CorpusStats } from '../../search/types.ts';
import type { CommandContext } from '../command.ts';
import { escapeMarkdown } from '../format.ts';
import { langOf, t, type Lang } from '../i18n.ts';
import { NO_MENTIONS, type ReplyPayload, type SlashInteraction } from '../interaction.ts';
import { LIMITS } from '../limits.ts';
import { respond } from '../respond.ts';
import { fitList, truncateLine } from '../truncate.ts';

const EMBED_COLOR = 0xf59e0b;
const REASON_MAX = 200;

/** `file — reason` lines, as many as fit in one field. */
export function skippedList(skipped: CorpusStats['skipped'], lang: Lang): string {
  return fitList(
    skipped.map((s) => `${escapeMarkdown(s.file)} — ${escapeMarkdown(truncateLine(s.reason, REASON_MAX))}`),
    LIMITS.fieldValue,
    (count) => t(lang, 'list.more', { count }),
  );
}

export function renderSources(stats: CorpusStats, lang: Lang): ReplyPayload {
  const fields: APIEmbedField[] = [];
  if (stats.sources.length > 0) {
    fields.push({
      name: t(lang, 'sources.sources'),
      value: fitList(
        stats.sources.map((s) => `${escapeMarkdown(truncateLine(s.source, 200)) || t(lang, 'sources.noSource')} — ${s.count}`),
        LIMITS.fieldValue,
        (count) => t(lang, 'list.more', { count }),
      ),
    });
  }
  fields.push({
    name: t(lang, 'sources.dateRange'),
    value: stats.dateRange ? t(lang, 'sources.dateRangeValue', stats.dateRange) : t(lang, 'sources.noDates'),
  });
  if (stats.skipped.length > 0) {
    fields.push({ name: t(lang, 'sources.skipped', { count: stats.skipped.length }), value: skippedList(stats.skipped, lang) });
  }
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: t(lang, 'sources.title'),
    description: stats.articles > 0 ? t(lang, 'sources.articles', { articles: stats.articles }) : t(lang, 'sources.empty'),
    fields,
    ...(stats.loadedAt > 0 && { footer: { text: t(lang, 'sources.loadedAt') }, timestamp: new Date(stats.loadedAt).toISOString() }),
  };
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

export async function executeSources(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
  await respond(interaction, renderSources(ctx.library.stats(), langOf(interaction.locale)), ctx.logger);
}
