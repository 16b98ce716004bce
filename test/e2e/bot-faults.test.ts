// Faults around the real bot: a dropped gateway, rate limits and server errors from
// Discord, broken corpus files, a reload under live traffic and a command that throws.
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS_DIR } from '../../src/discord/registry.ts';
import { t } from '../../src/discord/i18n.ts';
import { CALLBACK_TYPE, type InteractionExchange } from '../fake-discord/index.ts';
import { tempFolder } from '../helpers.ts';
import { firstHitLine, writeCodedCorpus, type CodedArticle } from './corpus.ts';
import { MOD_ROLE, embedsOf, isEphemeral, useHarness, type Harness } from './helpers.ts';

const SEARCH_QUERY = '工业互联网';
const SEARCH_TITLE = '刘鹤向2021中国5G+工业互联网大会开幕式致辞';

function search(h: Harness, query = SEARCH_QUERY): Promise<InteractionExchange> {
  return h.command('search', { query }, {}, 20_000);
}

describe('Discord misbehaving', () => {
  const h = useHarness();

  it('after gateway close 4000 it resumes, and the interaction sent while it was away is answered', async () => {
    expect((await search(h)).text).toContain(SEARCH_TITLE);
    h.discord.faults.closeGateway(4000);
    expect(h.discord.gateway.live).toBe(false);
    const whileAway = await h.discord.sendInteraction(h.discord.slashCommand('ask', { question: '工信部部长是谁？' }));
    await h.discord.waitForResume(1);
    await whileAway.waitForFinal();
    expect(String(whileAway.original?.content)).toContain('肖亚庆');
    expect(h.discord.gateway.resumes[0]?.replayed).toBeGreaterThanOrEqual(1);
    expect(h.discord.gateway.identifies).toHaveLength(1);
    expect((await search(h)).text).toContain(SEARCH_TITLE);
  });

  it('a 429 on the callback and on the webhook edit delays the reply but does not lose it', async () => {
    const onCallback = h.discord.faults.failNext('interactionCallback', 429, { retryAfter: 0.3 });
    const onEdit = h.discord.faults.failNext('webhookEditMessage', 429, { retryAfter: 0.3 });
    const exchange = await search(h);
    expect([onCallback.hits, onEdit.hits]).toEqual([1, 1]);
    expect(exchange.callback?.type).toBe(CALLBACK_TYPE.DeferredChannelMessageWithSource);
    expect(exchange.text).toContain(SEARCH_TITLE);
    expect(exchange.events.map((e) => e.kind)).toEqual(['callback', 'edit']);
  });

  it('a 500 once, on the callback or on the edit, is retried and the reply arrives', async () => {
    const onCallback = h.discord.faults.failNext('interactionCallback', 500);
    const help = await h.command('help');
    expect(onCallback.hits).toBe(1);
    expect(help.text).toContain('/search');

    const onEdit = h.discord.faults.failNext('webhookEditMessage', 500);
    const exchange = await search(h);
    expect(onEdit.hits).toBe(1);
    expect(exchange.text).toContain(SEARCH_TITLE);
  });
});

describe('a corpus folder with broken files', () => {
  const h = useHarness({
    tempCorpus: {
      prefix: 'e2e-broken-',
      seeds: true,
      fill: async (dir) => {
        await writeFile(path.join(dir, 'bad-yaml.md'), "---\ntitle: 'unclosed\nfoo: [1, 2\n---\n正文。\n");
        await writeFile(path.join(dir, 'picture.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0xff, 0x00]));
      },
    },
  });

  it('starts with the good articles; /sources and /reload name each broken file', async () => {
    expect(h.bot.library.stats().articles).toBe(5);
    const sources = await h.command('sources');
    const sourcesText = sources.text.replace(/\\/g, '');
    expect(sourcesText).toContain(t('zh-CN', 'sources.skipped', { count: 2 }));
    expect(sourcesText).toMatch(/bad-yaml\.md — invalid YAML/);
    expect(sourcesText).toMatch(/picture\.txt — .*binary/);

    const reload = await h.command('reload', {}, { roles: [MOD_ROLE] });
    expect(isEphemeral(reload.original)).toBe(true);
    const reloadText = reload.text.replace(/\\/g, '');
    expect(reloadText).toContain(`${t('zh-CN', 'reload.failed')}\n2`);
    expect(reloadText).toMatch(/bad-yaml\.md — invalid YAML/);
    expect(reloadText).toMatch(/picture\.txt — .*binary/);
    expect((await search(h)).text).toContain(SEARCH_TITLE);
    expect(h.discord.violations).toEqual([]);
  });
});

describe('/reload while searches stream in', () => {
  const ARTICLES = 400;
  const REVISED = 200; // articles 0…199 get a new title and text
  const ADDED = 20;
  let articles: CodedArticle[];
  const h = useHarness({ tempCorpus: { prefix: 'e2e-reload-', fill: async (dir) => (articles = await writeCodedCorpus(dir, ARTICLES)) } });

  it('answers every search correctly before, during and after the swap', async () => {
    const steady = articles.slice(REVISED);
    const sent: { article: CodedArticle; exchange: InteractionExchange }[] = [];
    const send = async (article: CodedArticle) => {
      sent.push({ article, exchange: await h.discord.sendInteraction(h.discord.slashCommand('search', { query: article.code })) });
    };
    for (const article of steady.slice(0, 20)) await send(article);

    const revised = await writeCodedCorpus(h.corpusDir, REVISED, { revision: 1 });
    const added = await writeCodedCorpus(h.corpusDir, ADDED, { from: ARTICLES });
    const reload = await h.discord.sendInteraction(h.discord.slashCommand('reload', {}, { roles: [MOD_ROLE] }));
    let i = 20;
    // Keep searching, a few every few milliseconds, until the reload has answered, and a little after.
    while (!reload.original?.embeds || (reload.original.embeds as unknown[]).length === 0) {
      for (let k = 0; k < 3; k++) await send(steady[i++ % steady.length]!);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (i > 5_000) break;
    }
    const reloadDoneAt = sent.length;
    for (let k = 0; k < 20; k++) await send(steady[i++ % steady.length]!);
    await Promise.all(sent.map(({ exchange }) => exchange.waitForFinal(undefined, 30_000)));

    const wrong = sent.filter(({ article, exchange }) => !String(embedsOf(exchange.original)[0]?.description).startsWith(firstHitLine(article)));
    expect(wrong.map(({ article, exchange }) => `${article.code}: ${exchange.text.slice(0, 80)}`)).toEqual([]);
    // The stream really overlapped the reload.
    expect(reloadDoneAt - 20).toBeGreaterThan(0);
    console.log(
      `searches: ${sent.length}, during the reload: ${reloadDoneAt - 20}; reload callback ${reload.callback?.ms} ms, final ${reload.events.at(-1)?.ms} ms`,
    );

    const report = reload.text;
    expect(report).toContain(`${t('zh-CN', 'reload.added')}\n${ADDED}`);
    expect(report).toContain(`${t('zh-CN', 'reload.changed')}\n${REVISED}`);
    expect(report).toContain(t('zh-CN', 'reload.articles', { articles: ARTICLES + ADDED }));
    for (const article of [revised[0]!, revised[REVISED - 1]!, added[0]!, added[ADDED - 1]!]) {
      const after = await search(h, article.code);
      expect(String(embedsOf(after.original)[0]?.description).startsWith(firstHitLine(article))).toBe(true);
    }
    expect(h.discord.violations).toEqual([]);
  }, 60_000);
});

describe('a command that throws', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempFolder('e2e-commands-');
    // The real commands, re-exported, plus one that always fails.
    for (const file of await readdir(COMMANDS_DIR)) {
      if (file.endsWith('.ts')) await writeFile(path.join(dir, file), `export * from ${JSON.stringify(pathToFileURL(path.join(COMMANDS_DIR, file)).href)};\n`);
    }
    await writeFile(
      path.join(dir, 'boom.mjs'),
      `export const data = { name: 'boom', toJSON: () => ({ name: 'boom', description: 'always fails', type: 1, options: [{ name: 'when', description: 'before or after deferring', type: 3 }] }) };
export async function execute(interaction) {
  if (interaction.options.getString('when') === 'after-defer') await interaction.deferReply();
  throw new Error('boom: a bug in a command');
}
`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const h = useHarness(() => ({ commandsDir: dir }));

  it('tells the user privately, logs the error and keeps serving', async () => {
    const before = await h.command('boom');
    expect(before.callback?.type).toBe(CALLBACK_TYPE.ChannelMessageWithSource);
    expect(isEphemeral(before.original)).toBe(true);
    expect(before.original?.content).toBe(t('zh-CN', 'error.generic'));

    // After a public "thinking…", the error must not show publicly: it is replaced by a private follow-up.
    const afterDefer = await (
      await h.discord.sendInteraction(h.discord.slashCommand('boom', { when: 'after-defer' }))
    ).waitForFinal((e) => e.followups.length > 0);
    expect(afterDefer.original).toBeUndefined();
    expect(afterDefer.followups.map((m) => [m.content, isEphemeral(m)])).toEqual([[t('zh-CN', 'error.generic'), true]]);

    expect(h.logs.filter((l) => l.msg === 'command failed' && l.command === 'boom')).toHaveLength(2);
    expect((await search(h)).text).toContain(SEARCH_TITLE);
    const help = await h.command('help');
    expect(help.text).toContain('/boom');
    expect(h.discord.violations).toEqual([]);
  });
});
