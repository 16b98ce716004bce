// The gateway half of the fake: one shard, one session at a time. Dispatches go
// into the session's history so a client that resumes gets what it missed,
// as Discord does after a dropped connection.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { Changes } from './waiting.ts';
import { guildCreatePayload, type FakeGuild, type FakeUser, type Json } from './payloads.ts';
import { snowflake } from './snowflake.ts';

const OP = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, Reconnect: 7, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

export interface GatewayOptions {
  botUser: FakeUser;
  applicationId: string;
  guilds: FakeGuild[];
  heartbeatIntervalMs: number;
  /** When set, IDENTIFY with another token is closed with 4004 like Discord does. */
  token: string | undefined;
  /** The ws:// URL clients resume on (no query string: discord.js appends ?v=10&encoding=json). */
  url: () => string;
}

export interface IdentifyRecord {
  token: string;
  intents: number;
  at: number;
}

export interface ResumeRecord {
  sessionId: string;
  seq: number;
  accepted: boolean;
  replayed: number;
  at: number;
}

export interface OtherOpRecord {
  op: number;
  d: unknown;
  at: number;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  history: { s: number; t: string; d: unknown }[];
}

interface Connection {
  socket: WebSocket;
  /** True once IDENTIFY or RESUME succeeded on this socket. */
  live: boolean;
  /** Set when the fake closed the socket itself, so the session survives. */
  closedByServer: boolean;
}

// Client close codes after which Discord drops the session (discord.js uses 4200 to mean "I will resume").
const SESSION_ENDING_CLIENT_CODES = new Set([1000, 1001]);
const HISTORY_LIMIT = 10_000;

export class FakeGateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  /** Presence updates, guild member requests and other ops the fake only records. */
  readonly otherOps: OtherOpRecord[] = [];
  /** Connections opened, including ones that failed. */
  connectionCount = 0;
  /** Heartbeats received (each answered with op 11). */
  heartbeats = 0;

  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #options: GatewayOptions;
  readonly #changes: Changes;
  #session: Session | null = null;
  #connection: Connection | null = null;

  constructor(options: GatewayOptions, changes: Changes) {
    this.#options = options;
    this.#changes = changes;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
  }

  /** Intents of the current session, or null before the first IDENTIFY. */
  get intents(): number | null {
    return this.#session?.intents ?? null;
  }

  /** True while a client is connected and authenticated, so dispatches arrive at once. */
  get live(): boolean {
    return this.#connection?.live === true && this.#connection.socket.readyState === WebSocket.OPEN;
  }

  get sessionId(): string | null {
    return this.#session?.id ?? null;
  }

  /** Send a dispatch event; while the client is away it waits in the session history for RESUME. */
  dispatch(t: string, d: unknown): number {
    const session = this.#session;
    if (!session) throw new Error(`fake-discord: cannot dispatch ${t}: no gateway session yet (has the client logged in?)`);
    const event = { s: ++session.seq, t, d };
    session.history.push(event);
    if (session.history.length > HISTORY_LIMIT) session.history.shift();
    if (this.live) this.#send(this.#connection!.socket, { op: OP.Dispatch, ...event });
    return event.s;
  }

  /** Close the socket with a code (4000 = unknown error, which clients resume after). */
  closeConnection(code: number, reason = 'fake-discord fault'): void {
    const connection = this.#requireConnection('close');
    connection.closedByServer = true;
    connection.live = false;
    connection.socket.close(code, reason);
  }

  /** Op 7: ask the client to reconnect and resume. */
  sendReconnect(): void {
    this.#send(this.#requireConnection('send op 7 to').socket, { op: OP.Reconnect, d: null });
  }

  /** Op 9: tell the client its session is invalid; resumable=false forces a fresh IDENTIFY. */
  invalidateSession(resumable: boolean): void {
    const connection = this.#requireConnection('invalidate the session of');
    if (!resumable) this.#session = null;
    connection.live = false;
    this.#send(connection.socket, { op: OP.InvalidSession, d: resumable });
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #requireConnection(action: string): Connection {
    const connection = this.#connection;
    if (!connection || connection.socket.readyState !== WebSocket.OPEN) {
      throw new Error(`fake-discord: cannot ${action} the gateway: no client is connected`);
    }
    return connection;
  }

  #accept(socket: WebSocket): void {
    this.connectionCount++;
    // A new socket replaces the old one, as when a client reconnects to resume.
    const connection: Connection = { socket, live: false, closedByServer: false };
    this.#connection = connection;
    socket.on('message', (raw) => this.#onMessage(connection, raw.toString()));
    socket.on('close', (code) => {
      if (this.#connection === connection) this.#connection = null;
      if (!connection.closedByServer && SESSION_ENDING_CLIENT_CODES.has(code)) this.#session = null;
      this.#changes.notify();
    });
    socket.on('error', () => {
      /* a client that vanishes mid-frame is an expected fault, not a test failure */
    });
    this.#send(socket, { op: OP.Hello, d: { heartbeat_interval: this.#options.heartbeatIntervalMs, _trace: ['fake-discord'] } });
    this.#changes.notify();
  }

  #onMessage(connection: Connection, raw: string): void {
    let payload: { op?: number; d?: Json };
    try {
      payload = JSON.parse(raw) as { op?: number; d?: Json };
    } catch {
      connection.closedByServer = true;
      connection.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case OP.Heartbeat:
        this.heartbeats++;
        this.#send(connection.socket, { op: OP.HeartbeatAck });
        break;
      case OP.Identify:
        this.#identify(connection, payload.d ?? {});
        break;
      case OP.Resume:
        this.#resume(connection, payload.d ?? {});
        break;
      default:
        this.otherOps.push({ op: payload.op ?? -1, d: payload.d, at: Date.now() });
    }
    this.#changes.notify();
  }

  #identify(connection: Connection, d: Json): void {
    const token = String(d.token ?? '');
    this.identifies.push({ token, intents: Number(d.intents ?? 0), at: Date.now() });
    if (this.#options.token !== undefined && token !== this.#options.token) {
      connection.closedByServer = true;
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    const session: Session = { id: snowflake(), seq: 0, intents: Number(d.intents ?? 0), history: [] };
    this.#session = session;
    connection.live = true;
    const { botUser, applicationId, guilds } = this.#options;
    this.dispatch('READY', {
      v: 10,
      user: { ...botUser, verified: true, mfa_enabled: false, flags: 0 },
      application: { id: applicationId, flags: 0 },
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.#options.url(),
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      private_channels: [],
      presences: [],
      relationships: [],
      shard: [0, 1],
      _trace: ['fake-discord'],
    });
    // discord.js holds `ready` until every guild in READY has arrived.
    for (const guild of guilds) this.dispatch('GUILD_CREATE', guildCreatePayload(guild, botUser));
  }

  #resume(connection: Connection, d: Json): void {
    const session = this.#session;
    const seq = Number(d.seq ?? 0);
    const record: ResumeRecord = { sessionId: String(d.session_id ?? ''), seq, accepted: false, replayed: 0, at: Date.now() };
    this.resumes.push(record);
    if (!session || session.id !== record.sessionId) {
      this.#send(connection.socket, { op: OP.InvalidSession, d: false });
      return;
    }
    record.accepted = true;
    connection.live = true;
    for (const event of session.history) {
      if (event.s > seq) {
        this.#send(connection.socket, { op: OP.Dispatch, ...event });
        record.replayed++;
      }
    }
    this.dispatch('RESUMED', { _trace: ['fake-discord'] });
  }

  #send(socket: WebSocket, payload: Json): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }
}
