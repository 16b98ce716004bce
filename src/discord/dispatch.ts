// Routes an interaction to its command, checks permission, times and logs it, and turns
// any error into a short private message. Nothing thrown here reaches the caller.
import { UserInputError } from '../search/types.ts';
import type { CommandContext, CommandModule } from './command.ts';
import type { Logger } from '../log.ts';
import { langOf, t, type Lang } from './i18n.ts';
import type { AutocompleteLike, ButtonLike, Replyable, SlashInteraction } from './interaction.ts';
import { isModerator } from './permissions.ts';
import { discordErrorCode, errorText, optionError, respondPrivately } from './respond.ts';

function findCommand(ctx: CommandContext, name: string): CommandModule | undefined {
  return ctx.commands.find((c) => c.data.name === name);
}

/** Milliseconds since `started` (a performance.now()), for the log. */
export const elapsed = (started: number) => Math.round(performance.now() - started);

/** How a command ended, for the console's exit code; Discord ignores it. */
export type CommandOutcome = 'done' | 'refused' | 'failed' | 'unknown-command';

export async function runCommand(interaction: SlashInteraction, ctx: CommandContext): Promise<CommandOutcome> {
  const started = performance.now();
  const lang = langOf(interaction.locale);
  const log = ctx.logger.child({ command: interaction.commandName, user: interaction.user.id, guild: interaction.guildId });
  const command = findCommand(ctx, interaction.commandName);
  try {
    if (!command) {
      log.warn('unknown command');
      await respondPrivately(interaction, t(lang, 'error.unknownCommand', { name: interaction.commandName }), log);
      return 'unknown-command';
    }
    if (command.moderatorOnly && !isModerator(interaction, ctx.moderatorRoleIds)) {
      log.info({ ms: elapsed(started) }, 'refused: not a moderator');
      await respondPrivately(interaction, t(lang, 'perm.moderatorOnly'), log);
      return 'refused';
    }
    await command.execute(interaction, { ...ctx, logger: log });
    log.info({ ms: elapsed(started) }, 'command done');
    return 'done';
  } catch (err) {
    await reportFailure(interaction, err, lang, log, started, 'command failed');
    return 'failed';
  }
}

export async function runAutocomplete(interaction: AutocompleteLike, ctx: CommandContext): Promise<void> {
  const log = ctx.logger.child({ command: interaction.commandName, user: interaction.user.id, autocomplete: true });
  try {
    await findCommand(ctx, interaction.commandName)?.autocomplete?.(interaction, { ...ctx, logger: log });
  } catch (err) {
    log.warn({ err, discordCode: discordErrorCode(err) }, 'autocomplete failed');
  }
  if (!interaction.responded) {
    await interaction.respond([]).catch((err: unknown) => log.debug({ err }, 'could not send empty choices'));
  }
}

export async function runButton(interaction: ButtonLike, ctx: CommandContext): Promise<void> {
  const started = performance.now();
  const prefix = interaction.customId.split(':')[0];
  const command = ctx.commands.find((c) => c.buttons?.prefix === prefix);
  const log = ctx.logger.child({ button: prefix, command: command?.data.name, user: interaction.user.id });
  try {
    if (!command?.buttons) {
      // A button or menu left on an old message (say, by a removed command): answer it anyway.
      log.warn({ customId: interaction.customId }, 'component with no handler');
      await respondPrivately(interaction, t(langOf(interaction.locale), 'component.unknown'), log);
      return;
    }
    await command.buttons.handle(interaction, { ...ctx, logger: log });
    log.info({ ms: elapsed(started) }, 'button done');
  } catch (err) {
    await reportFailure(interaction, err, langOf(interaction.locale), log, started, 'button failed');
  }
}

/** Discord's "Unknown interaction": the token expired, so nothing more can be sent on it. */
const UNKNOWN_INTERACTION = 10062;

/**
 * Logs a failed handler: bad input as info, anything else as an error under `message`.
 * False when the interaction expired, so nothing more can be sent on it.
 */
export function logFailure(err: unknown, log: Logger, started: number, message: string): boolean {
  const ms = elapsed(started);
  if (err instanceof UserInputError || optionError(err))
    log.info({ ms, code: discordErrorCode(err) ?? (err as UserInputError).code, reason: (err as Error).message }, 'bad input');
  else if (discordErrorCode(err) === UNKNOWN_INTERACTION) {
    log.warn({ ms }, 'interaction expired before it was answered');
    return false;
  } else log.error({ err, ms, discordCode: discordErrorCode(err) }, message);
  return true;
}

/** Logs a failed handler and tells the user privately, unless the interaction is gone. */
async function reportFailure(interaction: Replyable, err: unknown, lang: Lang, log: Logger, started: number, message: string): Promise<void> {
  if (logFailure(err, log, started, message)) await respondPrivately(interaction, errorText(err, lang), log);
}
