// The fleet protocol without processes: a FleetCoordinator (the manager's side) wired to
// ShardFleets (each shard process's side) over in-memory channels that behave like IPC.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { renderFleetReload } from '../../commands/reload.ts';
import { renderSources } from '../../commands/sources.ts';
import { FleetCoordinator, ShardFleet, type FleetKind, type FleetMessage, type ParentChannel } from '../../src/discord/shard-fleet.ts';
import type { CorpusStats, Library, ReloadReport } from '../../src/search/types.ts';
import { testLogger } from '../helpers.ts';

const silent = testLogger('silent').logger;

/** A library that counts reloads; each takes `ms` and may fail. */
class CountingLibrary {
  reloads = 0;
  version = 'a'.repeat(64);
  constructor(
    private readonly ms = 20,
    private readonly failWith: string | null = null,
  ) {}

  async reload(): Promise<ReloadReport> {
    this.reloads++;
    await new Promise((resolve) => setTimeout(resolve, this.ms));
    if (this.failWith) throw new Error(this.failWith);
    this.version = 'b'.repeat(64);
    return { added: ['new.md'], changed: [], removed: [], failed: [], ms: this.ms, coalesced: false };
  }

  stats(): CorpusStats {
    return { articles: this.version.startsWith('b') ? 6 : 5, sources: [], dateRange: null, skipped: [], loadedAt: 1, version: this.version };
  }
}

/** A discord.js Shard stand-in whose "process" is a ShardFleet on the other end of a channel. */
class FakeShard extends EventEmitter {
  ready = true;
  /** Run requests this shard's process received. */
  runs: FleetKind[] = [];
  readonly child: ParentChannel & EventEmitter;
  /** When false, the process swallows run requests (a hung shard). */
  answers = true;

  constructor(readonly id: number) {
    super();
    const child = new EventEmitter() as ParentChannel & EventEmitter;
    child.send = (message: FleetMessage, done: (err: Error | null) => void) => {
      setImmediate(() => this.emit('message', message));
      done(null);
      return true;
    };
    this.child = child;
  }

  send(message: unknown): Promise<this> {
    const m = message as FleetMessage;
    if (m.fleet === 'run') {
      this.runs.push(m.kind);
      if (!this.answers) return Promise.resolve(this);
    }
    setImmediate(() => this.child.emit('message', message));
    return Promise.resolve(this);
  }
}

function fleetOf(libraries: CountingLibrary[], timeoutMs = { reload: 1_000, status: 200 }) {
  const coordinator = new FleetCoordinator(silent, timeoutMs);
  const shards = libraries.map((_, id) => new FakeShard(id));
  const fleets = shards.map((shard, id) => new ShardFleet(libraries[id] as unknown as Library, [id], silent, shard.child));
  for (const shard of shards) coordinator.attach(shard);
  return { shards, fleets };
}

describe('FleetCoordinator and ShardFleet', () => {
  it('a reload asked on one shard reloads every shard process once, and says what each did', async () => {
    const libraries = [new CountingLibrary(), new CountingLibrary(), new CountingLibrary()];
    const { fleets } = fleetOf(libraries);
    const answer = await fleets[2]!.reloadAll();
    expect(libraries.map((l) => l.reloads)).toEqual([1, 1, 1]);
    expect(answer.coalesced).toBe(false);
    expect(answer.states.map((s) => [s.shards, s.stats?.version, s.report?.added])).toEqual([
      [[0], 'b'.repeat(64), ['new.md']],
      [[1], 'b'.repeat(64), ['new.md']],
      [[2], 'b'.repeat(64), ['new.md']],
    ]);
  });

  it('two moderators on two shards at once: one reload per process, and both get the report', async () => {
    const libraries = [new CountingLibrary(50), new CountingLibrary(50)];
    const { fleets, shards } = fleetOf(libraries);
    const [first, second] = await Promise.all([fleets[0]!.reloadAll(), fleets[1]!.reloadAll()]);
    expect(libraries.map((l) => l.reloads)).toEqual([1, 1]);
    expect(shards.map((s) => s.runs)).toEqual([['reload'], ['reload']]);
    expect([first.coalesced, second.coalesced].sort()).toEqual([false, true]);
    expect(second.states).toEqual(first.states);
  });

  it('names a shard whose reload failed; it keeps its old index, and the report keeps the others’ counts', async () => {
    const libraries = [new CountingLibrary(), new CountingLibrary(10, 'the corpus folder is gone'), new CountingLibrary()];
    const { fleets } = fleetOf(libraries);
    const answer = await fleets[0]!.reloadAll();
    expect(answer.states[1]).toMatchObject({ shards: [1], error: 'the corpus folder is gone', stats: { version: 'a'.repeat(64) } });
    const embed = renderFleetReload(answer, 'en-US').embeds![0]!;
    expect(embed.description).toContain('6 articles now');
    expect(embed.fields!.find((f) => f.name === 'Added')?.value).toBe('1');
    expect(embed.fields!.at(-1)).toEqual({
      name: 'Corpus version per shard',
      value: `✅ version bbbbbbbb (6 articles): shard 0, 2\n❌ shard 1 failed: the corpus folder is gone; still on version aaaaaaaa`,
    });
  });

  it('when every shard failed, the reply is the failure, naming each', async () => {
    const { fleets } = fleetOf([new CountingLibrary(5, 'disk full'), new CountingLibrary(5, 'disk full')]);
    const payload = renderFleetReload(await fleets[0]!.reloadAll(), 'en-US');
    expect(payload.embeds).toBeUndefined();
    expect(payload.content).toMatch(/^Reload failed: .*shard 0 failed: disk full.*shard 1 failed: disk full/s);
  });

  it('names shards that are restarting, hung or that die mid-reload, without waiting for them all', async () => {
    const libraries = [new CountingLibrary(), new CountingLibrary(), new CountingLibrary(), new CountingLibrary(300)];
    const { fleets, shards } = fleetOf(libraries, { reload: 200, status: 100 });
    shards[1]!.ready = false;
    shards[2]!.answers = false;
    const asked = fleets[0]!.reloadAll();
    setTimeout(() => shards[3]!.emit('death'), 20);
    const answer = await asked;
    expect(shards[1]!.runs).toEqual([]);
    expect(answer.states.map((s) => s.error)).toEqual([
      undefined,
      'the shard process is not ready (starting or restarting)',
      'no answer within 0.2 s',
      'the shard process exited; it is being restarted',
    ]);
  });

  it('/sources lists shards by corpus version, so drift is visible', async () => {
    const libraries = [new CountingLibrary(), new CountingLibrary(), new CountingLibrary()];
    const { fleets } = fleetOf(libraries);
    await libraries[1]!.reload();
    const answer = await fleets[0]!.statusAll();
    const stats = libraries[0]!.stats();
    const field = renderSources(stats, 'en-US', answer.states).embeds![0]!.fields!.at(-1);
    expect(field?.value).toBe('✅ version aaaaaaaa (5 articles): shard 0, 2\n✅ version bbbbbbbb (6 articles): shard 1');
  });
});
