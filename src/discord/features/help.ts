// /help: every loaded command with its options and description, and the search syntax, in the
// reader's language.
import { ApplicationCommandOptionType, type APIEmbed, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { definitionOf, type CommandContext, type CommandModule } from '../command.ts';
import { langOf, t, type Lang } from '../i18n.ts';
import { NO_MENTIONS, type ReplyPayload, type SlashInteraction } from '../interaction.ts';
import { LIMITS } from '../limits.ts';
import { isModeratorOnly } from '../permissions.ts';
import { respond } from '../respond.ts';
import { fitList } from '../truncate.ts';

const EMBED_COLOR = 0x64748b;

type Described = { description: string; description_localizations?: Partial<Record<string, string | null>> | null };

function describe(item: Described, lang: Lang): string {
  return item.description_localizations?.[lang] ?? item.description;
}

/** `/search query:<…> [limit] …` */
export function usage(json: RESTPostAPIChatInputApplicationCommandsJSONBody): string {
  const options = (json.options ?? []).filter(
    (o) => o.type !== ApplicationCommandOptionType.Subcommand && o.type !== ApplicationCommandOptionType.SubcommandGroup,
  );
  return [`/${json.name}`, ...options.map((o) => ('required' in o && o.required ? `${o.name}:<…>` : `[${o.name}]`))].join(' ');
}

export function renderHelp(commands: readonly CommandModule[], lang: Lang): ReplyPayload {
  const lines = commands.map((c) => {
    const json = definitionOf(c);
    return `**${usage(json)}** — ${describe(json, lang)}${isModeratorOnly(c) ? ' 🔒' : ''}`;
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

export async function executeHelp(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
  await respond(interaction, renderHelp(ctx.commands, langOf(interaction.locale)), ctx.logger);
}
