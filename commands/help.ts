// /help: every loaded command with its options and description, and the search syntax, in the
// reader's language.
import { SlashCommandBuilder, type APIEmbed } from 'discord.js';
import { definitionOf, usage, type CommandContext, type CommandModule } from '../src/discord/command.ts';
import { described } from '../src/discord/describe.ts';
import { langOf, t, type Lang } from '../src/discord/i18n.ts';
import { NO_MENTIONS, type ReplyPayload, type SlashInteraction } from '../src/discord/interaction.ts';
import { LIMITS } from '../src/discord/limits.ts';
import { respond } from '../src/discord/respond.ts';
import { fitList } from '../src/discord/truncate.ts';

const EMBED_COLOR = 0x64748b;

export const data = described(new SlashCommandBuilder().setName('help'), 'help.description');

type Described = { description: string; description_localizations?: Partial<Record<string, string | null>> | null };

function describe(item: Described, lang: Lang): string {
  return item.description_localizations?.[lang] ?? item.description;
}

export function renderHelp(commands: readonly CommandModule[], lang: Lang): ReplyPayload {
  const lines = commands.map((c) => {
    const json = definitionOf(c);
    return `**${usage(json)}** — ${describe(json, lang)}${c.moderatorOnly ? ' 🔒' : ''}`;
  });
  const syntax = t(lang, 'help.syntax');
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: t(lang, 'help.title'),
    description: `${fitList(lines, LIMITS.embedDescription - syntax.length - 2, (count) => t(lang, 'list.more', { count }))}\n\n${syntax}`,
    footer: { text: t(lang, 'help.footer') },
  };
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

export async function execute(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
  await respond(interaction, renderHelp(ctx.commands, langOf(interaction.locale)), ctx.logger);
}
