// What a file in commands/ exports, and what its handlers get.
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Library } from '../search/types.ts';
import type { Logger } from '../log.ts';
import type { Lang } from './i18n.ts';
import type { AutocompleteLike, ButtonLike, ReplyPayload, SlashInteraction } from './interaction.ts';
import type { PagingExpiry } from './paging-expiry.ts';
import { MODERATOR_PERMISSION } from './permissions.ts';
import type { ShardFleet } from './shard-fleet.ts';

export interface CommandContext {
  library: Library;
  logger: Logger;
  /** From MODERATOR_ROLE_IDS; empty = the Manage Server permission decides. */
  moderatorRoleIds: readonly string[];
  /** Every loaded command, for /help. */
  commands: readonly CommandModule[];
  paging: PagingExpiry;
  /** Set in a shard process (SHARD_MODE=process): /reload and /sources reach every shard through it. */
  fleet?: Pick<ShardFleet, 'reloadAll' | 'statusAll'>;
}

export interface ButtonHandler {
  /** custom_ids of this command's buttons start with `${prefix}:`. */
  prefix: string;
  handle(interaction: ButtonLike, ctx: CommandContext): Promise<void>;
}

export interface CommandModule {
  /** A SlashCommandBuilder. */
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  // Functions a module exports, not methods: the registry copies them off the module.
  execute: (interaction: SlashInteraction, ctx: CommandContext) => Promise<void>;
  autocomplete?: (interaction: AutocompleteLike, ctx: CommandContext) => Promise<void>;
  buttons?: ButtonHandler;
  /**
   * For moderators only: Discord hides the command from members without Manage Server
   * (unless `data` sets another default permission), and dispatch refuses anyone who is not
   * a moderator, since server admins can show it to others. A default permission set on
   * `data` without this only changes who sees the command.
   */
  moderatorOnly?: boolean;
  /** Answers a message that mentions the bot (ANSWER_MENTIONS); one command at most has it. */
  answerMention?: (question: string, ctx: CommandContext, lang: Lang) => ReplyPayload | Promise<ReplyPayload>;
}

const definitions = new WeakMap<CommandModule, RESTPostAPIChatInputApplicationCommandsJSONBody>();

/**
 * The command's JSON definition, built once: a builder's toJSON validates every option and
 * localisation, too slow to repeat on every interaction.
 */
export function definitionOf(command: CommandModule): RESTPostAPIChatInputApplicationCommandsJSONBody {
  let json = definitions.get(command);
  if (!json) {
    json = command.data.toJSON();
    if (command.moderatorOnly && json.default_member_permissions == null) {
      json = { ...json, default_member_permissions: String(MODERATOR_PERMISSION) };
    }
    definitions.set(command, json);
  }
  return json;
}

/** `/search query:<…> [limit] …` */
export function usage(json: RESTPostAPIChatInputApplicationCommandsJSONBody): string {
  const options = (json.options ?? []).filter(
    (o) => o.type !== ApplicationCommandOptionType.Subcommand && o.type !== ApplicationCommandOptionType.SubcommandGroup,
  );
  return [`/${json.name}`, ...options.map((o) => ('required' in o && o.required ? `${o.name}:<…>` : `[${o.name}]`))].join(' ');
}
