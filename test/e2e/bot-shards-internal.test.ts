// SHARD_COUNT=3 with SHARD_MODE=internal: discord.js runs three gateway shards in the bot's
// one process, over one library, against a fake Discord that routes each guild to its shard.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCodedCorpus, type CodedArticle } from './corpus.ts';
import { guildsOnShards, startHarness, type Harness } from './helpers.ts';
import { ARTICLES, SHARDS, guildOn, reloadOn, shardScenarios, shardsField } from './shards.ts';

let dir: string;
let articles: CodedArticle[];
let h: Harness;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-shards-internal-'));
  articles = await writeCodedCorpus(dir, ARTICLES);
  h = await startHarness({
    corpusDir: dir,
    env: { SHARD_COUNT: 'auto', SHARD_MODE: 'internal' },
    fake: { shards: SHARDS, maxConcurrency: SHARDS, guilds: guildsOnShards(SHARDS) },
  });
});

afterAll(async () => {
  await h?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('three shards in one process (SHARD_MODE=internal)', () => {
  shardScenarios(() => ({ discord: h.discord, dir, articles, processes: false }));

  it('takes the shard count Discord recommends and keeps one library for all shards', async () => {
    expect(h.bot.client.options.shards).toEqual([0, 1, 2]);
    expect(h.bot.client.options.shardCount).toBe(SHARDS);
    for (let shard = 0; shard < SHARDS; shard++) expect(h.bot.client.guilds.cache.get(guildOn(h.discord, shard))?.shardId).toBe(shard);
    // One index: the report has no per-shard field, because there is nothing to drift.
    const reload = await (await reloadOn(h.discord, 1)).waitForFinal();
    expect(shardsField(reload)).toBeUndefined();
    expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});
