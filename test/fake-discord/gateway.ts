// The gateway half of the fake: one session per shard, as Discord keeps them. Each
// IDENTIFY's `shard: [i, N]` gets its own session and READY with the guilds that
// shard owns ((guild_id >> 22) % N). Dispatches go into the shard's session history
// so a client that resumes gets what it missed, as Discord does after a dropped connection.
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
  /** The shard id and count the client asked for ([0, 1] when it sent none). */
  shard: [number, number];
  at: number;
}

export interface ResumeRecord {
  sessionId: string;
  /** The shard whose session it resumed, or null when the session was unknown. */
  shard: number | null;
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
  shard: number;
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
  /** The shard it identified or resumed as; null before that. */
  shard: number | null;
}

/** Where Discord sends a guild's events: (guild_id >> 22) % shard count. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
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
  /** Per shard id: its session and its current socket. */
  readonly #sessions = new Map<number, Session>();
  readonly #connections = new Map<number, Connection>();
  /** The last socket accepted, for faults aimed at a client that has not identified yet. */
  #latest: Connection | null = null;
  /** Shard count of the last IDENTIFY: guilds are routed by it, as Discord does. */
  #shardCount = 1;

  constructor(options: GatewayOptions, changes: Changes) {
    this.#options = options;
    this.#changes = changes;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
  }

  /** Intents of shard 0's session, or null before the first IDENTIFY. */
  get intents(): number | null {
    return this.intentsOf(0);
  }

  intentsOf(shard: number): number | null {
    return this.#sessions.get(shard)?.intents ?? null;
  }

  /** True while shard 0's client is connected and authenticated, so dispatches arrive at once. */
  get live(): boolean {
    return this.isLive(0);
  }

  /** Shard 0's session id. */
  get sessionId(): string | null {
    return this.#sessions.get(0)?.id ?? null;
  }

  /** The shard count clients identified with (1 until a client says otherwise). */
  get shardCount(): number {
    return this.#shardCount;
  }

  isLive(shard: number): boolean {
    const connection = this.#connections.get(shard);
    return connection?.live === true && connection.socket.readyState === WebSocket.OPEN;
  }

  /** Session id of a shard, or null while it has none. */
  sessionOf(shard: number): string | null {
    return this.#sessions.get(shard)?.id ?? null;
  }

  /** The shard a guild's events go to; DMs (null) go to shard 0, as on Discord. */
  shardOf(guildId: string | null): number {
    return guildId === null ? 0 : shardOfGuild(guildId, this.#shardCount);
  }

  /** Send a dispatch event on a shard; while its client is away it waits in the session history for RESUME. */
  dispatch(t: string, d: unknown, shard = 0): number {
    const session = this.#sessions.get(shard);
    if (!session) throw new Error(`fake-discord: cannot dispatch ${t}: shard ${shard} has no gateway session (has the client logged in?)`);
    const event = { s: ++session.seq, t, d };
    session.history.push(event);
    if (session.history.length > HISTORY_LIMIT) session.history.shift();
    if (this.isLive(shard)) this.#send(this.#connections.get(shard)!.socket, { op: OP.Dispatch, ...event });
    return event.s;
  }

  /** Close a shard's socket with a code (4000 = unknown error, which clients resume after). */
  closeConnection(code: number, reason = 'fake-discord fault', shard = 0): void {
    const connection = this.#requireConnection('close', shard);
    connection.closedByServer = true;
    connection.live = false;
    connection.socket.close(code, reason);
  }

  /** Op 7: ask a shard's client to reconnect and resume. */
  sendReconnect(shard = 0): void {
    this.#send(this.#requireConnection('send op 7 to', shard).socket, { op: OP.Reconnect, d: null });
  }

  /** Op 9: tell a shard's client its session is invalid; resumable=false forces a fresh IDENTIFY. */
  invalidateSession(resumable: boolean, shard = 0): void {
    const connection = this.#requireConnection('invalidate the session of', shard);
    if (!resumable && connection.shard !== null) this.#sessions.delete(connection.shard);
    connection.live = false;
    this.#send(connection.socket, { op: OP.InvalidSession, d: resumable });
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #requireConnection(action: string, shard: number): Connection {
    // Shard 0 also means "the socket that just opened", for faults before IDENTIFY.
    const connection = this.#connections.get(shard) ?? (shard === 0 ? this.#latest : null);
    if (!connection || connection.socket.readyState !== WebSocket.OPEN) {
      throw new Error(`fake-discord: cannot ${action} the gateway: no client is connected on shard ${shard}`);
    }
    return connection;
  }

  /** A socket that identified or resumed as a shard replaces that shard's old one. */
  #bind(connection: Connection, shard: number): void {
    connection.shard = shard;
    connection.live = true;
    this.#connections.set(shard, connection);
  }

  #accept(socket: WebSocket): void {
    this.connectionCount++;
    const connection: Connection = { socket, live: false, closedByServer: false, shard: null };
    this.#latest = connection;
    // The socket's binaryType stays 'nodebuffer': every message arrives as one Buffer.
    socket.on('message', (raw) => this.#onMessage(connection, (raw as Buffer).toString()));
    socket.on('close', (code) => {
      if (this.#latest === connection) this.#latest = null;
      const shard = connection.shard;
      if (shard !== null && this.#connections.get(shard) === connection) {
        this.#connections.delete(shard);
        if (!connection.closedByServer && SESSION_ENDING_CLIENT_CODES.has(code)) this.#sessions.delete(shard);
      }
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
    const token = typeof d.token === 'string' ? d.token : '';
    const [shard, shardCount] = Array.isArray(d.shard) ? d.shard.map(Number) : [0, 1];
    this.identifies.push({ token, intents: Number(d.intents ?? 0), shard: [shard ?? NaN, shardCount ?? NaN], at: Date.now() });
    if (this.#options.token !== undefined && token !== this.#options.token) {
      connection.closedByServer = true;
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    if (!Number.isInteger(shard) || !Number.isInteger(shardCount) || shard! < 0 || shardCount! < 1 || shard! >= shardCount!) {
      connection.closedByServer = true;
      connection.socket.close(4010, 'Invalid shard.');
      return;
    }
    this.#shardCount = shardCount!;
    const session: Session = { id: snowflake(), shard: shard!, seq: 0, intents: Number(d.intents ?? 0), history: [] };
    this.#sessions.set(shard!, session);
    this.#bind(connection, shard!);
    const { botUser, applicationId } = this.#options;
    const guilds = this.#options.guilds.filter((g) => shardOfGuild(g.id, shardCount!) === shard);
    this.dispatch(
      'READY',
      {
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
        shard: [shard, shardCount],
        _trace: ['fake-discord'],
      },
      shard,
    );
    // discord.js holds `ready` until every guild in READY has arrived.
    for (const guild of guilds) this.dispatch('GUILD_CREATE', guildCreatePayload(guild, botUser), shard);
  }

  #resume(connection: Connection, d: Json): void {
    const sessionId = typeof d.session_id === 'string' ? d.session_id : '';
    const session = [...this.#sessions.values()].find((s) => s.id === sessionId);
    const seq = Number(d.seq ?? 0);
    const record: ResumeRecord = { sessionId, shard: session?.shard ?? null, seq, accepted: false, replayed: 0, at: Date.now() };
    this.resumes.push(record);
    if (!session) {
      this.#send(connection.socket, { op: OP.InvalidSession, d: false });
      return;
    }
    record.accepted = true;
    this.#bind(connection, session.shard);
    for (const event of session.history) {
      if (event.s > seq) {
        this.#send(connection.socket, { op: OP.Dispatch, ...event });
        record.replayed++;
      }
    }
    this.dispatch('RESUMED', { _trace: ['fake-discord'] }, session.shard);
  }

  #send(socket: WebSocket, payload: Json): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }
}
