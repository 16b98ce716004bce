// The REST half of the fake: a route table, body parsing (JSON and multipart),
// injected faults, and a log of every call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.ts';
import type { UploadedFile } from './exchange.ts';
import type { FakeUser, Json } from './payloads.ts';
import type { FakeState, RecordedRequest } from './state.ts';

export type RouteName =
  | 'getGatewayBot'
  | 'getGateway'
  | 'getCurrentUser'
  | 'getCurrentApplication'
  | 'putGlobalCommands'
  | 'getGlobalCommands'
  | 'putGuildCommands'
  | 'getGuildCommands'
  | 'interactionCallback'
  | 'webhookFollowup'
  | 'webhookGetMessage'
  | 'webhookEditMessage'
  | 'webhookDeleteMessage'
  | 'channelCreateMessage'
  | 'channelEditMessage'
  | 'channelDeleteMessage'
  | 'channelTyping'
  | 'getChannel'
  | 'addReaction';

export interface RestRequest {
  method: string;
  route: RouteName;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
  source: string;
}

/** A route's answer: a JSON body, or undefined for 204 No Content. */
type Handler = (request: RestRequest) => Json | Json[] | undefined;

interface Route {
  name: RouteName;
  method: string;
  segments: string[];
}

const ROUTES: Route[] = (
  [
    ['getGatewayBot', 'GET', '/gateway/bot'],
    ['getGateway', 'GET', '/gateway'],
    ['getCurrentUser', 'GET', '/users/@me'],
    ['getCurrentApplication', 'GET', '/applications/@me'],
    ['getCurrentApplication', 'GET', '/oauth2/applications/@me'],
    ['putGlobalCommands', 'PUT', '/applications/:app/commands'],
    ['getGlobalCommands', 'GET', '/applications/:app/commands'],
    ['putGuildCommands', 'PUT', '/applications/:app/guilds/:guild/commands'],
    ['getGuildCommands', 'GET', '/applications/:app/guilds/:guild/commands'],
    ['interactionCallback', 'POST', '/interactions/:id/:token/callback'],
    ['webhookFollowup', 'POST', '/webhooks/:app/:token'],
    ['webhookGetMessage', 'GET', '/webhooks/:app/:token/messages/:message'],
    ['webhookEditMessage', 'PATCH', '/webhooks/:app/:token/messages/:message'],
    ['webhookDeleteMessage', 'DELETE', '/webhooks/:app/:token/messages/:message'],
    ['channelCreateMessage', 'POST', '/channels/:channel/messages'],
    ['channelEditMessage', 'PATCH', '/channels/:channel/messages/:message'],
    ['channelDeleteMessage', 'DELETE', '/channels/:channel/messages/:message'],
    ['channelTyping', 'POST', '/channels/:channel/typing'],
    ['getChannel', 'GET', '/channels/:channel'],
    ['addReaction', 'PUT', '/channels/:channel/messages/:message/reactions/:emoji/@me'],
  ] as const
).map(([name, method, pattern]) => ({ name, method, segments: pattern.split('/').filter(Boolean) }));

export const API_PREFIX = '/api/v10';

function matchRoute(method: string, segments: string[]): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = route.segments.every((part, i) => {
      const actual = segments[i]!;
      if (part.startsWith(':')) {
        params[part.slice(1)] = actual;
        return true;
      }
      return part === actual;
    });
    if (ok) return { route, params };
  }
  return null;
}

export interface FaultOptions {
  /** Seconds for the retry-after header and body of a 429. */
  retryAfter?: number;
  /** A 429 that applies to all routes (X-RateLimit-Global). */
  global?: boolean;
  /** How many matching requests to fail (default 1). */
  times?: number;
}

export type RouteMatcher = RouteName | ((request: { method: string; route: RouteName | null; path: string }) => boolean);

/** A pending injected failure; `hits` says how many requests it has answered. */
export interface Fault {
  readonly status: number;
  readonly options: FaultOptions;
  hits: number;
  remaining: number;
}

interface ArmedFault extends Fault {
  matcher: RouteMatcher;
}

export interface RestContext {
  state: FakeState;
  botUser: FakeUser;
  applicationId: string;
  gatewayUrl: () => string;
  /** What GET /gateway/bot recommends. */
  shards: number;
  maxConcurrency: number;
  /** The bot token REST requires, as Discord does (interaction callbacks and webhooks need none). */
  token?: string | undefined;
}

/** Routes Discord serves without the bot's token: the interaction token in the path is the credential. */
const TOKENLESS_ROUTES = new Set<RouteName>(['interactionCallback', 'webhookFollowup', 'webhookGetMessage', 'webhookEditMessage', 'webhookDeleteMessage']);

export class FakeRest {
  readonly unknownRoutes: string[] = [];
  readonly #faults: ArmedFault[] = [];
  readonly #handlers: Record<RouteName, Handler>;
  readonly #ctx: RestContext;

  constructor(ctx: RestContext) {
    this.#ctx = ctx;
    this.#handlers = buildHandlers(ctx);
  }

  failNext(matcher: RouteMatcher, status: number, options: FaultOptions = {}): Fault {
    const fault: ArmedFault = { matcher, status, options, hits: 0, remaining: options.times ?? 1 };
    this.#faults.push(fault);
    return fault;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const at = Date.now();
    const raw = await readBody(req);
    if (!url.pathname.startsWith(API_PREFIX + '/')) {
      this.unknownRoutes.push(`${method} ${url.pathname}`);
      send(res, 404, { message: '404: Not Found', code: 0 });
      return;
    }
    // discord.js sends @original as %40original; compare decoded segments.
    const segments = url.pathname.slice(API_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
    const path = '/' + segments.join('/');
    const match = matchRoute(method, segments);
    const record: RecordedRequest = {
      method,
      path,
      route: match?.route.name ?? null,
      params: match?.params ?? {},
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      authorization: req.headers.authorization,
      status: 0,
      injected: false,
      at,
    };
    this.#ctx.state.requests.push(record);
    try {
      const parsed = await parseBody(raw, req.headers['content-type']);
      record.body = parsed.body;
      record.files = parsed.files;
      const fault = this.#takeFault(method, record.route as RouteName | null, path);
      if (fault) {
        record.injected = true;
        record.status = fault.status;
        sendFault(res, fault);
        return;
      }
      if (!match) {
        this.unknownRoutes.push(`${method} ${path}`);
        throw new ApiError(404, 0, '404: Not Found');
      }
      if (this.#ctx.token !== undefined && !TOKENLESS_ROUTES.has(match.route.name) && req.headers.authorization !== `Bot ${this.#ctx.token}`) {
        throw new ApiError(401, 0, '401: Unauthorized');
      }
      const answer = this.#handlers[match.route.name]({
        method,
        route: match.route.name,
        params: match.params,
        query: record.query,
        body: parsed.body,
        files: parsed.files,
        source: `${method} ${path}`,
      });
      record.status = answer === undefined ? 204 : 200;
      send(res, record.status, answer);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 0, `fake-discord bug: ${String(error)}`);
      record.status = apiError.status;
      send(res, apiError.status, { message: apiError.message, code: apiError.code });
    } finally {
      this.#ctx.state.changes.notify();
    }
  }

  #takeFault(method: string, route: RouteName | null, path: string): ArmedFault | undefined {
    const fault = this.#faults.find((f) => f.remaining > 0 && (typeof f.matcher === 'function' ? f.matcher({ method, route, path }) : f.matcher === route));
    if (!fault) return undefined;
    fault.remaining--;
    fault.hits++;
    return fault;
  }
}

function sendFault(res: ServerResponse, fault: Fault): void {
  if (fault.status === 429) {
    const retryAfter = fault.options.retryAfter ?? 0.1;
    res.setHeader('retry-after', String(retryAfter));
    res.setHeader('x-ratelimit-scope', fault.options.global ? 'global' : 'user');
    if (fault.options.global) res.setHeader('x-ratelimit-global', 'true');
    send(res, 429, { message: 'You are being rate limited.', retry_after: retryAfter, global: fault.options.global === true });
    return;
  }
  send(res, fault.status, { message: `${fault.status}: injected by fake-discord`, code: 0 });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status === 200 ? 204 : status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    // Attachments: discord.js sends the message as payload_json next to files[n].
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const files: UploadedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (field === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
      else if (typeof value !== 'string')
        files.push({ field, name: value.name, size: value.size, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    throw ApiError.invalidBody('body is not JSON');
  }
}

const asJson = (body: unknown): Json => (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {});

function buildHandlers({ state, botUser, applicationId, gatewayUrl, shards, maxConcurrency }: RestContext): Record<RouteName, Handler> {
  const requireApp = (app: string | undefined): void => {
    if (app !== applicationId) throw new ApiError(404, 10002, 'Unknown Application');
  };
  const application = (): Json => ({
    id: applicationId,
    name: botUser.username,
    icon: null,
    description: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: botUser,
    owner: { id: '100000000000000001', username: 'owner', discriminator: '0', avatar: null, global_name: 'owner' },
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
  });
  return {
    getGatewayBot: () => ({
      url: gatewayUrl(),
      shards,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: maxConcurrency },
    }),
    getGateway: () => ({ url: gatewayUrl() }),
    getCurrentUser: () => ({ ...botUser, verified: true, mfa_enabled: false, flags: 0 }),
    getCurrentApplication: application,
    putGlobalCommands: ({ params, body }) => {
      requireApp(params.app);
      state.globalCommands = state.toRegisteredCommands(body, null);
      return state.globalCommands;
    },
    getGlobalCommands: ({ params }) => {
      requireApp(params.app);
      return state.globalCommands;
    },
    putGuildCommands: ({ params, body }) => {
      requireApp(params.app);
      const commands = state.toRegisteredCommands(body, params.guild!);
      state.guildCommands.set(params.guild!, commands);
      return commands;
    },
    getGuildCommands: ({ params }) => {
      requireApp(params.app);
      return state.guildCommands.get(params.guild!) ?? [];
    },
    interactionCallback: ({ params, query, body, files }) => {
      const exchange = state.exchangeById(params.id!);
      if (exchange.token !== params.token) throw ApiError.unknownInteraction();
      const { type, data } = asJson(body);
      if (typeof type !== 'number') throw ApiError.invalidBody('type is required');
      const response = exchange.respond(type, data === undefined ? undefined : asJson(data), files);
      return query.with_response === 'true' ? response : undefined;
    },
    webhookFollowup: ({ params, body, files, source }) => state.exchangeForWebhook(params.app!, params.token!, source).followup(asJson(body), files),
    webhookGetMessage: ({ params, source }) => state.exchangeForWebhook(params.app!, params.token!, source).get(params.message!),
    webhookEditMessage: ({ params, body, files, source }) =>
      state.exchangeForWebhook(params.app!, params.token!, source).edit(params.message!, asJson(body), files),
    webhookDeleteMessage: ({ params, source }) => {
      state.exchangeForWebhook(params.app!, params.token!, source).delete(params.message!);
      return undefined;
    },
    channelCreateMessage: ({ params, body, files, source }) => state.createChannelMessage(params.channel!, asJson(body), files, source),
    channelEditMessage: ({ params, body, source }) => state.editChannelMessage(params.channel!, params.message!, asJson(body), source),
    channelDeleteMessage: ({ params }) => {
      state.deleteChannelMessage(params.channel!, params.message!);
      return undefined;
    },
    channelTyping: ({ params }) => {
      state.requireChannel(params.channel!);
      return undefined;
    },
    getChannel: ({ params }) => {
      state.requireChannel(params.channel!);
      const guildId = state.guildOf(params.channel!);
      const channel = state.options.guilds.flatMap((g) => g.channels).find((c) => c.id === params.channel);
      return { id: params.channel!, type: channel?.type ?? 1, name: channel?.name, ...(guildId ? { guild_id: guildId } : {}) };
    },
    addReaction: ({ params }) => {
      state.requireChannel(params.channel!);
      if (!state.messages.has(params.message!)) throw ApiError.unknownMessage();
      return undefined;
    },
  };
}
