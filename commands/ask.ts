import { SlashCommandBuilder } from 'discord.js';
import { described } from '../src/discord/describe.ts';
import { executeAsk } from '../src/discord/features/ask.ts';

export const data = described(new SlashCommandBuilder().setName('ask'), 'ask.description').addStringOption((o) =>
  described(o.setName('question').setRequired(true).setMaxLength(300), 'ask.question'),
);

export const execute = executeAsk;
