// Who counts as a moderator, for commands that declare `moderatorOnly`.
import { PermissionFlagsBits } from 'discord.js';
import { memberRoleIds, type SlashInteraction } from './interaction.ts';

/** Discord's default member permission for a moderator-only command, and the fallback check. */
export const MODERATOR_PERMISSION = PermissionFlagsBits.ManageGuild;

/**
 * Discord hides moderator commands from others, but server admins can change that, so
 * the bot checks too: a role in MODERATOR_ROLE_IDS when set, else Manage Server.
 */
export function isModerator(interaction: SlashInteraction, moderatorRoleIds: readonly string[]): boolean {
  if (moderatorRoleIds.length > 0) {
    return memberRoleIds(interaction.member).some((id) => moderatorRoleIds.includes(id));
  }
  return interaction.memberPermissions?.has(MODERATOR_PERMISSION) ?? false;
}
