// /search: an embed of matches with prev/next buttons that only the searcher can use.
//
// The state behind the buttons is carried in their custom_id: the message itself then holds
// everything needed for the next page, so buttons keep working across a bot restart and
// nothing grows in memory. Only a query too long for the 100-character custom_id falls back
// to a bounded in-memory map keyed by a short id; such entries live as long as the
// interaction token (15 minutes), and a press that finds none is told to search again.
import { ButtonStyle, ComponentType, MessageFlags, SlashCommandBuilder, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Library, SearchHit, SearchResponse } from '../src/search/types.ts';
import { RESULT_LIMITS } from '../src/search/result-limits.ts';
import { UserInputError } from '../src/search/types.ts';
import type { CommandContext } from '../src/discord/command.ts';
import { described } from '../src/discord/describe.ts';
import { escapeMarkdown, markdownOf, metaLine, titleLink } from '../src/discord/format.ts';
import { langOf, t, type Lang } from '../src/discord/i18n.ts';
import { NO_MENTIONS, type AutocompleteLike, type ButtonLike, type ReplyPayload, type SlashInteraction } from '../src/discord/interaction.ts';
import { LIMITS } from '../src/discord/limits.ts';
import { respond, respondPrivately } from '../src/discord/respond.ts';
import { sourceChoices } from '../src/discord/source-choices.ts';
import { truncate, truncateLine } from '../src/discord/truncate.ts';
import { heavyWork } from '../src/discord/work-queue.ts';

/** The `limit` option's bounds, for the builder and, as text, for its description. */
const LIMIT_RANGE = { min: 1, max: RESULT_LIMITS.page.max, default: RESULT_LIMITS.page.default };
const EMBED_COLOR = 0x3b82f6;
/** A title in the list is cut here so the excerpt keeps its room. */
const HIT_TITLE_MAX = 150;

export const data = described(new SlashCommandBuilder().setName('search'), 'search.description')
  .addStringOption((o) => described(o.setName('query').setRequired(true).setMaxLength(200), 'search.query'))
  .addIntegerOption((o) => described(o.setName('limit').setMinValue(LIMIT_RANGE.min).setMaxValue(LIMIT_RANGE.max), 'search.limit', LIMIT_RANGE))
  .addStringOption((o) => described(o.setName('from').setMaxLength(10), 'search.from'))
  .addStringOption((o) => described(o.setName('to').setMaxLength(10), 'search.to'))
  .addStringOption((o) => described(o.setName('source').setAutocomplete(true).setMaxLength(100), 'search.source'));

export const SEARCH_BUTTON_PREFIX = 'search';

export interface SearchRequest {
  query: string;
  limit: number;
  from: string | null;
  to: string | null;
  source: string | null;
}

export interface PageState extends SearchRequest {
  /** Who ran the search: only they may page. */
  userId: string;
  offset: number;
}

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

// Page state in the buttons' custom_id, with the overflow map for long queries (see the top).
const OVERFLOW_MAX_ENTRIES = 1000;
const OVERFLOW_TTL_MS = LIMITS.interactionTokenMs;

interface OverflowEntry {
  request: SearchRequest;
  expires: number;
}

/** Requests whose custom_id would be too long; oldest dropped first. */
const overflow = new Map<string, OverflowEntry>();
let overflowCounter = 0;

const esc = (s: string) => s.replace(/%/g, '%25').replace(/:/g, '%3A');
const unesc = (s: string) => s.replace(/%3A/g, ':').replace(/%25/g, '%');

/**
 * custom_id of the button that shows `state`. `button` tells prev from next so the
 * two ids differ even when they point to the same page.
 */
export function encodePageId(state: PageState, button: 'prev' | 'next', now = Date.now()): string {
  const head = [SEARCH_BUTTON_PREFIX, button === 'prev' ? 'p' : 'n', state.userId, String(state.offset)];
  const full = [...head, String(state.limit), esc(state.from ?? ''), esc(state.to ?? ''), esc(state.source ?? ''), esc(state.query)].join(':');
  if (full.length <= LIMITS.customId) return full;
  return [...head, `~${overflowKey(state, now)}`].join(':');
}

function overflowKey(state: PageState, now: number): string {
  // The same search gets the same key for both of its buttons.
  const request: SearchRequest = { query: state.query, limit: state.limit, from: state.from, to: state.to, source: state.source };
  const same = JSON.stringify(request);
  for (const [key, entry] of overflow) {
    if (JSON.stringify(entry.request) === same && entry.expires > now) return key;
  }
  const key = (overflowCounter++).toString(36);
  overflow.set(key, { request, expires: now + OVERFLOW_TTL_MS });
  while (overflow.size > OVERFLOW_MAX_ENTRIES) overflow.delete(overflow.keys().next().value!);
  return key;
}

/** The state in a custom_id made by encodePageId, or null when it is unreadable or expired. */
export function decodePageId(customId: string, now = Date.now()): PageState | null {
  const parts = customId.split(':');
  if (parts[0] !== SEARCH_BUTTON_PREFIX || parts.length < 5) return null;
  const userId = parts[2]!;
  const offset = Number(parts[3]);
  if (!/^\d+$/.test(userId)) return null;
  if (!Number.isInteger(offset) || offset < 0) return null;
  if (parts.length === 5 && parts[4]!.startsWith('~')) {
    const entry = overflow.get(parts[4]!.slice(1));
    if (!entry || entry.expires <= now) return null;
    return { ...entry.request, userId, offset };
  }
  if (parts.length !== 9) return null;
  const limit = Number(parts[4]);
  if (!Number.isInteger(limit) || limit < 1) return null;
  const orNull = (s: string) => (s === '' ? null : unesc(s));
  return {
    userId,
    offset,
    limit,
    from: orNull(parts[5]!),
    to: orNull(parts[6]!),
    source: orNull(parts[7]!),
    query: unesc(parts[8]!),
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
    components: [button('search:expired:p', `◀ ${t(lang, 'search.prev')}`, true), button('search:expired:n', `${t(lang, 'search.next')} ▶`, true)],
  };
}

const hasButtons = (payload: ReplyPayload) => (payload.components?.length ?? 0) > 0;

export async function execute(interaction: SlashInteraction, ctx: CommandContext): Promise<void> {
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
  ctx.paging.schedule(interaction.message.id, () => interaction.editReply({ components: [disabledPagingRow(lang)], allowedMentions: NO_MENTIONS }));
}

/** Autocomplete for `source`: known sources with their article counts. */
export async function autocomplete(interaction: AutocompleteLike, ctx: CommandContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'source') {
    await interaction.respond([]);
    return;
  }
  await interaction.respond(sourceChoices(ctx.library, focused.value));
}

export const buttons = { prefix: SEARCH_BUTTON_PREFIX, handle: handleSearchButton };
