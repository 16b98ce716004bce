// /sources: how many articles, from which sources, over which dates, and what was skipped.
import { SlashCommandBuilder, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { CorpusStats } from '../src/search/types.ts';
import type { CommandContext } from '../src/discord/command.ts';
import { shardStatesField, skippedList } from '../src/discord/corpus-fields.ts';
import { described } from '../src/discord/describe.ts';
import { escapeMarkdown } from '../src/discord/format.ts';
import { langOf, t, type Lang } from '../src/discord/i18n.ts';
import { NO_MENTIONS, type ReplyPayload, type SlashInteraction } from '../src/discord/interaction.ts';
import { LIMITS } from '../src/discord/limits.ts';
import { respond } from '../src/discord/respond.ts';
import type { ShardState } from '../src/discord/shard-fleet.ts';
import { fitList, truncateLine } from '../src/discord/truncate.ts';

const EMBED_COLOR = 0xf59e0b;

export const data = described(new SlashCommandBuilder().setName('sources'), 'sources.description');

export function renderSources(stats: CorpusStats, lang: Lang, shardStates?: readonly ShardState[]): ReplyPayload {
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
  if (shardStates) fields.push(shardStatesField(shardStates, lang));
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: t(lang, 'sources.title'),
    description: stats.articles > 0 ? t(lang, 'sources.articles', { articles: stats.articles }) : t(lang, 'sources.empty'),
    fields,
    ...(stats.loadedAt > 0 && { footer: { text: t(lang, 'sources.loadedAt') }, timestamp: new Date(stats.loadedAt).toISOString() }),
  };
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

export async function execute(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
  const lang = langOf(interaction.locale);
  let shardStates: ShardState[] | undefined;
  if (ctx.fleet) {
    // This shard's own numbers stay in the reply even when the others cannot be asked.
    shardStates = await ctx.fleet.statusAll().then(
      (answer) => answer.states,
      (err: unknown) => [{ shards: [], error: t(lang, 'shards.unreachable', { reason: err instanceof Error ? err.message : String(err) }) }],
    );
  }
  await respond(interaction, renderSources(ctx.library.stats(), lang, shardStates), ctx.logger);
}
