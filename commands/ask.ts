// /ask, and questions asked by mentioning the bot (ANSWER_MENTIONS): a chat-style answer made
// of the best passages, each with its source.
import { SlashCommandBuilder } from 'discord.js';
import type { SearchHit, SearchResponse } from '../src/search/types.ts';
import { RESULT_LIMITS } from '../src/search/result-limits.ts';
import { UserInputError } from '../src/search/types.ts';
import type { CommandContext } from '../src/discord/command.ts';
import { described } from '../src/discord/describe.ts';
import { escapeMarkdown, markdownOf, metaLine, titleLink } from '../src/discord/format.ts';
import { langOf, t, type Lang } from '../src/discord/i18n.ts';
import { NO_MENTIONS, type ReplyPayload, type SlashInteraction } from '../src/discord/interaction.ts';
import { LIMITS } from '../src/discord/limits.ts';
import { respond } from '../src/discord/respond.ts';
import { truncate, truncateLine } from '../src/discord/truncate.ts';
import { heavyWork } from '../src/discord/work-queue.ts';

export const data = described(new SlashCommandBuilder().setName('ask'), 'ask.description').addStringOption((o) =>
  described(o.setName('question').setRequired(true).setMaxLength(300), 'ask.question'),
);

/** Later passages are shown only when they score at least this share of the best one. */
const RELATIVE_SCORE_FLOOR = 0.5;
const QUESTION_ECHO_MAX = 100;
const TITLE_MAX = 120;

export function askLibrary(ctx: Pick<CommandContext, 'library'>, question: string): SearchResponse {
  if (question.trim() === '') throw new UserInputError('empty-query', 'the question is empty');
  return ctx.library.ask(question.trim(), { limit: RESULT_LIMITS.ask });
}

function passage(hit: SearchHit, budget: number, lang: Lang): string {
  const source = [metaLine(hit.source, hit.date, lang), titleLink(truncateLine(hit.title ?? hit.id, TITLE_MAX), hit.url, true)].filter(Boolean).join(' · ');
  const attribution = `— ${source}`;
  const room = budget - attribution.length - 3; // "> " and the newline
  const quote = markdownOf(hit.excerpt, Math.max(room, 0));
  return truncate(quote ? `> ${quote}\n${attribution}` : attribution, budget);
}

export function renderAnswer(response: SearchResponse, question: string, lang: Lang): ReplyPayload {
  const echo = escapeMarkdown(truncateLine(question, QUESTION_ECHO_MAX));
  const best = response.hits[0];
  if (!best) return { content: t(lang, 'ask.none', { question: echo }), allowedMentions: NO_MENTIONS };
  const hits = response.hits.filter((h, i) => i === 0 || h.score >= best.score * RELATIVE_SCORE_FLOOR);
  const intro = t(lang, 'ask.intro', { question: echo });
  const outro = response.total > hits.length ? t(lang, 'ask.more') : '';
  const separator = '\n\n';
  const room = LIMITS.content - intro.length - outro.length - separator.length * (hits.length + 1);
  const budget = Math.floor(room / hits.length);
  const content = [intro, ...hits.map((h) => passage(h, budget, lang)), outro].filter(Boolean).join(separator);
  return { content, allowedMentions: NO_MENTIONS };
}

export async function execute(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
  const question = interaction.options.getString('question', true) ?? '';
  if (question.trim() === '') throw new UserInputError('empty-query', 'the question is empty');
  // Deferred for the same reason as /search: the time grows with the corpus.
  await interaction.deferReply();
  const answer = await heavyWork.run(() => renderAnswer(askLibrary(ctx, question), question, langOf(interaction.locale)));
  await respond(interaction, answer, ctx.logger);
}

/** A mention is answered at once, in the guild's language (src/discord/mentions.ts). */
export function answerMention(question: string, ctx: CommandContext, lang: Lang): ReplyPayload {
  return renderAnswer(askLibrary(ctx, question), question, lang);
}
