// Sending replies without ever crashing: every payload fitted to Discord's limits, and
// failures to send (token expired 10062, already acknowledged 40060, network) logged.
import { MessageFlags } from 'discord.js';
import { UserInputError } from '../search/types.ts';
import type { Logger } from '../log.ts';
import { t, type Lang, type MessageKey } from './i18n.ts';
import { NO_MENTIONS, type ReplyPayload, type Replyable } from './interaction.ts';
import { fitPayload } from './payload.ts';

/** Discord error codes, for the logs. */
export function discordErrorCode(err: unknown): number | string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? (err.code as number | string) : undefined;
}

/** The first response, or the result after deferReply. */
export async function respond(interaction: Replyable, payload: ReplyPayload, logger: Logger): Promise<{ id: string } | null> {
  const fitted = fitPayload(payload);
  try {
    if (interaction.deferred && !interaction.replied) {
      const { flags: _ephemeralWasSetByDefer, ...edit } = fitted;
      return await interaction.editReply(edit);
    }
    if (interaction.replied) {
      await interaction.followUp(fitted);
      return null;
    }
    await interaction.reply(fitted);
    return null;
  } catch (err) {
    logger.warn({ err, code: discordErrorCode(err) }, 'could not send a reply');
    return null;
  }
}

/** A short private message, in whatever state the interaction is. */
export async function respondPrivately(interaction: Replyable, content: string, logger: Logger): Promise<void> {
  const payload: ReplyPayload = fitPayload({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  try {
    if (!interaction.deferred && !interaction.replied) await interaction.reply(payload);
    else if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
      await interaction.editReply({ content: payload.content!, allowedMentions: NO_MENTIONS });
    } else if (interaction.deferred && !interaction.replied && !('customId' in interaction)) {
      // A public "thinking…" cannot turn private: remove it and send the message privately.
      // (After a button's deferUpdate the reply is the message itself: it stays.)
      await interaction.deleteReply();
      await interaction.followUp(payload);
    } else await interaction.followUp(payload);
  } catch (err) {
    logger.warn({ err, code: discordErrorCode(err) }, 'could not send an error message');
  }
}

const INPUT_ERROR_KEYS: Record<UserInputError['code'], MessageKey> = {
  'empty-query': 'input.empty-query',
  'only-stop-words': 'input.only-stop-words',
  'only-exclusions': 'input.only-exclusions',
  'unknown-article': 'input.unknown-article',
  'bad-date': 'input.bad-date',
  'bad-option': 'input.bad-option',
};

/** discord.js's errors for a required option that is missing or an option of another type. */
const OPTION_ERROR_KEYS: Record<string, MessageKey> = {
  CommandInteractionOptionNotFound: 'input.missing-option',
  CommandInteractionOptionEmpty: 'input.missing-option',
  CommandInteractionOptionType: 'input.option-type',
};

/** A missing or ill-typed option (discord.js's error, or the console's with the same code), with the option's name. */
export function optionError(err: unknown): { key: MessageKey; name: string } | null {
  const key = OPTION_ERROR_KEYS[String(discordErrorCode(err))];
  if (!key || !(err instanceof Error)) return null;
  return { key, name: /"([^"]+)"/.exec(err.message)?.[1] ?? '?' };
}

/** What the user is told: the localised text for bad input, a generic line otherwise. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof UserInputError) return t(lang, INPUT_ERROR_KEYS[err.code]);
  const option = optionError(err);
  return option ? t(lang, option.key, { name: option.name }) : t(lang, 'error.generic');
}
