// startFakeDiscord(): one HTTP server on 127.0.0.1 that is both Discord's REST
// API (under /api/v10) and its gateway (ws upgrade on /gateway).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InteractionExchange } from './exchange.ts';
import { FakeGateway } from './gateway.ts';
import {
  autocompletePayload,
  buttonPayload,
  makeGuild,
  makeUser,
  memberPayload,
  messagePayload,
  OPTION_TYPE,
  slashCommandPayload,
  type CommandShape,
  type FakeGuild,
  type FakeGuildSpec,
  type FakeUser,
  type InteractionContext,
  type InteractionPayload,
  type Invoker,
  type Json,
  type OptionTypes,
  type OptionValues,
} from './payloads.ts';
import { FakeRest, type Fault, type FaultOptions, type RouteMatcher } from './rest.ts';
import { FakeState, type RecordedRequest, type Violation } from './state.ts';

export interface FakeDiscordOptions {
  /** Guilds the bot is in; default: one guild "Fake Guild" with a #general text channel. */
  guilds?: FakeGuildSpec[];
  botUser?: { id?: string; username?: string };
  applicationId?: string;
  /** When set, IDENTIFY with another token is refused (close 4004), and so is REST with another bot token (401). */
  token?: string;
  /** Default 41 250 ms as on Discord; the client's first beat comes at a random fraction of it. */
  heartbeatIntervalMs?: number;
  /** Discord's 3 s window for the first callback. */
  callbackDeadlineMs?: number;
  /** Shards `GET /gateway/bot` recommends; default 1. Guilds are routed by the count clients identify with. */
  shards?: number;
  /** session_start_limit.max_concurrency: IDENTIFYs allowed per 5 s; default 1 (large bots get 16). */
  maxConcurrency?: number;
}

const INTENT = { GuildMessages: 1 << 9, MessageContent: 1 << 15 } as const;

/** Invoker plus the subcommand to call, for slashCommand() and autocomplete(). */
export type CommandInvoker = Invoker & { subcommand?: string };

/** Who invokes, and in which of the fake's guilds (default: the first). */
export type GuildInvoker = Invoker & { guildId?: string };

export interface SendMessageOptions {
  content: string;
  author?: FakeUser;
  channelId?: string;
}

/** A user message dispatched as MESSAGE_CREATE, and the bot's answers to it. */
export class MessageExchange {
  constructor(
    /** The message as dispatched (content blanked if the bot lacks the MessageContent intent and is not mentioned). */
    readonly message: Json,
    /** False when the bot's intents exclude the event, so Discord would not have sent it. */
    readonly delivered: boolean,
    state: FakeState,
    earlier: ReadonlySet<unknown>,
  ) {
    this.#state = state;
    this.#earlier = earlier;
  }

  readonly #state: FakeState;
  readonly #earlier: ReadonlySet<unknown>;

  /** Bot posts in the same channel after this message that reply to it or reference nothing. */
  get replies(): Json[] {
    return this.#state.channelPosts.filter((m) => {
      if (m.channel_id !== this.message.channel_id || this.#earlier.has(m.id)) return false;
      const ref = m.message_reference as Json | undefined;
      return !ref || ref.message_id === this.message.id;
    });
  }

  waitForReply(predicate: (reply: Json) => boolean = () => true, timeoutMs = 10_000): Promise<Json> {
    if (!this.delivered) return Promise.reject(new Error('fake-discord: the message was not delivered: the bot did not ask for the GuildMessages intent'));
    return this.#state.changes.waitFor(
      () => this.replies.find(predicate),
      timeoutMs,
      () => `a reply to message ${String(this.message.id)}; replies so far: ${this.replies.length}`,
    );
  }
}

export interface FakeDiscord {
  /** For discord.js: new Client({ rest: { api: apiBase } }). */
  readonly apiBase: string;
  readonly gatewayUrl: string;
  readonly botUser: FakeUser;
  readonly applicationId: string;
  readonly guilds: FakeGuild[];
  /** The first guild and its first channel: where interactions and messages go by default. */
  readonly guild: FakeGuild;
  readonly channelId: string;
  /** The default user who invokes interactions and sends messages. */
  readonly user: FakeUser;
  /** `<@botId>`, to mention the bot in message content. */
  readonly mention: string;

  readonly gateway: FakeGateway;
  readonly requests: readonly RecordedRequest[];
  readonly violations: readonly Violation[];
  readonly unknownRoutes: readonly string[];
  readonly exchanges: readonly InteractionExchange[];
  /** Bot messages posted through /channels/:id/messages (current versions). */
  readonly channelPosts: readonly Json[];
  /** Global commands, then each guild's, as last PUT. */
  readonly registeredCommands: Json[];

  waitForIdentify(count?: number, timeoutMs?: number): Promise<void>;
  waitForResume(count?: number, timeoutMs?: number): Promise<void>;
  waitForCommands(timeoutMs?: number): Promise<Json[]>;
  /** Generic wait on the fake's state: resolves with the predicate's first truthy value. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs: number, description: string): Promise<T>;

  slashCommand(name: string, options?: OptionValues, invoker?: CommandInvoker & GuildInvoker): InteractionPayload;
  autocomplete(name: string, options: OptionValues, focused: string, invoker?: CommandInvoker & GuildInvoker): InteractionPayload;
  /** A button click on a message the fake knows (by id or object), or a stub message when unknown. */
  buttonPress(customId: string, message: string | Json, invoker?: GuildInvoker): InteractionPayload;
  /** The shard a guild's events go to, by the shard count the client identified with. */
  shardOf(guildId: string): number;
  /** Dispatches INTERACTION_CREATE on its guild's shard (queued for replay while that shard's client is away). */
  sendInteraction(payload: InteractionPayload): Promise<InteractionExchange>;
  sendMessage(options: SendMessageOptions): MessageExchange;

  readonly faults: {
    closeGateway(code?: number, shard?: number): void;
    sendReconnect(shard?: number): void;
    invalidateSession(resumable: boolean, shard?: number): void;
    failNext(matcher: RouteMatcher, status: number, options?: FaultOptions): Fault;
  };
  close(): Promise<void>;
}

function withoutUser({ user: _user, ...member }: Json): Json {
  return member;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const botUser = makeUser(options.botUser?.username ?? 'fake-bot', { bot: true, ...(options.botUser?.id ? { id: options.botUser.id } : {}) });
  const applicationId = options.applicationId ?? botUser.id;
  const user = makeUser('reader');
  const guilds = (options.guilds ?? [{}]).map((spec) => makeGuild(spec, user.id));
  const guild = guilds[0];
  const channelId = guild?.channels[0]?.id;
  if (!guild || !channelId) throw new Error('fake-discord: the first guild needs at least one channel');

  const state = new FakeState({ botUser, applicationId, guilds, callbackDeadlineMs: options.callbackDeadlineMs ?? 3_000 });
  let port = 0;
  const gatewayUrl = (): string => `ws://127.0.0.1:${port}/gateway`;
  const gateway = new FakeGateway(
    { botUser, applicationId, guilds, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, token: options.token, url: gatewayUrl },
    state.changes,
  );
  const rest = new FakeRest({
    state,
    botUser,
    applicationId,
    gatewayUrl,
    shards: options.shards ?? 1,
    maxConcurrency: options.maxConcurrency ?? 1,
    token: options.token,
  });

  const server: Server = createServer((req, res) => {
    rest.handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://fake.invalid').pathname === '/gateway') gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  const ctx: InteractionContext = { applicationId, guild, defaultUser: user };
  const ctxIn = (guildId: string | undefined): InteractionContext => {
    if (guildId === undefined) return ctx;
    const chosen = guilds.find((g) => g.id === guildId);
    if (!chosen) throw new Error(`fake-discord: the bot is not in guild ${guildId}`);
    return { ...ctx, guild: chosen };
  };
  const registeredCommands = (): Json[] => [...state.globalCommands, ...[...state.guildCommands.values()].flat()];

  /** Option types and id from the registered command, so payloads match what the bot declared. */
  const shapeOf = (name: string, subcommand: string | undefined): CommandShape => {
    const command = registeredCommands().find((c) => c.name === name);
    let declared = Array.isArray(command?.options) ? (command.options as Json[]) : [];
    if (subcommand) {
      const sub = declared.find((o) => o.name === subcommand && o.type === OPTION_TYPE.Subcommand);
      declared = Array.isArray(sub?.options) ? (sub.options as Json[]) : [];
    }
    const optionTypes: OptionTypes = Object.fromEntries(declared.map((o) => [String(o.name), Number(o.type)]));
    return { optionTypes, ...(subcommand ? { subcommand } : {}), ...(typeof command?.id === 'string' ? { commandId: command.id } : {}) };
  };

  const waitFor = <T>(predicate: () => T | undefined | null | false, timeoutMs: number, description: string): Promise<T> =>
    state.changes.waitFor(predicate, timeoutMs, () => description);

  return {
    apiBase: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    botUser,
    applicationId,
    guilds,
    guild,
    channelId,
    user,
    mention: `<@${botUser.id}>`,
    gateway,
    requests: state.requests,
    violations: state.violations,
    unknownRoutes: rest.unknownRoutes,
    exchanges: state.exchanges,
    channelPosts: state.channelPosts,
    get registeredCommands() {
      return registeredCommands();
    },

    waitForIdentify: async (count = 1, timeoutMs = 10_000) => {
      await waitFor(() => gateway.identifies.length >= count, timeoutMs, `IDENTIFY #${count}`);
    },
    waitForResume: async (count = 1, timeoutMs = 10_000) => {
      await waitFor(() => gateway.resumes.filter((r) => r.accepted).length >= count, timeoutMs, `accepted RESUME #${count}`);
    },
    waitForCommands: (timeoutMs = 10_000) =>
      waitFor(() => (registeredCommands().length > 0 ? registeredCommands() : undefined), timeoutMs, 'a command registration'),
    waitFor,

    slashCommand: (name, values = {}, { subcommand, guildId, ...invoker } = {}) =>
      slashCommandPayload(ctxIn(guildId), name, values, shapeOf(name, subcommand), invoker),
    autocomplete: (name, values, focused, { subcommand, guildId, ...invoker } = {}) =>
      autocompletePayload(ctxIn(guildId), name, values, focused, shapeOf(name, subcommand), invoker),
    buttonPress: (customId, message, { guildId, ...invoker } = {}) => {
      const where = ctxIn(guildId);
      const resolved =
        typeof message !== 'string'
          ? message
          : (state.messages.get(message) ??
            messagePayload({
              id: message,
              channelId: invoker.channelId ?? where.guild.channels[0]?.id ?? channelId,
              guildId: where.guild.id,
              author: botUser,
              applicationId,
            }));
      return buttonPayload(where, customId, resolved, invoker);
    },
    shardOf: (guildId) => gateway.shardOf(guildId),
    sendInteraction: (payload) =>
      new Promise((resolve) => {
        const exchange = state.startExchange(payload);
        gateway.dispatch('INTERACTION_CREATE', payload, gateway.shardOf(typeof payload.guild_id === 'string' ? payload.guild_id : null));
        resolve(exchange);
      }),
    sendMessage: ({ content, author = user, channelId: target = channelId }) => {
      const guildId = state.guildOf(target);
      const shard = gateway.shardOf(guildId);
      const intents = gateway.intentsOf(shard) ?? 0;
      const mentionsBot = content.includes(`<@${botUser.id}>`) || content.includes(`<@!${botUser.id}>`);
      const known = [botUser, user, author];
      const mentions = known.filter((u, i) => known.indexOf(u) === i && new RegExp(`<@!?${u.id}>`).test(content));
      const message: Json = {
        ...messagePayload({
          channelId: target,
          guildId,
          author,
          // Without the privileged MessageContent intent Discord blanks content unless the bot is mentioned.
          content: intents & INTENT.MessageContent || mentionsBot ? content : '',
          mentions,
        }),
        // MESSAGE_CREATE carries the member without its user (the author is the user).
        ...(guildId ? { member: withoutUser(memberPayload(author, [], new Date().toISOString())) } : {}),
      };
      state.remember(message);
      const earlier = new Set(state.channelPosts.map((m) => m.id));
      const delivered = (intents & INTENT.GuildMessages) !== 0;
      if (delivered) gateway.dispatch('MESSAGE_CREATE', message, shard);
      return new MessageExchange(message, delivered, state, earlier);
    },

    faults: {
      closeGateway: (code = 4000, shard = 0) => gateway.closeConnection(code, undefined, shard),
      sendReconnect: (shard = 0) => gateway.sendReconnect(shard),
      invalidateSession: (resumable, shard = 0) => gateway.invalidateSession(resumable, shard),
      failNext: (matcher, status, faultOptions) => rest.failNext(matcher, status, faultOptions),
    },
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
