// Starts the real bot (startBot, as src/bot.ts does) against the local fake Discord, with
// its commands registered through the real deploy code, and logs kept in memory; or
// src/bot.ts as its own process. One set-up for every e2e file (useHarness).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startBot, type RunningBot, type StartBotOptions } from '../../src/discord/client.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { loadCommands } from '../../src/discord/registry.ts';
import {
  snowflakeOnShard,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
  type FakeGuildSpec,
  type InteractionExchange,
  type Json,
  type OptionValues,
} from '../fake-discord/index.ts';
import { REPO, SEEDS, tempFolder, testLogger, type LogLine } from '../helpers.ts';

export { SEEDS };

export const TOKEN = 'fake-bot-token';
export const MOD_ROLE = '223456789012345678';

/** The moderator role must exist in the guild: discord.js drops a member's unknown role ids. */
export const MOD_ROLES = [{ id: MOD_ROLE, name: 'moderators' }];

/** One guild on each shard of `shardCount`, each with the moderator role, for sharded tests. */
export function guildsOnShards(shardCount: number): FakeGuildSpec[] {
  return Array.from({ length: shardCount }, (_, shard) => ({ id: snowflakeOnShard(shard, shardCount), name: `guild on shard ${shard}`, roles: MOD_ROLES }));
}

export interface Harness {
  discord: FakeDiscord;
  bot: RunningBot;
  /** The corpus folder the bot reads. */
  corpusDir: string;
  /** Everything the bot logged at warn and above (pino levels: 40 warn, 50 error). */
  logs: LogLine[];
  /** Sends a slash command and waits for its final reply. */
  command(name: string, options?: OptionValues, invoker?: SlashInvoker, timeoutMs?: number): Promise<InteractionExchange>;
  stop(): Promise<void>;
}

export type SlashInvoker = Parameters<FakeDiscord['slashCommand']>[2];

export interface HarnessOptions {
  env?: Record<string, string>;
  corpusDir?: string;
  /**
   * A temporary corpus folder instead, removed on stop: `seeds` copies the seed corpus into
   * it, and `fill` adds files before the bot starts (it may be the only content).
   */
  tempCorpus?: { prefix: string; seeds?: boolean; fill?: (dir: string) => Promise<unknown> };
  commandsDir?: string;
  fake?: FakeDiscordOptions;
  /** Keep more than warnings in `logs`. */
  logLevel?: string;
}

/** Registers `commands` (by default those of commands/) to the fake's guild, through the real deploy code. */
export async function registerCommands(discord: FakeDiscord, commands?: readonly CommandModule[]): Promise<void> {
  await deployCommands(
    { token: TOKEN, clientId: discord.applicationId, guildId: discord.guild.id, apiUrl: discord.apiBase },
    commands ?? (await loadCommands()),
  );
}

/** Fake Discord up, the bot logged in and its commands registered to the fake guild. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const temp = options.tempCorpus && (await tempFolder(options.tempCorpus.prefix, options.tempCorpus));
  const removeTemp = async () => {
    if (temp) await rm(temp, { recursive: true, force: true });
  };
  const corpusDir = temp || options.corpusDir || SEEDS;
  let discord: FakeDiscord | undefined;
  let bot: RunningBot;
  const { logger, lines } = testLogger(options.logLevel ?? 'warn');
  try {
    if (temp) await options.tempCorpus?.fill?.(temp);
    discord = await startFakeDiscord({ token: TOKEN, guilds: [{ roles: MOD_ROLES }], ...options.fake });
    const env = {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: discord.apiBase,
      CORPUS_DIR: SEEDS,
      MODERATOR_ROLE_IDS: MOD_ROLE,
      ANSWER_MENTIONS: 'true',
      SNAPSHOT_DIR: 'off',
      ...options.env,
    };
    const botOptions: StartBotOptions = {
      logger,
      clientOptions: { rest: { globalRequestsPerSecond: 10_000 } },
      ...(corpusDir !== SEEDS && { corpusDir }),
      ...(options.commandsDir && { commandsDir: options.commandsDir }),
    };
    bot = await startBot(env, botOptions);
    await registerCommands(discord, bot.commands);
  } catch (err) {
    await discord?.close();
    await removeTemp();
    throw err;
  }
  const fake = discord;
  return {
    discord: fake,
    bot,
    corpusDir,
    logs: lines,
    command: async (name, options = {}, invoker = {}, timeoutMs) =>
      (await fake.sendInteraction(fake.slashCommand(name, options, invoker))).waitForFinal(undefined, timeoutMs),
    stop: async () => {
      await bot.stop();
      await fake.close();
      await removeTemp();
    },
  };
}

export interface HarnessChecks {
  /** After each test, the fake saw no request past Discord's limits (default true). */
  violations?: boolean;
  /** After each test, the bot called no route the fake does not know (default false). */
  unknownRoutes?: boolean;
}

/**
 * A harness for the tests of the enclosing describe (or file): started before them, stopped
 * after them, and checked after each. The object is filled in when the harness has started.
 * `options` may be a function, read when the harness starts (after earlier beforeAll hooks).
 */
export function useHarness(options: HarnessOptions | (() => HarnessOptions) = {}, checks: HarnessChecks = {}): Harness {
  const harness = {} as Harness;
  let started = false;
  beforeAll(async () => {
    Object.assign(harness, await startHarness(typeof options === 'function' ? options() : options));
    started = true;
  });
  afterAll(async () => {
    if (started) await harness.stop();
  });
  afterEach(() => {
    if (checks.violations ?? true) expect(harness.discord.violations).toEqual([]);
    if (checks.unknownRoutes) expect(harness.discord.unknownRoutes).toEqual([]);
  });
  return harness;
}

/** The embeds of a message, typed loosely for assertions. */
export function embedsOf(message: Json | undefined): Json[] {
  return Array.isArray(message?.embeds) ? (message.embeds as Json[]) : [];
}

/** Buttons of a message, flattened across its action rows. */
export function buttonsOf(message: Json | undefined): Json[] {
  const rows = Array.isArray(message?.components) ? (message.components as Json[]) : [];
  return rows.flatMap((row) => (Array.isArray(row.components) ? (row.components as Json[]) : []));
}

export const EPHEMERAL = 64;

export function isEphemeral(message: Json | undefined): boolean {
  return typeof message?.flags === 'number' && (message.flags & EPHEMERAL) !== 0;
}

export interface BotProcess {
  child: ChildProcess;
  /** Everything the process wrote, stdout and stderr. */
  output: () => string;
  /** What it wrote to stderr alone. */
  errors: () => string;
  /** Resolves with the exit code once the process has exited by itself. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * src/bot.ts (what `npm start` runs) as a child process pointed at the fake, with
 * only the given environment, so no developer's .env leaks in (dotenv never overrides).
 * Resolves once it logged `readyMessage` ("bot ready"; a shard manager logs "all shards ready").
 * Its own process means its own core: the fake's timings are not slowed by the bot's searches,
 * as they would not be with real Discord.
 */
export async function spawnBot(discord: FakeDiscord, env: Record<string, string>, readyMessage = 'bot ready'): Promise<BotProcess> {
  const bot = startBotProcess(discord.apiBase, env);
  const { child, output } = bot;
  try {
    await discord.waitFor(() => output().includes(`"${readyMessage}"`) || child.exitCode !== null, 90_000, `the bot process to log "${readyMessage}"`);
    if (child.exitCode !== null) throw new Error(`the bot process exited with ${child.exitCode}:\n${output()}`);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return bot;
}

/** `src/bot.ts` as spawnBot starts it, without waiting for anything. */
export function startBotProcess(apiBase: string, env: Record<string, string>): BotProcess {
  const chunks: string[] = [];
  const errorChunks: string[] = [];
  // tsx's loader in the bot's own process, without the tsx CLI in front: the CLI hands SIGTERM on
  // with a 30 ms handshake, and on a loaded machine it then SIGKILLs the bot (exit 143).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot.ts'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: apiBase,
      CORPUS_DIR: SEEDS,
      LOG_LEVEL: 'info',
      ANSWER_MENTIONS: 'false',
      SNAPSHOT_DIR: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    chunks.push(chunk.toString('utf8'));
    errorChunks.push(chunk.toString('utf8'));
  });
  const exited = once(child, 'close').then(([code]) => code as number | null);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return { child, output: () => chunks.join(''), errors: () => errorChunks.join(''), exited, stop };
}
