import { PermissionFlagsBits } from 'discord.js';
import { definitionOf, type CommandModule } from './command.ts';
import { memberRoleIds, type SlashInteraction } from './interaction.ts';

/** A command built with setDefaultMemberPermissions is for moderators, checked again at run time. */
export function isModeratorOnly(command: CommandModule): boolean {
  return definitionOf(command).default_member_permissions != null;
}

/**
 * Discord hides moderator commands from others, but server admins can change that, so
 * the bot checks too: a role in MODERATOR_ROLE_IDS when set, else Manage Server.
 */
export function isModerator(interaction: SlashInteraction, moderatorRoleIds: readonly string[]): boolean {
  if (moderatorRoleIds.length > 0) {
    return memberRoleIds(interaction.member).some((id) => moderatorRoleIds.includes(id));
  }
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}
