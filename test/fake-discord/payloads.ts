// Builders for the JSON objects the fake sends over the gateway and returns from
// REST. They carry every field discord.js needs: it silently drops an interaction
// that lacks entitlements, authorizing_integration_owners, a user, and so on.
import { snowflake } from './snowflake.ts';

export type Json = Record<string, unknown>;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export function makeUser(username: string, options: { id?: string; bot?: boolean } = {}): FakeUser {
  return {
    id: options.id ?? snowflake(),
    username,
    global_name: options.bot ? null : username,
    discriminator: '0',
    avatar: null,
    ...(options.bot ? { bot: true } : {}),
  };
}

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 = guild text. */
  type: number;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  channels: FakeChannel[];
  /** Extra roles besides @everyone (whose id is the guild id). */
  roles: { id: string; name: string; permissions: bigint }[];
}

export interface FakeGuildSpec {
  id?: string;
  name?: string;
  preferredLocale?: string;
  channels?: { id?: string; name: string; type?: number }[];
  roles?: { id?: string; name: string; permissions?: bigint }[];
}

// Permission bits (https://discord.com/developers/docs/topics/permissions).
export const PERMISSION = {
  AddReactions: 1n << 6n,
  ManageGuild: 1n << 5n,
  Administrator: 1n << 3n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** What an ordinary member holds: can read, write and use commands, cannot manage the guild. */
export const MEMBER_PERMISSIONS =
  PERMISSION.ViewChannel |
  PERMISSION.SendMessages |
  PERMISSION.EmbedLinks |
  PERMISSION.AttachFiles |
  PERMISSION.ReadMessageHistory |
  PERMISSION.AddReactions |
  PERMISSION.UseApplicationCommands;

export const BOT_PERMISSIONS = MEMBER_PERMISSIONS | PERMISSION.UseExternalEmojis | PERMISSION.SendMessagesInThreads;

export function makeGuild(spec: FakeGuildSpec, ownerId: string): FakeGuild {
  const channels = spec.channels ?? [{ name: 'general' }];
  return {
    id: spec.id ?? snowflake(),
    name: spec.name ?? 'Fake Guild',
    ownerId,
    preferredLocale: spec.preferredLocale ?? 'zh-CN',
    channels: channels.map((c) => ({ id: c.id ?? snowflake(), name: c.name, type: c.type ?? 0 })),
    roles: (spec.roles ?? []).map((r) => ({ id: r.id ?? snowflake(), name: r.name, permissions: r.permissions ?? 0n })),
  };
}

function rolePayload(id: string, name: string, permissions: bigint, position: number): Json {
  return {
    id,
    name,
    permissions: permissions.toString(),
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
  };
}

export function memberPayload(user: FakeUser, roles: string[], joinedAt: string): Json {
  return {
    user,
    nick: null,
    avatar: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
  };
}

export function guildCreatePayload(guild: FakeGuild, botUser: FakeUser): Json {
  const now = new Date().toISOString();
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [rolePayload(guild.id, '@everyone', MEMBER_PERMISSIONS, 0), ...guild.roles.map((r, i) => rolePayload(r.id, r.name, r.permissions, i + 1))],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: now,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [memberPayload(botUser, [], now)],
    channels: guild.channels.map((c, position) => ({
      id: c.id,
      type: c.type,
      name: c.name,
      position,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
    })),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface MessageFields {
  id?: string;
  channelId: string;
  guildId?: string | null;
  author: FakeUser;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  attachments?: unknown[];
  flags?: number;
  mentions?: FakeUser[];
  messageReference?: unknown;
  /** Set for messages made by an interaction response or webhook. */
  applicationId?: string;
  interactionMetadata?: Json;
}

export function messagePayload(fields: MessageFields): Json {
  return {
    id: fields.id ?? snowflake(),
    type: fields.messageReference ? 19 : 0,
    channel_id: fields.channelId,
    ...(fields.guildId ? { guild_id: fields.guildId } : {}),
    author: fields.author,
    content: fields.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: fields.mentions ?? [],
    mention_roles: [],
    attachments: fields.attachments ?? [],
    embeds: fields.embeds ?? [],
    components: fields.components ?? [],
    pinned: false,
    flags: fields.flags ?? 0,
    ...(fields.messageReference ? { message_reference: fields.messageReference } : {}),
    ...(fields.applicationId ? { application_id: fields.applicationId, webhook_id: fields.applicationId } : {}),
    ...(fields.interactionMetadata ? { interaction_metadata: fields.interactionMetadata } : {}),
  };
}

/** Everything a person reads in a message: content plus the text of each embed. */
export function messageText(message: Json | undefined): string {
  if (!message) return '';
  const parts: string[] = [];
  if (typeof message.content === 'string' && message.content) parts.push(message.content);
  for (const embed of Array.isArray(message.embeds) ? (message.embeds as Json[]) : []) {
    const author = embed.author as Json | undefined;
    const footer = embed.footer as Json | undefined;
    for (const text of [author?.name, embed.title, embed.description]) if (typeof text === 'string') parts.push(text);
    for (const field of Array.isArray(embed.fields) ? (embed.fields as Json[]) : []) {
      parts.push(`${String(field.name)}\n${String(field.value)}`);
    }
    if (typeof footer?.text === 'string') parts.push(footer.text);
  }
  return parts.join('\n');
}

// ---- Interactions ----------------------------------------------------------

export const INTERACTION_TYPE = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const OPTION_TYPE = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

/** Who invokes an interaction, and where. */
export interface Invoker {
  user?: FakeUser;
  /** Role ids the member holds (guild only). */
  roles?: string[];
  /** The member's permissions in the channel; defaults to MEMBER_PERMISSIONS. */
  permissions?: bigint;
  locale?: string;
  channelId?: string;
  /** Send from a DM instead of the guild. */
  dm?: boolean;
}

export interface InteractionContext {
  applicationId: string;
  guild: FakeGuild;
  defaultUser: FakeUser;
}

export type OptionValue = string | number | boolean;
export type OptionValues = Record<string, OptionValue>;
/** Registered option types by name, so numbers become Integer or Number as the command declares. */
export type OptionTypes = Record<string, number>;

export interface InteractionPayload extends Json {
  id: string;
  token: string;
  type: number;
  application_id: string;
  channel_id: string;
  data: Json;
}

function baseInteraction(ctx: InteractionContext, type: number, data: Json, invoker: Invoker): InteractionPayload {
  const user = invoker.user ?? ctx.defaultUser;
  const channelId = invoker.channelId ?? ctx.guild.channels[0]?.id ?? snowflake();
  const dm = invoker.dm === true;
  const locale = invoker.locale ?? 'zh-CN';
  const location: Json = dm
    ? { user, channel: { id: channelId, type: 1, recipients: [user], flags: 0, last_message_id: null }, context: 1 }
    : {
        guild_id: ctx.guild.id,
        guild: { id: ctx.guild.id, locale: ctx.guild.preferredLocale, features: [] },
        guild_locale: ctx.guild.preferredLocale,
        member: {
          ...memberPayload(user, invoker.roles ?? [], new Date().toISOString()),
          permissions: (invoker.permissions ?? MEMBER_PERMISSIONS).toString(),
        },
        channel: {
          id: channelId,
          type: 0,
          guild_id: ctx.guild.id,
          name: ctx.guild.channels.find((c) => c.id === channelId)?.name ?? 'general',
          permissions: (invoker.permissions ?? MEMBER_PERMISSIONS).toString(),
        },
        context: 0,
      };
  return {
    id: snowflake(),
    application_id: ctx.applicationId,
    type,
    data,
    token: `fake-token-${snowflake()}-${Math.random().toString(36).slice(2)}`,
    version: 1,
    channel_id: channelId,
    app_permissions: BOT_PERMISSIONS.toString(),
    locale,
    entitlements: [],
    authorizing_integration_owners: dm ? { '1': user.id } : { '0': ctx.guild.id },
    attachment_size_limit: 10_485_760,
    ...location,
  };
}

function inferType(value: OptionValue): number {
  if (typeof value === 'boolean') return OPTION_TYPE.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OPTION_TYPE.Integer : OPTION_TYPE.Number;
  return OPTION_TYPE.String;
}

function toOptions(values: OptionValues, types: OptionTypes, focused?: string): Json[] {
  return Object.entries(values).map(([name, value]) => ({
    name,
    type: types[name] ?? inferType(value),
    value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

export interface CommandShape {
  subcommand?: string;
  optionTypes?: OptionTypes;
  /** The registered command's id, if known. */
  commandId?: string;
}

function commandData(name: string, options: Json[], shape: CommandShape): Json {
  return {
    id: shape.commandId ?? snowflake(),
    name,
    type: 1,
    options: shape.subcommand ? [{ name: shape.subcommand, type: OPTION_TYPE.Subcommand, options }] : options,
  };
}

export function slashCommandPayload(ctx: InteractionContext, name: string, values: OptionValues, shape: CommandShape, invoker: Invoker): InteractionPayload {
  const options = toOptions(values, shape.optionTypes ?? {});
  return baseInteraction(ctx, INTERACTION_TYPE.ApplicationCommand, { ...commandData(name, options, shape), resolved: {} }, invoker);
}

export function autocompletePayload(
  ctx: InteractionContext,
  name: string,
  values: OptionValues,
  focused: string,
  shape: CommandShape,
  invoker: Invoker,
): InteractionPayload {
  if (!(focused in values)) throw new Error(`fake-discord: focused option "${focused}" is not among the options`);
  const options = toOptions(values, shape.optionTypes ?? {}, focused);
  return baseInteraction(ctx, INTERACTION_TYPE.Autocomplete, commandData(name, options, shape), invoker);
}

export function buttonPayload(ctx: InteractionContext, customId: string, message: Json, invoker: Invoker): InteractionPayload {
  const channelId = typeof message.channel_id === 'string' ? message.channel_id : invoker.channelId;
  return {
    ...baseInteraction(ctx, INTERACTION_TYPE.MessageComponent, { custom_id: customId, component_type: 2 }, { ...invoker, ...(channelId ? { channelId } : {}) }),
    message,
  };
}
