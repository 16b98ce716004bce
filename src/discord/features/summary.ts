// /summary: one article's summary, source, date, link and length, then related articles;
// titles autocompleted.
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { ArticleSummary, Library, RelatedArticle } from '../../search/types.ts';
import { UserInputError } from '../../search/types.ts';
import type { CommandContext } from '../command.ts';
import { escapeMarkdown, formatDate, markdownOf, metaLine, safeUrl, titleLink } from '../format.ts';
import { langOf, t, type Lang } from '../i18n.ts';
import { NO_MENTIONS, type AutocompleteLike, type ReplyPayload, type SlashInteraction } from '../interaction.ts';
import { LIMITS } from '../limits.ts';
import { descriptionRoom } from '../payload.ts';
import { respond } from '../respond.ts';
import { truncate, truncateLine } from '../truncate.ts';

const EMBED_COLOR = 0x10b981;
/** Source and file name are short in practice; a freak one must not crowd out the summary. */
const SHORT_FIELD_MAX = 300;
/** A related article's title and source are cut here, so three lines fit one field. */
const RELATED_TITLE_MAX = 80;
const RELATED_SOURCE_MAX = 40;

/**
 * Autocomplete choices: label = title, value = article id. An id longer than Discord's
 * 100-character value limit cannot be sent, so such a choice carries the title (cut to
 * 100 characters, never inside one) instead, which resolveArticle finds again by title.
 */
export function articleChoices(library: Library, typed: string): { name: string; value: string }[] {
  return library.suggestArticles(typed, LIMITS.autocompleteChoices).map((choice) => {
    const label = truncateLine(choice.title, LIMITS.choiceName) || truncateLine(choice.id, LIMITS.choiceName);
    const value = choice.id.length <= LIMITS.choiceValue ? choice.id : [...choice.title].slice(0, LIMITS.choiceValue).join('');
    return { name: label, value };
  });
}

/** An id from autocomplete, or a title (typed by hand, or the fallback for long ids). */
export function resolveArticle(library: Library, value: string): ArticleSummary {
  const text = value.trim();
  if (text === '') throw new UserInputError('unknown-article', 'no article given');
  try {
    return library.summary(text);
  } catch (err) {
    if (!(err instanceof UserInputError)) throw err;
    const byTitle = library.suggestArticles(text, LIMITS.autocompleteChoices);
    const match = byTitle.find((c) => c.title === text) ?? byTitle.find((c) => c.title.startsWith(text));
    if (!match) throw err;
    return library.summary(match.id);
  }
}

/** `• title · source · date`, the title linked when the line has room for the link. */
function relatedLine(article: RelatedArticle, budget: number, lang: Lang): string {
  const title = truncateLine(article.title ?? article.id, RELATED_TITLE_MAX);
  const meta = metaLine(article.source === null ? null : truncateLine(article.source, RELATED_SOURCE_MAX), article.date, lang);
  const line = (linked: string) => `• ${linked}${meta ? ` · ${meta}` : ''}`;
  const linked = line(titleLink(title, article.url, true));
  return linked.length <= budget ? linked : truncate(line(titleLink(title, null)), budget);
}

export function renderSummary(summary: ArticleSummary, lang: Lang): ReplyPayload {
  const url = safeUrl(summary.url);
  const fields: APIEmbedField[] = [];
  if (summary.source) fields.push({ name: t(lang, 'summary.source'), value: truncateLine(escapeMarkdown(summary.source), SHORT_FIELD_MAX), inline: true });
  const date = formatDate(summary.date, lang);
  if (date) fields.push({ name: t(lang, 'summary.date'), value: date, inline: true });
  fields.push({ name: t(lang, 'summary.length'), value: t(lang, 'summary.chars', { chars: summary.chars }), inline: true });
  if (url) fields.push({ name: t(lang, 'summary.link'), value: url });
  fields.push({ name: t(lang, 'summary.id'), value: truncateLine(escapeMarkdown(summary.id), SHORT_FIELD_MAX) });
  if (summary.related.length > 0) {
    const budget = Math.floor(LIMITS.fieldValue / summary.related.length) - 1;
    fields.push({ name: t(lang, 'summary.related'), value: summary.related.map((a) => relatedLine(a, budget, lang)).join('\n') });
  }
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: truncateLine(summary.title === null ? t(lang, 'summary.untitled') : escapeMarkdown(summary.title), LIMITS.embedTitle),
    fields,
    ...(url && { url }),
  };
  embed.description = truncate(summaryText(summary, lang), descriptionRoom(embed));
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

/** The summary as Discord markdown, saying so when the article is not prose. */
function summaryText(summary: ArticleSummary, lang: Lang): string {
  if (summary.shape === 'headline-only') return t(lang, 'summary.headlineOnly');
  const text = markdownOf(summary.summary);
  if (summary.list) {
    const heads = summary.list.heads.map(escapeMarkdown).join(t(lang, 'summary.listSeparator'));
    const more = summary.list.count > summary.list.heads.length ? '…' : '';
    return [text, `${t(lang, 'summary.list', { count: summary.list.count })}${heads}${more}`].filter(Boolean).join('\n');
  }
  return summary.shape === 'mostly-code' ? `${t(lang, 'summary.mostlyCode')}\n${text}` : text;
}

export async function executeSummary(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
  const summary = resolveArticle(ctx.library, interaction.options.getString('article', true) ?? '');
  await respond(interaction, renderSummary(summary, langOf(interaction.locale)), ctx.logger);
}

export async function autocompleteSummary(interaction: AutocompleteLike, ctx: CommandContext): Promise<void> {
  await interaction.respond(articleChoices(ctx.library, interaction.options.getFocused(true).value));
}
