// Load: 1,000 /search interactions in one burst against 1,000 articles. Every one must be
// acknowledged within Discord's 3-second window and answered with its own article.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type InteractionExchange } from '../fake-discord/index.ts';
import { firstHitLine, writeCodedCorpus, type CodedArticle } from './corpus.ts';
import { embedsOf, startHarness, type Harness } from './helpers.ts';

const ARTICLES = 1000;
const BURST = 1000;
let dir: string;
let articles: CodedArticle[];
let h: Harness;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-load-'));
  articles = await writeCodedCorpus(dir, ARTICLES);
  h = await startHarness({ corpusDir: dir });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('1,000 articles, 1,000 searches at once', () => {
  it('answers every search with its own article, each acknowledged within 3 s', async () => {
    expect(h.bot.library.stats().articles).toBe(ARTICLES);
    // Users with different ids, in a mixed order, so replies cannot line up by accident.
    const order = articles.slice(0, BURST).map((a, i) => articles[(i * 389) % BURST]!);
    const exchanges: { article: CodedArticle; exchange: InteractionExchange }[] = [];
    for (const article of order) {
      exchanges.push({ article, exchange: await h.discord.sendInteraction(h.discord.slashCommand('search', { query: article.code })) });
    }
    await Promise.all(exchanges.map(({ exchange }) => exchange.waitForFinal(undefined, 60_000)));

    const wrong = exchanges.filter(({ article, exchange }) => !String(embedsOf(exchange.original)[0]?.description).startsWith(firstHitLine(article)));
    expect(wrong.map(({ article, exchange }) => `${article.code}: ${exchange.text.slice(0, 80)}`)).toEqual([]);
    const firstResponses = exchanges.map(({ exchange }) => exchange.callback!.ms).sort((a, b) => a - b);
    expect(firstResponses.at(-1)).toBeLessThan(3_000);
    // Exactly one callback and one edit each: nothing retried, doubled or lost.
    expect(exchanges.filter(({ exchange }) => exchange.events.map((e) => e.kind).join() !== 'callback,edit')).toEqual([]);
    expect(h.discord.violations).toEqual([]);
    console.log(`burst of ${BURST}: first response p50 ${firstResponses[BURST / 2]} ms, max ${firstResponses.at(-1)} ms`);
  }, 120_000);

  it('autocomplete on a big corpus stays within 25 choices of at most 100 characters', async () => {
    for (const [command, options, focused] of [
      ['summary', { article: '' }, 'article'],
      ['summary', { article: 'BT00' }, 'article'],
      ['search', { query: 'x', source: '' }, 'source'],
    ] as const) {
      const exchange = await h.discord.sendInteraction(h.discord.autocomplete(command, options, focused));
      await exchange.firstResponse();
      const choices = exchange.choices ?? [];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(LIMITS.autocompleteChoices);
      for (const c of choices) expect([...String(c.name)].length).toBeLessThanOrEqual(100);
    }
    const prefixed = h.discord.exchanges.at(-2)!.choices!;
    expect(prefixed).toHaveLength(LIMITS.autocompleteChoices);
    for (const c of prefixed) expect(String(c.name)).toMatch(/^BT00/);
    expect(h.discord.violations).toEqual([]);
  });
});
