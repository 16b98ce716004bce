// With SHARD_MODE=process every shard is its own process with its own library. A /reload
// or /sources on one shard must reach the others: the shard asks the ShardingManager over
// IPC, the manager asks every shard process and answers with what each said. Reloads
// that overlap share one round, so two moderators on two shards reload each process once.
import type { Library, ReloadReport } from '../search/types.ts';
import type { Logger } from '../log.ts';

export type FleetKind = 'reload' | 'status';

/** What one shard process said (or why it said nothing). */
export interface ShardState {
  /** The shard ids the process serves. */
  shards: number[];
  /** Its index after the request; absent when the process did not answer. */
  stats?: { articles: number; version: string; loadedAt: number };
  /** For a reload that worked. */
  report?: ReloadReport;
  /** Why it did not reload or answer; a process that failed to reload keeps its old index. */
  error?: string;
}

export interface FleetAnswer {
  /** One per shard process, in shard order. */
  states: ShardState[];
  /** True when this request joined a round already running. */
  coalesced: boolean;
}

/** The IPC messages, all tagged `fleet` so they never clash with discord.js's own. */
export type FleetMessage =
  | { fleet: 'ask'; id: number; kind: FleetKind }
  | { fleet: 'answer'; id: number; answer: FleetAnswer }
  | { fleet: 'run'; id: number; kind: FleetKind }
  | { fleet: 'ran'; id: number; state: ShardState };

export function isFleetMessage(message: unknown): message is FleetMessage {
  return typeof message === 'object' && message !== null && typeof (message as { fleet?: unknown }).fleet === 'string';
}

/**
 * A reload of a large corpus rebuilds for a minute or more, and Discord keeps the deferred
 * interaction's token 15 minutes; /sources answers without deferring, inside Discord's 3 s.
 */
export const FLEET_TIMEOUT_MS: Record<FleetKind, number> = { reload: 5 * 60_000, status: 2_000 };

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/** Runs a request on this process's library: what a shard process answers the manager. */
export async function runOnShard(kind: FleetKind, library: Library, shards: number[]): Promise<ShardState> {
  const statsOf = () => {
    const { articles, version, loadedAt } = library.stats();
    return { articles, version, loadedAt };
  };
  if (kind === 'status') return { shards, stats: statsOf() };
  try {
    const report = await library.reload();
    return { shards, stats: statsOf(), report };
  } catch (err) {
    return { shards, stats: statsOf(), error: errorText(err) };
  }
}

/** The IPC channel to the manager (a stand-in in tests). */
export interface ParentChannel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  send(message: FleetMessage, done: (err: Error | null) => void): unknown;
}

const processChannel: ParentChannel = {
  on: (event, listener) => process.on(event, listener),
  off: (event, listener) => process.off(event, listener),
  send: (message, done) => {
    if (!process.send) done(new Error('this process has no IPC channel'));
    else process.send(message, done);
  },
};

/** A shard process's side: answers the manager's requests and asks it for fleet-wide ones. */
export class ShardFleet {
  readonly #pending = new Map<number, (answer: FleetAnswer) => void>();
  #nextId = 0;
  readonly #listener = (message: unknown) => this.#onMessage(message);

  constructor(
    private readonly library: Library,
    private readonly shards: number[],
    private readonly logger: Logger,
    private readonly channel: ParentChannel = processChannel,
  ) {
    channel.on('message', this.#listener);
  }

  /** Every shard process reloads its library; resolves with each one's outcome. */
  reloadAll(): Promise<FleetAnswer> {
    return this.#ask('reload');
  }

  /** Every shard process's corpus version and article count. */
  statusAll(): Promise<FleetAnswer> {
    return this.#ask('status');
  }

  stop(): void {
    this.channel.off('message', this.#listener);
  }

  #ask(kind: FleetKind): Promise<FleetAnswer> {
    const id = ++this.#nextId;
    return new Promise<FleetAnswer>((resolve, reject) => {
      const timeoutMs = FLEET_TIMEOUT_MS[kind] + 10_000;
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`the sharding manager did not answer within ${seconds(timeoutMs)}`));
      }, timeoutMs);
      this.#pending.set(id, (answer) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(answer);
      });
      const message: FleetMessage = { fleet: 'ask', id, kind };
      this.channel.send(message, (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(new Error(`cannot reach the sharding manager: ${err.message}`));
      });
    });
  }

  #onMessage(message: unknown): void {
    if (!isFleetMessage(message)) return;
    if (message.fleet === 'answer') this.#pending.get(message.id)?.(message.answer);
    else if (message.fleet === 'run') {
      const { id, kind } = message;
      void runOnShard(kind, this.library, this.shards).then((state) => {
        if (state.error) this.logger.error({ err: state.error, shards: this.shards }, 'reload failed; the old index stays');
        const reply: FleetMessage = { fleet: 'ran', id, state };
        this.channel.send(reply, (err) => {
          if (err) this.logger.warn({ err: err.message }, 'could not answer the sharding manager');
        });
      });
    }
  }
}

/** What the coordinator needs of a discord.js Shard (tests pass stand-ins). */
export interface FleetShard {
  readonly id: number;
  /** True once the shard's process reported ready, false while it is (re)starting. */
  readonly ready: boolean;
  send(message: unknown): Promise<unknown>;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'death', listener: () => void): unknown;
}

interface PendingRun {
  shard: number;
  finish(state: ShardState): void;
}

/** The manager's side: fans a request out to every shard process and gathers the answers. */
export class FleetCoordinator {
  readonly #shards: FleetShard[] = [];
  readonly #pending = new Map<number, PendingRun>();
  #nextId = 0;
  #reloading: Promise<ShardState[]> | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs: Record<FleetKind, number> = FLEET_TIMEOUT_MS,
  ) {}

  /** Call once per shard (discord.js keeps one Shard object across respawns). */
  attach(shard: FleetShard): void {
    this.#shards.push(shard);
    shard.on('message', (message) => this.#onMessage(shard, message));
    // A process that dies mid-request will not answer: say so now rather than at the timeout.
    shard.on('death', () => {
      for (const run of [...this.#pending.values()]) {
        if (run.shard === shard.id) run.finish({ shards: [shard.id], error: 'the shard process exited; it is being restarted' });
      }
    });
  }

  /** Runs `kind` on every shard process; a reload that is already running is joined, not repeated. */
  async run(kind: FleetKind): Promise<FleetAnswer> {
    if (kind === 'status') return { states: await this.#fanOut('status'), coalesced: false };
    if (this.#reloading) return { states: await this.#reloading, coalesced: true };
    this.#reloading = this.#fanOut('reload').finally(() => {
      this.#reloading = null;
    });
    return { states: await this.#reloading, coalesced: false };
  }

  #fanOut(kind: FleetKind): Promise<ShardState[]> {
    const shards = [...this.#shards].sort((a, b) => a.id - b.id);
    return Promise.all(shards.map((shard) => this.#runOn(shard, kind)));
  }

  #runOn(shard: FleetShard, kind: FleetKind): Promise<ShardState> {
    if (!shard.ready) return Promise.resolve({ shards: [shard.id], error: 'the shard process is not ready (starting or restarting)' });
    const id = ++this.#nextId;
    return new Promise<ShardState>((resolve) => {
      const finish = (state: ShardState) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(state);
      };
      const timer = setTimeout(() => finish({ shards: [shard.id], error: `no answer within ${seconds(this.timeoutMs[kind])}` }), this.timeoutMs[kind]);
      this.#pending.set(id, { shard: shard.id, finish });
      const message: FleetMessage = { fleet: 'run', id, kind };
      shard.send(message).catch((err: unknown) => finish({ shards: [shard.id], error: `could not be reached: ${errorText(err)}` }));
    });
  }

  #onMessage(shard: FleetShard, message: unknown): void {
    if (!isFleetMessage(message)) return;
    if (message.fleet === 'ran') this.#pending.get(message.id)?.finish(message.state);
    else if (message.fleet === 'ask') {
      const { id, kind } = message;
      void this.run(kind).then((answer) => {
        const reply: FleetMessage = { fleet: 'answer', id, answer };
        return shard.send(reply).catch((err: unknown) => this.logger.warn({ shard: shard.id, err: errorText(err) }, 'could not answer a shard'));
      });
    }
  }
}
