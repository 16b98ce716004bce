// What a file in commands/ exports, and what its handlers get.
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Library } from '../search/types.ts';
import type { Logger } from '../log.ts';
import type { AutocompleteLike, ButtonLike, SlashInteraction } from './interaction.ts';
import type { PagingExpiry } from './paging-expiry.ts';
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
  /** A SlashCommandBuilder. Setting default member permissions makes the command moderator-only. */
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  // Functions a module exports, not methods: the registry copies them off the module.
  execute: (interaction: SlashInteraction, ctx: CommandContext) => Promise<void>;
  autocomplete?: (interaction: AutocompleteLike, ctx: CommandContext) => Promise<void>;
  buttons?: ButtonHandler;
}

const definitions = new WeakMap<CommandModule, RESTPostAPIChatInputApplicationCommandsJSONBody>();

/**
 * The command's JSON definition, built once: a builder's toJSON validates every option and
 * localisation, too slow to repeat on every interaction.
 */
export function definitionOf(command: CommandModule): RESTPostAPIChatInputApplicationCommandsJSONBody {
  let json = definitions.get(command);
  if (!json) definitions.set(command, (json = command.data.toJSON()));
  return json;
}
