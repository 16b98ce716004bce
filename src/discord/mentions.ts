// With ANSWER_MENTIONS on: a message that mentions the bot is a question for the command
// that answers mentions (/ask), timed, logged and failed as dispatch does for commands.
import type { CommandContext } from './command.ts';
import { elapsed, logFailure } from './dispatch.ts';
import { langOf, t } from './i18n.ts';
import { NO_MENTIONS, type EditPayload } from './interaction.ts';
import { fitPayload } from './payload.ts';
import { discordErrorCode, errorText } from './respond.ts';

/** The parts of a discord.js Message this uses. */
export interface MentionMessage {
  id: string;
  content: string;
  author: { id: string; bot: boolean };
  guild: { preferredLocale: string } | null;
  reply(payload: EditPayload): Promise<unknown>;
}

/** The question in a message that mentions `botId` directly, or null when it does not. */
export function questionIn(content: string, botId: string): string | null {
  const mention = new RegExp(`<@!?${botId}>`, 'g');
  if (!mention.test(content)) return null;
  return content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

export async function handleMention(message: MentionMessage, botId: string, ctx: CommandContext): Promise<void> {
  if (message.author.bot) return;
  const question = questionIn(message.content, botId);
  const command = ctx.commands.find((c) => c.answerMention);
  if (question === null || !command?.answerMention) return;
  const lang = langOf(message.guild?.preferredLocale);
  const started = performance.now();
  const log = ctx.logger.child({ command: 'mention', user: message.author.id, message: message.id });
  let payload: EditPayload;
  if (question === '') payload = { content: t(lang, 'mention.empty'), allowedMentions: NO_MENTIONS };
  else {
    try {
      payload = await command.answerMention(question, { ...ctx, logger: log }, lang);
    } catch (err) {
      logFailure(err, log, started, 'mention question failed');
      payload = { content: errorText(err, lang), allowedMentions: NO_MENTIONS };
    }
  }
  try {
    await message.reply(fitPayload(payload));
    log.info({ ms: elapsed(started) }, 'mention answered');
  } catch (err) {
    log.warn({ err, discordCode: discordErrorCode(err) }, 'could not reply to a mention');
  }
}
