// Load: 1,000 /search interactions in one burst against 1,000 articles. Every one must be
// acknowledged within Discord's 3-second window and answered with its own article. The bot
// runs as `npm start` does, in its own process, so the fake's clock is not held up by the
// bot's work, as real Discord's would not be.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, startFakeDiscord, type FakeDiscord, type InteractionExchange } from '../fake-discord/index.ts';
import { tempFolder } from '../helpers.ts';
import { firstHitLine, writeCodedCorpus, type CodedArticle } from './corpus.ts';
import { embedsOf, registerCommands, spawnBot, TOKEN, type BotProcess } from './helpers.ts';

const ARTICLES = 1000;
const BURST = 1000;
let dir: string;
let articles: CodedArticle[];
let discord: FakeDiscord;
let bot: BotProcess | undefined;

beforeAll(async () => {
  dir = await tempFolder('e2e-load-');
  articles = await writeCodedCorpus(dir, ARTICLES);
  discord = await startFakeDiscord({ token: TOKEN });
  // The fake Discord has no global REST limit; the bot may use what it allows.
  bot = await spawnBot(discord, { CORPUS_DIR: dir, DISCORD_GLOBAL_RATE_LIMIT: '10000' });
  await registerCommands(discord);
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('1,000 articles, 1,000 searches at once', () => {
  it('answers every search with its own article, each acknowledged within 3 s', async () => {
    const sources = await (await discord.sendInteraction(discord.slashCommand('sources'))).waitForFinal();
    expect(sources.text).toContain(String(ARTICLES));
    // Users with different ids, in a mixed order, so replies cannot line up by accident.
    const order = articles.slice(0, BURST).map((_, i) => articles[(i * 389) % BURST]!);
    const exchanges: { article: CodedArticle; exchange: InteractionExchange }[] = [];
    for (const article of order) {
      exchanges.push({ article, exchange: await discord.sendInteraction(discord.slashCommand('search', { query: article.code })) });
    }
    await Promise.all(exchanges.map(({ exchange }) => exchange.waitForFinal(undefined, 60_000)));

    const wrong = exchanges.filter(({ article, exchange }) => !String(embedsOf(exchange.original)[0]?.description).startsWith(firstHitLine(article)));
    expect(wrong.map(({ article, exchange }) => `${article.code}: ${exchange.text.slice(0, 80)}`)).toEqual([]);
    const firstResponses = exchanges.map(({ exchange }) => exchange.callback!.ms).sort((a, b) => a - b);
    expect(firstResponses.at(-1)).toBeLessThan(3_000);
    // Exactly one callback and one edit each: nothing retried, doubled or lost.
    expect(exchanges.filter(({ exchange }) => exchange.events.map((e) => e.kind).join() !== 'callback,edit')).toEqual([]);
    expect(discord.violations).toEqual([]);
    console.log(`burst of ${BURST}: first response p50 ${firstResponses[BURST / 2]} ms, max ${firstResponses.at(-1)} ms`);
  }, 120_000);

  it('autocomplete on a big corpus stays within 25 choices of at most 100 characters', async () => {
    for (const [command, options, focused] of [
      ['summary', { article: '' }, 'article'],
      ['summary', { article: 'BT00' }, 'article'],
      ['search', { query: 'x', source: '' }, 'source'],
    ] as const) {
      const exchange = await discord.sendInteraction(discord.autocomplete(command, options, focused));
      await exchange.firstResponse();
      const choices = exchange.choices ?? [];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(LIMITS.autocompleteChoices);
      for (const c of choices) expect([...String(c.name)].length).toBeLessThanOrEqual(100);
    }
    const prefixed = discord.exchanges.at(-2)!.choices!;
    expect(prefixed).toHaveLength(LIMITS.autocompleteChoices);
    for (const c of prefixed) expect(String(c.name)).toMatch(/^BT00/);
    expect(discord.violations).toEqual([]);
  });
});
