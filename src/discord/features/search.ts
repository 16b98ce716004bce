// /search: an embed of matches with prev/next buttons that only the searcher can use.
import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Library, SearchHit, SearchResponse } from '../../search/types.ts';
import { RESULT_LIMITS } from '../../search/result-limits.ts';
import { UserInputError } from '../../search/types.ts';
import type { CommandContext } from '../command.ts';
import { escapeMarkdown, markdownOf, metaLine, titleLink } from '../format.ts';
import { langOf, t, type Lang } from '../i18n.ts';
import { NO_MENTIONS, type AutocompleteLike, type ButtonLike, type ReplyPayload, type SlashInteraction } from '../interaction.ts';
import { LIMITS } from '../limits.ts';
import { respond, respondPrivately } from '../respond.ts';
import { decodePageId, encodePageId, type PageState, type SearchRequest } from '../search-paging.ts';
import { truncate, truncateLine } from '../truncate.ts';
import { heavyWork } from '../work-queue.ts';

const EMBED_COLOR = 0x3b82f6;
/** A title in the list is cut here so the excerpt keeps its room. */
const HIT_TITLE_MAX = 150;

export function readSearchRequest(interaction: SlashInteraction): SearchRequest {
  const query = interaction.options.getString('query', true) ?? '';
  if (query.trim() === '') throw new UserInputError('empty-query', 'the query is empty');
  return {
    query: query.trim(),
    limit: interaction.options.getInteger('limit') ?? RESULT_LIMITS.page.default,
    from: interaction.options.getString('from')?.trim() || null,
    to: interaction.options.getString('to')?.trim() || null,
    source: interaction.options.getString('source')?.trim() || null,
  };
}

/** Runs the search for one page; a page past the end (the corpus shrank) falls back to the first. */
export function searchPage(library: Library, state: PageState): SearchResponse {
  const run = (offset: number) =>
    library.search(state.query, {
      limit: state.limit,
      offset,
      ...(state.from && { from: state.from }),
      ...(state.to && { to: state.to }),
      ...(state.source && { source: state.source }),
    });
  const response = run(state.offset);
  return response.hits.length === 0 && state.offset > 0 ? run(0) : response;
}

function hitBlock(hit: SearchHit, rank: number, budget: number, lang: Lang): string {
  const title = truncateLine(hit.title ?? hit.id, HIT_TITLE_MAX);
  const head = `**${rank}.** ${titleLink(title, hit.url)}`;
  const meta = metaLine(hit.source, hit.date, lang);
  const top = meta ? `${head}\n${meta}` : head;
  const room = budget - top.length - 1;
  const excerpt = room > 20 ? markdownOf(hit.excerpt, room) : '';
  return truncate(excerpt ? `${top}\n${excerpt}` : top, budget);
}

export function renderSearchPage(response: SearchResponse, state: PageState, lang: Lang): ReplyPayload {
  const filters = [
    state.from && t(lang, 'search.filter.from', { date: state.from }),
    state.to && t(lang, 'search.filter.to', { date: state.to }),
    state.source && t(lang, 'search.filter.source', { source: escapeMarkdown(state.source) }),
  ].filter(Boolean);
  const filterLine = filters.length > 0 ? t(lang, 'search.filters', { filters: filters.join('，') }) : '';
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: truncateLine(t(lang, 'search.title', { query: escapeMarkdown(state.query) }), LIMITS.embedTitle),
  };
  if (response.hits.length === 0) {
    embed.description = truncate(
      [t(lang, 'search.none', { query: escapeMarkdown(state.query) }), filterLine].filter(Boolean).join('\n'),
      LIMITS.embedDescription,
    );
    return { embeds: [embed], components: [], allowedMentions: NO_MENTIONS };
  }
  const separator = '\n\n';
  const head = filterLine ? filterLine + separator : '';
  const room = LIMITS.embedDescription - head.length - separator.length * (response.hits.length - 1);
  const budget = Math.floor(room / response.hits.length);
  embed.description = head + response.hits.map((hit, i) => hitBlock(hit, response.offset + i + 1, budget, lang)).join(separator);
  embed.footer = {
    text: t(lang, 'search.count', {
      total: response.total,
      first: response.offset + 1,
      last: response.offset + response.hits.length,
    }),
  };
  const page = { ...state, offset: response.offset };
  const hasPrev = response.offset > 0;
  const hasNext = response.offset + response.hits.length < response.total;
  const components = hasPrev || hasNext ? [pagingRow(page, lang, hasPrev, hasNext)] : [];
  return { embeds: [embed], components, allowedMentions: NO_MENTIONS };
}

function pagingRow(page: PageState, lang: Lang, hasPrev: boolean, hasNext: boolean): APIActionRowComponent<APIButtonComponent> {
  const prev = { ...page, offset: Math.max(0, page.offset - page.limit) };
  const next = { ...page, offset: page.offset + page.limit };
  return {
    type: ComponentType.ActionRow,
    components: [
      button(encodePageId(prev, 'prev'), `◀ ${t(lang, 'search.prev')}`, !hasPrev),
      button(encodePageId(next, 'next'), `${t(lang, 'search.next')} ▶`, !hasNext),
    ],
  };
}

function button(customId: string, label: string, disabled: boolean): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label: truncateLine(label, LIMITS.buttonLabel), disabled };
}

/** The same buttons, greyed out: shown once the interaction can no longer be edited. */
export function disabledPagingRow(lang: Lang): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      button('search:expired:p', `◀ ${t(lang, 'search.prev')}`, true),
      button('search:expired:n', `${t(lang, 'search.next')} ▶`, true),
    ],
  };
}

const hasButtons = (payload: ReplyPayload) => (payload.components?.length ?? 0) > 0;

export async function executeSearch(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
  const request = readSearchRequest(interaction); // before deferring, so bad input gets a private reply
  const lang = langOf(interaction.locale);
  // Always defer: search time grows with the corpus, and a missed 3-second deadline fails
  // the command, while a deferral costs one request.
  await interaction.deferReply();
  const state: PageState = { ...request, userId: interaction.user.id, offset: 0 };
  const payload = await heavyWork.run(() => renderSearchPage(searchPage(ctx.library, state), state, lang));
  const message = await respond(interaction, payload, ctx.logger);
  if (message && hasButtons(payload)) {
    ctx.paging.schedule(message.id, () => interaction.editReply({ components: [disabledPagingRow(lang)], allowedMentions: NO_MENTIONS }));
  }
}

export async function handleSearchButton(interaction: ButtonLike, ctx: CommandContext): Promise<void> {
  const lang = langOf(interaction.locale);
  const state = decodePageId(interaction.customId);
  if (!state) {
    await interaction.update({ components: [disabledPagingRow(lang)], allowedMentions: NO_MENTIONS });
    await respondPrivately(interaction, t(lang, 'paging.expired'), ctx.logger);
    return;
  }
  if (state.userId !== interaction.user.id) {
    await interaction.reply({ content: t(lang, 'paging.notYours'), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  // Acknowledge first, search after, in turn with other searches (see work-queue.ts).
  await interaction.deferUpdate();
  const payload = await heavyWork.run(() => renderSearchPage(searchPage(ctx.library, state), state, lang));
  await respond(interaction, payload, ctx.logger);
  ctx.paging.schedule(interaction.message.id, () =>
    interaction.editReply({ components: [disabledPagingRow(lang)], allowedMentions: NO_MENTIONS }),
  );
}

/** Autocomplete for `source`: known sources with their article counts. */
export async function autocompleteSearch(interaction: AutocompleteLike, ctx: CommandContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'source') {
    await interaction.respond([]);
    return;
  }
  const choices = ctx.library
    .suggestSources(focused.value, LIMITS.autocompleteChoices)
    .filter((s) => s.source.length <= LIMITS.choiceValue) // a longer name cannot be a value; it can still be typed
    .map((s) => ({ name: truncateLine(`${s.source} (${s.count})`, LIMITS.choiceName), value: s.source }));
  await interaction.respond(choices);
}
