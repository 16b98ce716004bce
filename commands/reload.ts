import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { described } from '../src/discord/describe.ts';
import { executeReload } from '../src/discord/features/reload.ts';

// Default permission hides it from non-moderators; the dispatcher checks again at run time.
export const data = described(new SlashCommandBuilder().setName('reload'), 'reload.description')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export const execute = executeReload;
