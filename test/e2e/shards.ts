// The three-shard scenarios both sharding modes must pass (bot-shards-*.test.ts): commands
// answered on every shard, a /reload on shard 2 reaching shards 0 and 1, and a burst spread
// over the shards acknowledged within Discord's 3 seconds.
import { expect, it } from 'vitest';
import { t } from '../../src/discord/i18n.ts';
import type { FakeDiscord, InteractionExchange } from '../fake-discord/index.ts';
import { firstHitLine, writeCodedCorpus, type CodedArticle } from './corpus.ts';
import { embedsOf, MOD_ROLE } from './helpers.ts';

export const SHARDS = 3;
/** Articles in the corpus at start; each scenario that adds one takes the next code. */
export const ARTICLES = 6;

export interface ShardedBot {
  discord: FakeDiscord;
  /** The corpus folder, which tests add articles to. */
  dir: string;
  articles: CodedArticle[];
  /** True when each shard is its own process (and reloads report per process). */
  processes: boolean;
}

/** The guild the fake routes to `shard` (helpers.guildsOnShards made one per shard, in order). */
export function guildOn(discord: FakeDiscord, shard: number): string {
  const guild = discord.guilds.find((g) => discord.shardOf(g.id) === shard);
  if (!guild) throw new Error(`no guild on shard ${shard}`);
  return guild.id;
}

export async function searchOn(discord: FakeDiscord, shard: number, article: CodedArticle): Promise<InteractionExchange> {
  const exchange = await discord.sendInteraction(discord.slashCommand('search', { query: article.code }, { guildId: guildOn(discord, shard) }));
  return exchange.waitForFinal(undefined, 15_000);
}

export function firstHit(exchange: InteractionExchange): string {
  return String(embedsOf(exchange.original)[0]?.description).split('\n')[0]!;
}

export function reloadOn(discord: FakeDiscord, shard: number): Promise<InteractionExchange> {
  return discord.sendInteraction(discord.slashCommand('reload', {}, { guildId: guildOn(discord, shard), roles: [MOD_ROLE], locale: 'en-US' }));
}

/** The embed field that lists the shards by corpus version, or undefined. */
export function shardsField(exchange: InteractionExchange): string | undefined {
  const fields = (embedsOf(exchange.original)[0]?.fields ?? []) as { name: string; value: string }[];
  return fields.find((f) => f.name === t('en-US', 'shards.title'))?.value;
}

export function shardScenarios(bot: () => ShardedBot): void {
  it('answers commands on every shard, each guild on the shard Discord routes it to', async () => {
    const { discord, articles } = bot();
    expect(
      discord.gateway.identifies
        .filter((i) => i.shard[1] === SHARDS)
        .map((i) => i.shard[0])
        .sort(),
    ).toEqual([0, 1, 2]);
    for (let shard = 0; shard < SHARDS; shard++) {
      const article = articles[shard]!;
      expect(firstHit(await searchOn(discord, shard, article))).toBe(firstHitLine(article));
    }
    expect(discord.violations).toEqual([]);
  });

  it('a /reload on shard 2 reaches shards 0 and 1', async () => {
    const { discord, dir, processes } = bot();
    const [added] = await writeCodedCorpus(dir, 1, { from: ARTICLES });
    const reload = await (await reloadOn(discord, 2)).waitForFinal(undefined, 30_000);
    const report = embedsOf(reload.original)[0];
    expect(report?.title, reload.text).toBe(t('en-US', 'reload.title'));
    expect(report?.description).toContain(t('en-US', 'reload.articles', { articles: ARTICLES + 1 }));
    if (processes) {
      // One combined report: every process reloaded to the same version.
      expect(shardsField(reload)).toMatch(new RegExp(`^✅ version \\w{8} \\(${ARTICLES + 1} articles\\): shard 0, 1, 2$`));
    }
    for (const shard of [0, 1]) expect(firstHit(await searchOn(discord, shard, added!))).toBe(firstHitLine(added!));
    expect(discord.violations).toEqual([]);
  });

  it('acknowledges a burst spread over the shards within 3 s', async () => {
    const { discord, articles } = bot();
    const exchanges: { article: CodedArticle; exchange: InteractionExchange }[] = [];
    for (let i = 0; i < 30; i++) {
      const article = articles[i % ARTICLES]!;
      const exchange = await discord.sendInteraction(discord.slashCommand('search', { query: article.code }, { guildId: guildOn(discord, i % SHARDS) }));
      exchanges.push({ article, exchange });
    }
    await Promise.all(exchanges.map(({ exchange }) => exchange.waitForFinal(undefined, 30_000)));
    expect(exchanges.filter(({ article, exchange }) => firstHit(exchange) !== firstHitLine(article)).map(({ article }) => article.code)).toEqual([]);
    const slowest = Math.max(...exchanges.map(({ exchange }) => exchange.callback!.ms));
    expect(slowest).toBeLessThan(3_000);
    expect(discord.violations).toEqual([]);
  });
}
