// SHARD_COUNT=3 with SHARD_MODE=internal: discord.js runs three gateway shards in the bot's
// one process, over one library, against a fake Discord that routes each guild to its shard.
import { describe, expect, it } from 'vitest';
import { writeCodedCorpus, type CodedArticle } from './corpus.ts';
import { guildsOnShards, useHarness } from './helpers.ts';
import { ARTICLES, SHARDS, guildOn, reloadOn, shardScenarios, shardsField } from './shards.ts';

let articles: CodedArticle[];
const h = useHarness({
  tempCorpus: { prefix: 'e2e-shards-internal-', fill: async (dir) => (articles = await writeCodedCorpus(dir, ARTICLES)) },
  env: { SHARD_COUNT: 'auto', SHARD_MODE: 'internal' },
  fake: { shards: SHARDS, maxConcurrency: SHARDS, guilds: guildsOnShards(SHARDS) },
});

describe('three shards in one process (SHARD_MODE=internal)', () => {
  shardScenarios(() => ({ discord: h.discord, dir: h.corpusDir, articles, processes: false }));

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
