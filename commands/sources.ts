import { SlashCommandBuilder } from 'discord.js';
import { described } from '../src/discord/describe.ts';
import { executeSources } from '../src/discord/features/sources.ts';

export const data = described(new SlashCommandBuilder().setName('sources'), 'sources.description');

export const execute = executeSources;
