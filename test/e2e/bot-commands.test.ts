// Every command of the real bot, through the fake Discord: what a member sees for each,
// and that every body the fake receives keeps within Discord's limits.
import { describe, expect, it } from 'vitest';
import { t } from '../../src/discord/i18n.ts';
import { CALLBACK_TYPE, LIMITS, PERMISSION, makeUser, type Json } from '../fake-discord/index.ts';
import { MOD_ROLE, buttonsOf, embedsOf, isEphemeral, useHarness } from './helpers.ts';

const h = useHarness({}, { unknownRoutes: true });

describe('the bot on the seeds, through the fake Discord', () => {
  it('registered every command file with Discord', () => {
    expect(h.discord.registeredCommands.map((c) => c.name).sort()).toEqual(['ask', 'help', 'reload', 'search', 'sources', 'summary', 'timeline']);
  });

  it('/search defers, then fills the reply with ranked matches and paging buttons', async () => {
    const exchange = await h.command('search', { query: '工业互联网', limit: 1 });
    expect(exchange.callback?.type).toBe(CALLBACK_TYPE.DeferredChannelMessageWithSource);
    const [embed] = embedsOf(exchange.original);
    expect(embed?.title).toBe(t('zh-CN', 'search.title', { query: '工业互联网' }));
    expect(String(embed?.description)).toContain('**1.**');
    expect(String(embed?.description)).toContain('**工业互联网**');
    expect(String((embed?.footer as Json).text)).toMatch(/共 \d+ 条结果，显示第 1–1 条/);
    const buttons = buttonsOf(exchange.original);
    expect(buttons.map((b) => b.disabled)).toEqual([true, false]);
  });

  it('/search with a source filter and a date range keeps only matching articles', async () => {
    const exchange = await h.command('search', { query: '工业互联网', source: '新华社', from: '2021-01-01', to: '2021-12-31' });
    const description = String(embedsOf(exchange.original)[0]?.description);
    expect(description).toContain('来源 新华社');
    expect(description).toContain('刘鹤向2021中国5G+工业互联网大会开幕式致辞');
    // The other 新华社 article has no year, so a date filter drops it.
    expect(description).not.toContain('全国政协召开双周协商座谈会');
  });

  it('/search with a malformed date is told privately what to type', async () => {
    const exchange = await h.command('search', { query: '工业', from: '2021/11/01' });
    expect(isEphemeral(exchange.original) || isEphemeral(exchange.followups[0])).toBe(true);
    expect(exchange.text + exchange.followups.map((m) => m.content).join('')).toContain(t('zh-CN', 'input.bad-date'));
  });

  it('pages with the buttons; another member pressing them is refused privately and the page stays', async () => {
    const first = await h.command('search', { query: '工业互联网', limit: 1 });
    const messageId = String(first.original?.id);
    const next = buttonsOf(first.original)[1]!;

    const press = await h.discord.sendInteraction(h.discord.buttonPress(String(next.custom_id), messageId));
    await press.waitForFinal();
    // Acknowledged at once, then the page is edited in place once the search has run.
    expect(press.callback?.type).toBe(CALLBACK_TYPE.DeferredUpdateMessage);
    expect(String(press.original?.id)).toBe(messageId);
    expect(String((embedsOf(press.original)[0]?.footer as Json).text)).toMatch(/显示第 2–2 条/);
    expect(buttonsOf(press.original).map((b) => b.disabled)).toEqual([false, false]);
    const pageTwo = structuredClone(press.original);

    const stranger = makeUser('stranger');
    const refused = await h.discord.sendInteraction(h.discord.buttonPress(String(buttonsOf(press.original)[1]!.custom_id), pageTwo!, { user: stranger }));
    await refused.waitForFinal();
    expect(refused.callback?.type).toBe(CALLBACK_TYPE.ChannelMessageWithSource);
    expect(isEphemeral(refused.original)).toBe(true);
    expect(refused.original?.content).toBe(t('zh-CN', 'paging.notYours'));
    // Nothing edited the searcher's message.
    expect(h.discord.requests.filter((r) => r.route === 'webhookEditMessage' && r.params.token === refused.token)).toEqual([]);
    expect(press.original).toEqual(pageTwo);
  });

  it('/search source autocomplete offers known sources with counts, within Discord limits', async () => {
    const exchange = await h.discord.sendInteraction(h.discord.autocomplete('search', { query: '工业', source: '新' }, 'source'));
    await exchange.firstResponse();
    const choices = exchange.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(LIMITS.autocompleteChoices);
    for (const c of choices) {
      expect(String(c.value)).toContain('新');
      expect(String(c.name)).toMatch(/\(\d+\)$/);
      expect([...String(c.name)].length).toBeLessThanOrEqual(100);
    }
    expect(choices.map((c) => c.value)).toContain('新华社');
  });

  it('/summary autocomplete gives titles whose value /summary accepts', async () => {
    const complete = await h.discord.sendInteraction(h.discord.autocomplete('summary', { article: '工信部' }, 'article'));
    await complete.firstResponse();
    const choices = complete.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(LIMITS.autocompleteChoices);
    for (const c of choices) expect([...String(c.name)].length).toBeLessThanOrEqual(100);
    const pick = choices.find((c) => String(c.name).includes('肖亚庆'))!;
    expect(pick).toBeDefined();

    const summary = await h.command('summary', { article: String(pick.value) });
    expect(summary.callback?.type).toBe(CALLBACK_TYPE.ChannelMessageWithSource);
    const [embed] = embedsOf(summary.original);
    expect(embed?.title).toBe(pick.name);
    expect(String(embed?.description).length).toBeGreaterThan(20);
    expect(summary.text.replace(/\\/g, '')).toContain(String(pick.value)); // the file name, markdown-escaped
    const related = (embed?.fields as { name: string; value: string }[] | undefined)?.at(-1);
    expect(related?.name).toBe(t('zh-CN', 'summary.related'));
    expect(related?.value).not.toContain(String(pick.name).slice(0, 10));
  });

  it('/summary of an unknown article says so privately', async () => {
    const exchange = await h.command('summary', { article: '没有这篇文章的标题' });
    expect(isEphemeral(exchange.original)).toBe(true);
    expect(exchange.original?.content).toBe(t('zh-CN', 'input.unknown-article'));
  });

  it('/ask answers a question with the passage that holds the answer, quoting its source', async () => {
    const exchange = await h.command('ask', { question: '工信部部长是谁？' });
    expect(exchange.callback?.type).toBe(CALLBACK_TYPE.DeferredChannelMessageWithSource);
    const content = String(exchange.original?.content);
    expect(content.startsWith(t('zh-CN', 'ask.intro', { question: '工信部部长是谁？' }))).toBe(true);
    expect(content).toContain('肖亚庆');
    expect(content).toMatch(/^— /m);
    expect(isEphemeral(exchange.original)).toBe(false);
  });

  it('/sources gives the article count, the sources and the date range', async () => {
    const exchange = await h.command('sources');
    const text = exchange.text;
    expect(text).toContain(t('zh-CN', 'sources.articles', { articles: 5 }));
    expect(text).toContain('新华社 — 2');
    expect(text).toContain(t('zh-CN', 'sources.dateRange'));
    expect(text).not.toContain(t('zh-CN', 'sources.skipped', { count: 0 }).slice(0, 4));
  });

  it('/help lists every command with its usage', async () => {
    const exchange = await h.command('help');
    const description = String(embedsOf(exchange.original)[0]?.description);
    for (const name of ['ask', 'help', 'reload', 'search', 'sources', 'summary', 'timeline']) expect(description).toContain(`/${name}`);
    expect(description).toContain('/search query:<…> [limit] [from] [to] [source]');
    expect(description).toMatch(/\/reload\*\* — .*🔒/);
    expect(description).toContain(t('zh-CN', 'help.syntax'));
  });

  it('replies in the reader’s language: zh-TW and en-US differ from zh-CN', async () => {
    const texts: Record<string, string> = {};
    for (const locale of ['zh-CN', 'zh-TW', 'en-US'] as const) {
      const help = await h.command('help', {}, { locale });
      const search = await h.command('search', { query: '工业互联网' }, { locale });
      expect(embedsOf(help.original)[0]?.title).toBe(t(locale, 'help.title'));
      expect(embedsOf(search.original)[0]?.title).toBe(t(locale, 'search.title', { query: '工业互联网' }));
      texts[locale] = `${help.text}\n${search.text}`;
    }
    expect(texts['zh-TW']).not.toBe(texts['zh-CN']);
    expect(texts['en-US']).not.toBe(texts['zh-CN']);
    expect(texts['en-US']).toMatch(/results/i);
    expect(texts['zh-TW']).toContain('筆結果');
  });

  it('/reload by a moderator role reports the corpus privately', async () => {
    const exchange = await h.command('reload', {}, { roles: [MOD_ROLE] });
    expect(exchange.callback?.type).toBe(CALLBACK_TYPE.DeferredChannelMessageWithSource);
    expect(isEphemeral(exchange.original)).toBe(true);
    const text = exchange.text;
    expect(text).toContain(t('zh-CN', 'reload.title'));
    expect(text).toContain(t('zh-CN', 'reload.articles', { articles: 5 }));
  });

  it('/reload by a member without the moderator role is refused privately, even with Manage Server', async () => {
    for (const invoker of [{}, { permissions: PERMISSION.ManageGuild }]) {
      const exchange = await h.command('reload', {}, invoker);
      expect(isEphemeral(exchange.original)).toBe(true);
      expect(exchange.original?.content).toBe(t('zh-CN', 'perm.moderatorOnly'));
    }
  });

  it('answers a message that mentions it, replying to that message without pinging', async () => {
    const asked = h.discord.sendMessage({ content: `${h.discord.mention} 工信部部长是谁？` });
    const reply = await asked.waitForReply();
    expect(String(reply.content)).toContain('肖亚庆');
    expect(reply.message_reference).toMatchObject({ message_id: asked.message.id });
    const silent = h.discord.sendMessage({ content: '工信部部长是谁？' });
    const help = await h.command('help');
    expect(help.text).toContain('/ask');
    expect(silent.replies).toEqual([]);
  });
});

describe('with ANSWER_MENTIONS off', () => {
  const quiet = useHarness({ env: { ANSWER_MENTIONS: 'false' } });

  it('does not ask for messages at all, so a mention gets no reply, and commands still work', async () => {
    const asked = quiet.discord.sendMessage({ content: `${quiet.discord.mention} 工信部部长是谁？` });
    expect(asked.delivered).toBe(false);
    const ask = await quiet.command('ask', { question: '工信部部长是谁？' });
    expect(String(ask.original?.content)).toContain('肖亚庆');
    expect(quiet.discord.channelPosts).toEqual([]);
    expect(quiet.discord.violations).toEqual([]);
  });
});
