// Sharding benchmark (`npm run bench:discord -- --sharding [--articles 1000] [--burst 300]`):
// the bot as `npm start` runs it, unsharded, with 3 shards in one process, and with 3 shard
// processes, against the fake Discord. For each: resident memory of every process, time to
// ready without and then with a snapshot, and the first-response latency of a burst of
// /search spread over three guilds, one per shard. Prints a markdown table for the README.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeDiscord, type InteractionExchange } from '../../test/fake-discord/index.ts';
import { guildsOnShards, spawnBot, TOKEN, type BotProcess } from '../../test/e2e/helpers.ts';
import type { CodedArticle } from '../../test/e2e/corpus.ts';
import { deployCommands } from '../discord/deploy.ts';
import { loadCommands } from '../discord/registry.ts';
import { finalMs, settled } from './exchanges.ts';
import { percentile } from './stats.ts';

const SHARDS = 3;

interface Setup {
  label: string;
  env: Record<string, string>;
  readyMessage: string;
}

const SETUPS: Setup[] = [
  { label: '1 shard, in-process (npm start)', env: {}, readyMessage: 'bot ready' },
  { label: '3 shards, internal', env: { SHARD_COUNT: String(SHARDS), SHARD_MODE: 'internal' }, readyMessage: 'bot ready' },
  { label: '3 shards, processes', env: { SHARD_COUNT: String(SHARDS), SHARD_MODE: 'process' }, readyMessage: 'all shards ready' },
];

export interface ShardingRow {
  label: string;
  /** Resident memory of each Node process after the burst, by role. */
  processes: { role: string; rssMb: number }[];
  totalRssMb: number;
  readyColdMs: number;
  readyWarmMs: number;
  burst: number;
  firstP50: number;
  firstP99: number;
  finalP99: number;
  late: number;
}

/** Every descendant of `root` with its depth, from /proc (Linux). */
function descendants(root: number): { pid: number; depth: number }[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat, after the parenthesised command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const out: { pid: number; depth: number }[] = [];
  const visit = (pid: number, depth: number) => {
    out.push({ pid, depth });
    for (const [child, parent] of parents) if (parent === pid) visit(child, depth + 1);
  };
  visit(root, 0);
  return out;
}

function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** The bot's processes: the bot (or shard manager), then its shard processes. */
function processTree(bot: BotProcess, sharded: boolean): { role: string; rssMb: number }[] {
  return descendants(bot.child.pid!).map(({ pid, depth }) => {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const role = cmdline.includes('esbuild') ? 'esbuild service' : depth === 0 ? (sharded ? 'shard manager' : 'bot') : 'shard process';
    return { role, rssMb: rssMb(pid) };
  });
}

async function startTimed(
  discord: Awaited<ReturnType<typeof startFakeDiscord>>,
  env: Record<string, string>,
  readyMessage: string,
): Promise<{ bot: BotProcess; ms: number }> {
  const started = performance.now();
  const bot = await spawnBot(discord, env, readyMessage);
  return { bot, ms: Math.round(performance.now() - started) };
}

async function benchSetup(setup: Setup, corpusDir: string, articles: CodedArticle[], burst: number): Promise<ShardingRow> {
  const snapshots = await mkdtemp(path.join(tmpdir(), 'bench-shards-snapshots-'));
  const discord = await startFakeDiscord({ token: TOKEN, maxConcurrency: SHARDS, guilds: guildsOnShards(SHARDS) });
  const env = { CORPUS_DIR: corpusDir, SNAPSHOT_DIR: snapshots, DISCORD_GLOBAL_RATE_LIMIT: '10000', LOG_LEVEL: 'info', ...setup.env };
  try {
    // Cold: an empty snapshot folder, so the index is built (once, in process mode: by shard 0).
    const cold = await startTimed(discord, env, setup.readyMessage);
    await cold.bot.stop();
    const warm = await startTimed(discord, env, setup.readyMessage);
    try {
      await deployCommands({ token: TOKEN, clientId: discord.applicationId, guildId: discord.guild.id, apiUrl: discord.apiBase }, await loadCommands());
      const guilds = discord.guilds.map((g) => g.id);
      // Warm up the search paths of every process before measuring.
      for (let i = 0; i < 30; i++) {
        await (
          await discord.sendInteraction(discord.slashCommand('search', { query: articles[i]!.code }, { guildId: guilds[i % guilds.length] }))
        ).waitForFinal(settled, 30_000);
      }
      const exchanges: InteractionExchange[] = [];
      for (let i = 0; i < burst; i++) {
        const article = articles[(i * 389) % articles.length]!;
        exchanges.push(await discord.sendInteraction(discord.slashCommand('search', { query: article.code }, { guildId: guilds[i % guilds.length] })));
      }
      await Promise.all(exchanges.map((e) => e.waitForFinal(settled, 120_000)));
      const answered = exchanges.filter((e) => e.callback);
      const first = answered.map((e) => e.callback!.ms).sort((a, b) => a - b);
      const final = answered.map(finalMs).sort((a, b) => a - b);
      const processes = processTree(warm.bot, setup.env.SHARD_MODE === 'process');
      return {
        label: setup.label,
        processes,
        totalRssMb: processes.reduce((sum, p) => sum + p.rssMb, 0),
        readyColdMs: cold.ms,
        readyWarmMs: warm.ms,
        burst,
        firstP50: Math.round(percentile(first, 50)),
        firstP99: Math.round(percentile(first, 99)),
        finalP99: Math.round(percentile(final, 99)),
        // Refused by the fake (too late) or acknowledged after 3 s.
        late: exchanges.length - answered.length + first.filter((ms) => ms > 3_000).length,
      };
    } finally {
      await warm.bot.stop();
    }
  } finally {
    await discord.close();
    await rm(snapshots, { recursive: true, force: true });
  }
}

export async function benchSharding(corpusDir: string, articles: CodedArticle[], burst: number): Promise<ShardingRow[]> {
  const rows: ShardingRow[] = [];
  for (const setup of SETUPS) {
    const row = await benchSetup(setup, corpusDir, articles, burst);
    process.stderr.write(`${row.label}: ${row.totalRssMb} MB, ready ${row.readyColdMs} / ${row.readyWarmMs} ms, burst p99 ${row.firstP99} ms\n`);
    rows.push(row);
  }
  return rows;
}

export function shardingTable(rows: ShardingRow[]): string {
  const head = '| setup | RSS per process | RSS total | ready, no snapshot | ready, snapshot | burst | first response p50 | p99 | final p99 | over 3 s |';
  const rule = '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|';
  const perProcess = (r: ShardingRow) => r.processes.map((p) => `${p.role} ${p.rssMb}`).join(', ') + ' MB';
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = rows.map(
    (r) =>
      `| ${r.label} | ${perProcess(r)} | ${r.totalRssMb} MB | ${s(r.readyColdMs)} | ${s(r.readyWarmMs)} | ${r.burst} | ${r.firstP50} ms | ${r.firstP99} ms | ${r.finalP99} ms | ${r.late} |`,
  );
  return [head, rule, ...lines].join('\n');
}
