// Routes an interaction to its command, checks permission, times and logs it, and turns
// any error into a short private message. Nothing thrown here reaches the caller.
import { UserInputError } from '../search/types.ts';
import type { CommandContext, CommandModule } from './command.ts';
import { langOf, t } from './i18n.ts';
import type { AutocompleteLike, ButtonLike, SlashInteraction } from './interaction.ts';
import { isModerator, isModeratorOnly } from './permissions.ts';
import { discordErrorCode, errorText, respondPrivately } from './respond.ts';

function findCommand(ctx: CommandContext, name: string): CommandModule | undefined {
  return ctx.commands.find((c) => c.data.name === name);
}

const elapsed = (started: number) => Math.round(performance.now() - started);

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
    if (isModeratorOnly(command) && !isModerator(interaction, ctx.moderatorRoleIds)) {
      log.info({ ms: elapsed(started) }, 'refused: not a moderator');
      await respondPrivately(interaction, t(lang, 'perm.moderatorOnly'), log);
      return 'refused';
    }
    await command.execute(interaction, { ...ctx, logger: log });
    log.info({ ms: elapsed(started) }, 'command done');
    return 'done';
  } catch (err) {
    if (err instanceof UserInputError) log.info({ ms: elapsed(started), code: err.code, reason: err.message }, 'bad input');
    else log.error({ err, ms: elapsed(started), discordCode: discordErrorCode(err) }, 'command failed');
    await respondPrivately(interaction, errorText(err, lang), log);
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
      log.warn({ customId: interaction.customId }, 'button with no handler');
      return;
    }
    await command.buttons.handle(interaction, { ...ctx, logger: log });
    log.info({ ms: elapsed(started) }, 'button done');
  } catch (err) {
    if (err instanceof UserInputError) log.info({ code: err.code, reason: err.message }, 'bad input');
    else log.error({ err, ms: elapsed(started), discordCode: discordErrorCode(err) }, 'button failed');
    await respondPrivately(interaction, errorText(err, langOf(interaction.locale)), log);
  }
}
