// SHARD_COUNT=3 with SHARD_MODE=process, started as `npm start` is: discord.js's
// ShardingManager runs one child process per shard, each opening the library from the shared
// snapshot folder. One cluster serves every test in this file (each child is a tsx process).
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { tempFolder } from '../helpers.ts';
import { firstHitLine, writeCodedCorpus, type CodedArticle } from './corpus.ts';
import { guildsOnShards, MOD_ROLE, registerCommands, spawnBot, TOKEN, type BotProcess } from './helpers.ts';
import { ARTICLES, SHARDS, firstHit, guildOn, reloadOn, searchOn, shardScenarios, shardsField } from './shards.ts';

let dir: string;
let snapshots: string;
let articles: CodedArticle[];
let discord: FakeDiscord;
let bot: BotProcess | undefined;

interface LogRecord {
  msg?: string;
  shard?: number;
  pid?: number;
}

/** The JSON log lines of the manager and its shard processes. */
function logRecords(): LogRecord[] {
  return (bot?.output() ?? '').split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as LogRecord];
    } catch {
      return [];
    }
  });
}

const logged = (msg: string, shard?: number) => logRecords().filter((r) => r.msg === msg && (shard === undefined || r.shard === shard));

beforeAll(async () => {
  dir = await tempFolder('e2e-shards-process-');
  snapshots = await tempFolder('e2e-shards-snapshots-');
  articles = await writeCodedCorpus(dir, ARTICLES);
  discord = await startFakeDiscord({ token: TOKEN, maxConcurrency: SHARDS, guilds: guildsOnShards(SHARDS) });
  bot = await spawnBot(
    discord,
    {
      CORPUS_DIR: dir,
      SNAPSHOT_DIR: snapshots,
      SHARD_COUNT: String(SHARDS),
      SHARD_MODE: 'process',
      MODERATOR_ROLE_IDS: MOD_ROLE,
      DISCORD_GLOBAL_RATE_LIMIT: '10000',
    },
    'all shards ready',
  );
  await registerCommands(discord);
}, 180_000);

afterAll(async () => {
  const code = await bot?.stop();
  await discord?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(snapshots, { recursive: true, force: true });
  expect(code).toBe(0);
  expect(logged('bot stopped')).toHaveLength(SHARDS);
});

describe('three shard processes (SHARD_MODE=process)', () => {
  it('builds the index once: the first shard writes the snapshot, the others open it', () => {
    expect(
      logged('shard ready')
        .map((r) => r.shard)
        .sort(),
    ).toEqual([0, 1, 2]);
    expect(logged('index snapshot saved').map((r) => r.shard)).toEqual([0]);
    expect(
      logged('index snapshot loaded')
        .map((r) => r.shard)
        .sort(),
    ).toEqual([1, 2]);
  });

  shardScenarios(() => ({ discord, dir, articles, processes: true }));

  it('two moderators reloading on two shards get one combined report each', async () => {
    const [added] = await writeCodedCorpus(dir, 1, { from: ARTICLES + 1 });
    const reloads = await Promise.all([reloadOn(discord, 0), reloadOn(discord, 1)]);
    await Promise.all(reloads.map((r) => r.waitForFinal(undefined, 30_000)));
    for (const reload of reloads) expect(shardsField(reload), reload.text).toMatch(/: shard 0, 1, 2$/);
    expect(firstHit(await searchOn(discord, 2, added!))).toBe(firstHitLine(added!));
    expect(discord.violations).toEqual([]);
  });

  it('/sources shows which shards are on which corpus version', async () => {
    const sources = await (
      await discord.sendInteraction(discord.slashCommand('sources', {}, { guildId: guildOn(discord, 1), locale: 'en-US' }))
    ).waitForFinal();
    expect(shardsField(sources)).toMatch(/^✅ version \w{8} \(\d+ articles\): shard 0, 1, 2$/);
  });

  it('respawns a killed shard process, which answers again once ready', async () => {
    const victim = logged('shard process started', 1).at(-1)!.pid!;
    const readyBefore = logged('shard ready', 1).length;
    process.kill(victim, 'SIGKILL');
    await discord.waitFor(() => logged('shard process exited; restarting it', 1).length > 0, 10_000, 'the manager to notice the exit');
    await discord.waitFor(() => logged('shard ready', 1).length > readyBefore, 90_000, 'shard 1 to be ready again');
    const respawned = logged('shard process started', 1).at(-1)!.pid!;
    expect(respawned).not.toBe(victim);
    // A fresh IDENTIFY for shard 1 (its old session died with the process); the others kept theirs.
    expect(discord.gateway.identifies.filter((i) => i.shard[0] === 1)).toHaveLength(2);
    expect(discord.gateway.identifies).toHaveLength(SHARDS + 1);
    const article = articles[1]!;
    expect(firstHit(await searchOn(discord, 1, article))).toBe(firstHitLine(article));
    const sources = await (
      await discord.sendInteraction(discord.slashCommand('sources', {}, { guildId: guildOn(discord, 0), locale: 'en-US' }))
    ).waitForFinal();
    expect(shardsField(sources)).toMatch(/: shard 0, 1, 2$/);
  }, 120_000);
});
