// /reload: re-read the corpus off the hot path and report what changed, privately.
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { ReloadReport } from '../src/search/types.ts';
import type { CommandContext } from '../src/discord/command.ts';
import { shardStatesField, skippedList } from '../src/discord/corpus-fields.ts';
import { described } from '../src/discord/describe.ts';
import type { FleetAnswer } from '../src/discord/shard-fleet.ts';
import { langOf, t, type Lang } from '../src/discord/i18n.ts';
import { NO_MENTIONS, type ReplyPayload, type SlashInteraction } from '../src/discord/interaction.ts';
import { respond } from '../src/discord/respond.ts';
import { truncateLine } from '../src/discord/truncate.ts';

const EMBED_COLOR = 0x8b5cf6;
const REASON_MAX = 500;

export const data = described(new SlashCommandBuilder().setName('reload'), 'reload.description').setContexts(InteractionContextType.Guild);

/** Discord hides it from members without Manage Server, and dispatch checks the moderator role at run time. */
export const moderatorOnly = true;

/** `shards`: the per-shard field when several shard processes reloaded. */
export function renderReload(report: ReloadReport, articles: number, lang: Lang, shards?: APIEmbedField): ReplyPayload {
  const count = (key: 'reload.added' | 'reload.changed' | 'reload.removed' | 'reload.failed', n: number): APIEmbedField => ({
    name: t(lang, key),
    value: String(n),
    inline: true,
  });
  const fields = [
    count('reload.added', report.added.length),
    count('reload.changed', report.changed.length),
    count('reload.removed', report.removed.length),
    count('reload.failed', report.failed.length),
  ];
  if (report.failed.length > 0) fields.push({ name: t(lang, 'reload.failures'), value: skippedList(report.failed, lang) });
  if (shards) fields.push(shards);
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: t(lang, 'reload.title'),
    description: [
      t(lang, 'reload.articles', { articles }),
      t(lang, 'reload.took', { ms: report.ms }) + (report.coalesced ? ` ${t(lang, 'reload.coalesced')}` : ''),
    ].join('\n'),
    fields,
  };
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

export function renderReloadFailure(err: unknown, lang: Lang): ReplyPayload {
  const reason = truncateLine(err instanceof Error ? err.message : String(err), REASON_MAX);
  return { content: t(lang, 'reload.error', { reason }), allowedMentions: NO_MENTIONS };
}

/**
 * Every shard process read the same folder, so one report's counts stand for all; the
 * shards field says which processes are on which version and names any that failed.
 */
export function renderFleetReload(answer: FleetAnswer, lang: Lang): ReplyPayload {
  const field = shardStatesField(answer.states, lang);
  const reloaded = answer.states.find((s) => s.report && s.stats);
  if (!reloaded?.report || !reloaded.stats) return renderReloadFailure(new Error(field.value), lang);
  return renderReload({ ...reloaded.report, coalesced: reloaded.report.coalesced || answer.coalesced }, reloaded.stats.articles, lang, field);
}

export async function execute(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
  const lang = langOf(interaction.locale);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let payload: ReplyPayload;
  try {
    if (ctx.fleet) {
      const answer = await ctx.fleet.reloadAll();
      const failed = answer.states.filter((s) => s.error !== undefined).flatMap((s) => s.shards);
      ctx.logger.info({ processes: answer.states.length, failedShards: failed, coalesced: answer.coalesced }, 'corpus reloaded on every shard');
      await respond(interaction, renderFleetReload(answer, lang), ctx.logger);
      return;
    }
    const report = await ctx.library.reload();
    ctx.logger.info(
      {
        added: report.added.length,
        changed: report.changed.length,
        removed: report.removed.length,
        failed: report.failed.length,
        reloadMs: report.ms,
        coalesced: report.coalesced,
      },
      'corpus reloaded',
    );
    payload = renderReload(report, ctx.library.stats().articles, lang);
  } catch (err) {
    ctx.logger.error({ err }, 'reload failed; the old index stays');
    payload = renderReloadFailure(err, lang);
  }
  await respond(interaction, payload, ctx.logger);
}
