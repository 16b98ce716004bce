// /sources: how many articles, from which sources, over which dates, and what was skipped.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { CorpusStats } from '../../search/types.ts';
import type { CommandContext } from '../command.ts';
import type { ShardState } from '../shard-fleet.ts';
import { escapeMarkdown } from '../format.ts';
import { langOf, t, type Lang } from '../i18n.ts';
import { NO_MENTIONS, type ReplyPayload, type SlashInteraction } from '../interaction.ts';
import { LIMITS } from '../limits.ts';
import { respond } from '../respond.ts';
import { fitList, truncateLine } from '../truncate.ts';

const EMBED_COLOR = 0xf59e0b;
const REASON_MAX = 200;
/** Enough of a corpus fingerprint to tell versions apart. */
const VERSION_CHARS = 8;

/** `file — reason` lines, as many as fit in one field. */
export function skippedList(skipped: CorpusStats['skipped'], lang: Lang): string {
  return fitList(
    skipped.map((s) => `${escapeMarkdown(s.file)} — ${escapeMarkdown(truncateLine(s.reason, REASON_MAX))}`),
    LIMITS.fieldValue,
    (count) => t(lang, 'list.more', { count }),
  );
}

/**
 * One line per corpus version with the shards serving it, then one per shard that failed or
 * did not answer, so drift between shard processes is visible.
 */
export function shardStatesField(states: readonly ShardState[], lang: Lang): APIEmbedField {
  const versions = new Map<string, { articles: number; ids: number[] }>();
  const failures: string[] = [];
  for (const { shards, stats, error } of states) {
    if (error !== undefined) {
      const reason = escapeMarkdown(truncateLine(error, REASON_MAX));
      const keeps = stats ? `; ${t(lang, 'shards.keeps', { version: stats.version.slice(0, VERSION_CHARS) })}` : '';
      failures.push(`❌ ${t(lang, 'shards.failed', { ids: shards.join(', '), reason })}${keeps}`);
    } else if (stats) {
      const key = `${stats.version}\t${stats.articles}`;
      const group = versions.get(key) ?? { articles: stats.articles, ids: [] };
      group.ids.push(...shards);
      versions.set(key, group);
    }
  }
  const lines = [...versions].map(([key, { articles, ids }]) => `✅ ${t(lang, 'shards.version', { version: key.slice(0, VERSION_CHARS), articles, ids: ids.join(', ') })}`);
  return { name: t(lang, 'shards.title'), value: fitList([...lines, ...failures], LIMITS.fieldValue, (count) => t(lang, 'list.more', { count })) };
}

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

export async function executeSources(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
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
