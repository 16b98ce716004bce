import { SlashCommandBuilder } from 'discord.js';
import { described } from '../src/discord/describe.ts';
import { executeHelp } from '../src/discord/features/help.ts';

export const data = described(new SlashCommandBuilder().setName('help'), 'help.description');

export const execute = executeHelp;
