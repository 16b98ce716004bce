// The parts of discord.js interactions the commands use. The real classes satisfy these
// shapes (checked at the bottom), and so does the console adapter, so one set of command
// handlers serves Discord, the console and the tests.
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIEmbed,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageFlags,
} from 'discord.js';

/** Never ping anyone: users, roles, @everyone, or the author of a replied-to message. */
export const NO_MENTIONS = { parse: [] as [], repliedUser: false } as const;

/** A file sent with a message (discord.js's AttachmentPayload); an embed shows it as `attachment://name`. */
export interface PayloadFile {
  attachment: Buffer;
  name: string;
  /** Alt text for screen readers (and the console). */
  description?: string;
  /** What the console prints in place of the file (a text chart); discord.js sends only attachment, name and description. */
  text?: string;
}

export interface EditPayload {
  content?: string;
  embeds?: APIEmbed[];
  files?: PayloadFile[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: typeof NO_MENTIONS;
}

export interface ReplyPayload extends EditPayload {
  flags?: MessageFlags.Ephemeral;
}

export interface InteractionUser {
  id: string;
  username: string;
}

/** A cached GuildMember (roles.cache) or a raw API member (roles as ids). */
export type MemberLike = { roles: string[] | { cache: ReadonlyMap<string, unknown> } } | null;

export interface Replyable {
  locale: string;
  user: InteractionUser;
  deferred: boolean;
  replied: boolean;
  ephemeral: boolean | null;
  reply(payload: ReplyPayload): Promise<unknown>;
  editReply(payload: EditPayload): Promise<{ id: string }>;
  followUp(payload: ReplyPayload): Promise<unknown>;
  deleteReply(): Promise<unknown>;
}

export interface SlashInteraction extends Replyable {
  commandName: string;
  guildId: string | null;
  member: MemberLike;
  memberPermissions: { has(permission: bigint): boolean } | null;
  options: {
    getString(name: string, required?: boolean): string | null;
    getInteger(name: string, required?: boolean): number | null;
  };
  deferReply(options?: { flags?: MessageFlags.Ephemeral }): Promise<unknown>;
}

export interface AutocompleteLike {
  commandName: string;
  locale: string;
  user: InteractionUser;
  responded: boolean;
  options: { getFocused(getFull: true): { name: string; value: string } };
  respond(choices: { name: string; value: string }[]): Promise<unknown>;
}

export interface ButtonLike extends Replyable {
  customId: string;
  message: { id: string };
  update(payload: EditPayload): Promise<unknown>;
  /** Acknowledges the press; editReply then edits the message the button is on. */
  deferUpdate(): Promise<unknown>;
}

export function memberRoleIds(member: MemberLike): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

// Compile-time proof that the real discord.js interactions fit these shapes.
export type RealInteractionsFit = [
  ChatInputCommandInteraction extends SlashInteraction ? true : never,
  AutocompleteInteraction extends AutocompleteLike ? true : never,
  ButtonInteraction extends ButtonLike ? true : never,
];
const realInteractionsFit: RealInteractionsFit = [true, true, true];
void realInteractionsFit;
