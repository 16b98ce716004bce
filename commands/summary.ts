import { SlashCommandBuilder } from 'discord.js';
import { described } from '../src/discord/describe.ts';
import { autocompleteSummary, executeSummary } from '../src/discord/features/summary.ts';

export const data = described(new SlashCommandBuilder().setName('summary'), 'summary.description').addStringOption((o) =>
  described(o.setName('article').setRequired(true).setAutocomplete(true), 'summary.article'),
);

export const execute = executeSummary;
export const autocomplete = autocompleteSummary;
