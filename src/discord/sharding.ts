// Sharding. SHARD_MODE=internal: discord.js opens every shard in this process (client
// options below). SHARD_MODE=process: discord.js's ShardingManager runs src/bot.ts once per
// shard as a child process, respawns any that die, and relays /reload and /sources between
// them (shard-fleet.ts). Each child opens the library from SNAPSHOT_DIR.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type ClientOptions, type RESTGetAPIGatewayBotResult, type Shard } from 'discord.js';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log.ts';
import { FleetCoordinator } from './shard-fleet.ts';

const BOT_ENTRY = fileURLToPath(new URL('../bot.ts', import.meta.url));
/** Discord allows one IDENTIFY per 5 s per concurrency bucket; discord.js's own default spacing. */
const IDENTIFY_SPACING_MS = 5_500;
/** A child builds its index before it is ready when no snapshot matches: minutes for a large corpus. */
const SHARD_READY_TIMEOUT_MS = 10 * 60_000;

/** True in a child that a ShardingManager started (discord.js passes SHARDING_MANAGER and SHARDS). */
export function isShardProcess(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.SHARDING_MANAGER) && typeof process.send === 'function';
}

/** Client options for SHARD_MODE=internal; none otherwise (a shard process takes its ids from discord.js's env). */
export function shardingClientOptions(config: Pick<Config, 'shardCount' | 'shardMode'>): Partial<ClientOptions> {
  if (config.shardMode !== 'internal' || config.shardCount === null) return {};
  if (config.shardCount === 'auto') return { shards: 'auto' };
  return { shards: Array.from({ length: config.shardCount }, (_, i) => i), shardCount: config.shardCount };
}

/**
 * GET /gateway/bot through DISCORD_API_URL. ShardingManager's own 'auto' asks discord.com
 * directly whatever rest.api says (discord.js 14.28; fixed upstream in PR 11471), so the
 * count is fetched here and passed explicitly.
 */
async function gatewayInfo(config: Config): Promise<{ shards: number; maxConcurrency: number }> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token!);
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return { shards: info.shards, maxConcurrency: info.session_start_limit.max_concurrency };
}

export interface RunningShards {
  manager: ShardingManager;
  /** Stops every shard process (each finishes its snapshot) and waits for them to exit. */
  stop(): Promise<void>;
}

export interface ShardManagerOptions {
  logger: Logger;
  /** The file each child runs; default src/bot.ts. */
  file?: string;
}

/** SHARD_MODE=process: spawns one child per shard and resolves once every one is ready. */
export async function startShardManager(config: Config, { logger, file = BOT_ENTRY }: ShardManagerOptions): Promise<RunningShards> {
  const gateway = await gatewayInfo(config);
  const totalShards = config.shardCount === 'auto' ? gateway.shards : (config.shardCount ?? 1);
  // Children identify one after another; only shards in distinct concurrency buckets may do so at once.
  const delay = totalShards <= gateway.maxConcurrency ? 0 : IDENTIFY_SPACING_MS;
  // The children run under the same loader (tsx) as this process.
  const shardList = Array.from({ length: totalShards }, (_, i) => i);
  const manager = new ShardingManager(file, { totalShards, shardList, mode: 'process', respawn: true, execArgv: process.execArgv, token: config.token! });
  const fleet = new FleetCoordinator(logger);
  let stopping: Promise<void> | null = null;
  manager.on('shardCreate', (shard: Shard) => {
    fleet.attach(shard);
    // mode 'process': the child is a ChildProcess, whose pid the respawn test kills.
    shard.on('spawn', () => logger.info({ shard: shard.id, pid: shard.process?.pid }, 'shard process started'));
    shard.on('ready', () => logger.info({ shard: shard.id }, 'shard ready'));
    shard.on('death', (child) => {
      const { pid, exitCode, signalCode } = child as ChildProcess;
      if (stopping) logger.info({ shard: shard.id, pid }, 'shard process stopped');
      else logger.warn({ shard: shard.id, pid, code: exitCode, signal: signalCode }, 'shard process exited; restarting it');
    });
    shard.on('error', (err: unknown) => logger.error({ err, shard: shard.id }, 'shard error'));
  });

  const stop = () =>
    (stopping ??= (async () => {
      manager.respawn = false;
      const exits: Promise<unknown>[] = [];
      for (const shard of manager.shards.values()) {
        const child = shard.process;
        if (child && child.exitCode === null && child.signalCode === null) exits.push(once(child, 'exit'));
        // kill() sends SIGTERM without respawning; the child shuts down as npm start does.
        if (child) shard.kill();
      }
      await Promise.all(exits);
      logger.info('all shards stopped');
    })());

  logger.info({ shards: totalShards, delayMs: delay, maxConcurrency: gateway.maxConcurrency }, 'starting shard processes');
  const started = performance.now();
  try {
    if (delay > 0) await manager.spawn({ amount: totalShards, delay, timeout: SHARD_READY_TIMEOUT_MS });
    else {
      // The first shard writes the snapshot if none matches; the others then open it side by side.
      await manager.createShard(0).spawn(SHARD_READY_TIMEOUT_MS);
      await Promise.all(shardList.slice(1).map((id) => manager.createShard(id).spawn(SHARD_READY_TIMEOUT_MS)));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  logger.info({ shards: totalShards, ms: Math.round(performance.now() - started) }, 'all shards ready');
  return { manager, stop };
}
