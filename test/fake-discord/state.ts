// What the fake remembers between requests: messages, interactions, registered
// commands, the request log and every broken rule.
import { ApiError } from './errors.ts';
import { InteractionExchange, type ExchangeSink, type UploadedFile } from './exchange.ts';
import { checkMessageBody } from './limits.ts';
import { messagePayload, type FakeGuild, type FakeUser, type InteractionPayload, type Json } from './payloads.ts';
import { snowflake } from './snowflake.ts';
import { Changes } from './waiting.ts';

export interface Violation {
  rule: string;
  detail: string;
  /** "interaction <id>" or "<METHOD> <path>". */
  source: string;
  at: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Route name from the fake's table (e.g. "interactionCallback"), or null when unknown. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body (for multipart, the payload_json part). */
  body: unknown;
  files: UploadedFile[];
  authorization: string | undefined;
  status: number;
  /** True when an injected fault answered instead of the route. */
  injected: boolean;
  at: number;
}

export interface StateOptions {
  botUser: FakeUser;
  applicationId: string;
  guilds: FakeGuild[];
  callbackDeadlineMs: number;
}

export class FakeState {
  readonly changes = new Changes();
  readonly violations: Violation[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Every message the fake knows, by id (user messages it dispatched and bot replies). */
  readonly messages = new Map<string, Json>();
  /** Messages the bot posted through /channels/:id/messages, current version, in creation order. */
  readonly channelPosts: Json[] = [];
  readonly exchanges: InteractionExchange[] = [];
  globalCommands: Json[] = [];
  readonly guildCommands = new Map<string, Json[]>();
  readonly options: StateOptions;

  readonly #byToken = new Map<string, InteractionExchange>();
  readonly #knownChannels = new Set<string>();

  constructor(options: StateOptions) {
    this.options = options;
    for (const guild of options.guilds) for (const channel of guild.channels) this.#knownChannels.add(channel.id);
  }

  violation(rule: string, detail: string, source: string): void {
    this.violations.push({ rule, detail, source, at: Date.now() });
    this.changes.notify();
  }

  remember(message: Json): void {
    this.messages.set(String(message.id), message);
    if (typeof message.channel_id === 'string') this.#knownChannels.add(message.channel_id);
  }

  startExchange(payload: InteractionPayload): InteractionExchange {
    const sink: ExchangeSink = {
      violation: (rule, detail, id) => this.violation(rule, detail, `interaction ${id}`),
      remember: (message) => this.remember(message),
    };
    const exchange = new InteractionExchange(payload, {
      botUser: this.options.botUser,
      callbackDeadlineMs: this.options.callbackDeadlineMs,
      changes: this.changes,
      sink,
    });
    this.exchanges.push(exchange);
    this.#byToken.set(payload.token, exchange);
    this.#knownChannels.add(payload.channel_id);
    return exchange;
  }

  exchangeById(id: string): InteractionExchange {
    const exchange = this.exchanges.find((e) => e.id === id);
    if (!exchange) throw ApiError.unknownInteraction();
    return exchange;
  }

  /** The interaction behind a webhook token; unknown tokens are a bot bug worth recording. */
  exchangeForWebhook(applicationId: string, token: string, source: string): InteractionExchange {
    const exchange = this.#byToken.get(token);
    if (!exchange || applicationId !== this.options.applicationId) {
      this.violation('unknown-token', `webhook call for an unknown application or token`, source);
      throw ApiError.unknownWebhook();
    }
    return exchange;
  }

  // ---- channel messages -----------------------------------------------------

  requireChannel(channelId: string): void {
    if (!this.#knownChannels.has(channelId)) throw new ApiError(404, 10003, 'Unknown Channel');
  }

  guildOf(channelId: string): string | null {
    return this.options.guilds.find((g) => g.channels.some((c) => c.id === channelId))?.id ?? null;
  }

  createChannelMessage(channelId: string, body: Json, files: UploadedFile[], source: string): Json {
    this.requireChannel(channelId);
    for (const problem of checkMessageBody(body, files)) this.violation(problem.rule, problem.detail, source);
    const empty =
      !body.content && !(Array.isArray(body.embeds) && body.embeds.length) && files.length === 0 && !(Array.isArray(body.components) && body.components.length);
    if (empty) {
      this.violation('empty-message', 'message with no content, embeds, components or files', source);
      throw new ApiError(400, 50006, 'Cannot send an empty message');
    }
    const message = messagePayload({
      channelId,
      guildId: this.guildOf(channelId),
      author: this.options.botUser,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      attachments: files.map((f, i) => ({
        id: snowflake(),
        filename: f.name,
        size: f.size,
        content_type: f.contentType,
        url: `https://cdn.invalid/${i}/${f.name}`,
      })),
      flags: typeof body.flags === 'number' ? body.flags : 0,
      messageReference: body.message_reference,
    });
    this.remember(message);
    this.channelPosts.push(message);
    this.changes.notify();
    return message;
  }

  editChannelMessage(channelId: string, messageId: string, body: Json, source: string): Json {
    const index = this.channelPosts.findIndex((m) => m.id === messageId && m.channel_id === channelId);
    const current = this.channelPosts[index];
    if (!current) throw ApiError.unknownMessage();
    for (const problem of checkMessageBody(body)) this.violation(problem.rule, problem.detail, source);
    const next: Json = { ...current, edited_timestamp: new Date().toISOString() };
    for (const key of ['content', 'embeds', 'components'] as const) if (body[key] !== undefined) next[key] = body[key];
    this.channelPosts[index] = next;
    this.remember(next);
    this.changes.notify();
    return next;
  }

  deleteChannelMessage(channelId: string, messageId: string): void {
    const index = this.channelPosts.findIndex((m) => m.id === messageId && m.channel_id === channelId);
    if (index < 0 && !this.messages.has(messageId)) throw ApiError.unknownMessage();
    if (index >= 0) this.channelPosts.splice(index, 1);
    this.messages.delete(messageId);
    this.changes.notify();
  }

  // ---- commands ---------------------------------------------------------------

  /** Stores a PUT of the full command list the way Discord echoes it back. */
  toRegisteredCommands(body: unknown, guildId: string | null): Json[] {
    if (!Array.isArray(body)) throw ApiError.invalidBody('expected an array of commands');
    return body.map((command: Json) => ({
      id: snowflake(),
      application_id: this.options.applicationId,
      version: snowflake(),
      type: 1,
      description: '',
      options: [],
      default_member_permissions: null,
      dm_permission: true,
      nsfw: false,
      ...(guildId ? { guild_id: guildId } : {}),
      ...command,
    }));
  }
}
