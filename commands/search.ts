import { SlashCommandBuilder } from 'discord.js';
import { described } from '../src/discord/describe.ts';
import { SEARCH_BUTTON_PREFIX } from '../src/discord/search-paging.ts';
import { RESULT_LIMITS } from '../src/search/result-limits.ts';
import { autocompleteSearch, executeSearch, handleSearchButton } from '../src/discord/features/search.ts';

export const data = described(new SlashCommandBuilder().setName('search'), 'search.description')
  .addStringOption((o) => described(o.setName('query').setRequired(true).setMaxLength(200), 'search.query'))
  .addIntegerOption((o) => described(o.setName('limit').setMinValue(1).setMaxValue(RESULT_LIMITS.page.max), 'search.limit'))
  .addStringOption((o) => described(o.setName('from').setMaxLength(10), 'search.from'))
  .addStringOption((o) => described(o.setName('to').setMaxLength(10), 'search.to'))
  .addStringOption((o) => described(o.setName('source').setAutocomplete(true).setMaxLength(100), 'search.source'));

export const execute = executeSearch;
export const autocomplete = autocompleteSearch;
export const buttons = { prefix: SEARCH_BUTTON_PREFIX, handle: handleSearchButton };
