// Buttons, autocomplete, mentions and error handling, through the console adapter.
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library.ts';
import type { Library } from '../../src/search/types.ts';
import { UserInputError } from '../../src/search/types.ts';
import {
  ConsoleAutocompleteInteraction,
  ConsoleButtonInteraction,
  ConsoleChannel,
  ConsoleSlashInteraction,
  CONSOLE_USER,
} from '../../src/discord/console/adapter.ts';
import { runAutocomplete, runButton, runCommand } from '../../src/discord/dispatch.ts';
import { loadCommands } from '../../src/discord/registry.ts';
import { handleMention, questionIn } from '../../src/discord/mentions.ts';
import { respondPrivately } from '../../src/discord/respond.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { LIMITS } from '../../src/discord/limits.ts';
import { SEEDS, testContext, testLogger } from '../helpers.ts';
import { bold, PRIVATE, session } from './helpers.ts';

let library: Library;
let commands: CommandModule[];

beforeAll(async () => {
  library = await openLibrary({ corpusDir: SEEDS });
  commands = await loadCommands();
});

const identity = (id: string, moderator = false) => ({ locale: 'zh-CN', user: { id, username: `u${id}` }, moderator, roleIds: [] });

describe('/search paging', () => {
  it('next and prev page through the results', async () => {
    const { session: s, out } = await session({ library });
    await s.run('/search query:工业互联网 limit:2');
    expect(out.at(-1)).toContain('显示第 1–2 条');
    expect(s.latestButtons().map((b) => b.disabled)).toEqual([true, false]);
    const next = s.latestButtons()[1]!;
    expect(next.customId.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(await s.press(next.customId)).toBe(0);
    expect(out.at(-1)).toContain('显示第 3–4 条');
    expect(out.at(-1)).toContain(bold('3.'));
    await s.press(s.latestButtons()[0]!.customId);
    expect(out.at(-1)).toContain('显示第 1–2 条');
    s.close();
  });

  it('only the person who searched can page; others get a private notice', async () => {
    const { session: s, out } = await session({ library });
    await s.run('/search query:工业互联网 limit:2');
    const next = s.latestButtons()[1]!;
    const channel = new ConsoleChannel((sent) => out.push(`${sent.ephemeral ? 'private' : 'public'}:${sent.payload?.content ?? ''}`));
    const stranger = new ConsoleButtonInteraction(next.customId, 'console-message-1', channel, identity('999999999999999999'));
    await runButton(stranger, s.ctx);
    expect(out.at(-1)).toBe('private:只有发起这次搜索的人可以翻页。你可以自己运行 /search。');
    s.close();
  });

  it('an unreadable button id disables the buttons and says to search again', async () => {
    const { session: s } = await session({ library });
    const sent: { kind: string; ephemeral: boolean; text: string }[] = [];
    const channel = new ConsoleChannel((x) => sent.push({ kind: x.kind, ephemeral: x.ephemeral, text: JSON.stringify(x.payload) }));
    await runButton(new ConsoleButtonInteraction('search:n:100000000000000001:5:~zzzz', 'm1', channel, identity(CONSOLE_USER.id)), s.ctx);
    expect(sent[0]!.kind).toBe('update');
    expect(sent[0]!.text).toContain('"disabled":true');
    expect(sent[1]).toMatchObject({ kind: 'followUp', ephemeral: true });
    expect(sent[1]!.text).toContain('过期');
    s.close();
  });

  it('schedules the buttons to be disabled, and forgets the timer on close', async () => {
    const { session: s } = await session({ library });
    await s.run('/search query:工业互联网 limit:2');
    expect(s.ctx.paging.pending).toBe(1);
    s.close();
    expect(s.ctx.paging.pending).toBe(0);
  });
});

describe('autocomplete', () => {
  const ctx = () => testContext({ library, commands });

  it('/summary suggests titles with ids as values, within Discord limits', async () => {
    const ac = new ConsoleAutocompleteInteraction('summary', { name: 'article', value: '数据交易' }, identity('1'));
    await runAutocomplete(ac, ctx());
    expect(ac.choices[0]).toEqual({ name: '工信部部长肖亚庆：探索建设数据交易平台', value: '001_726417858a363bf0.txt' });
    expect(ac.choices.length).toBeLessThanOrEqual(LIMITS.autocompleteChoices);
  });

  it('/search suggests sources with counts', async () => {
    const ac = new ConsoleAutocompleteInteraction('search', { name: 'source', value: '新' }, identity('1'));
    await runAutocomplete(ac, ctx());
    expect(ac.choices).toContainEqual({ name: '新华社 (2)', value: '新华社' });
    expect(ac.choices.every((c) => c.value.startsWith('新') || c.value.includes('新'))).toBe(true);
  });

  it('a failing autocomplete still answers, with no choices', async () => {
    const broken = { ...commands.find((c) => c.data.name === 'summary')!, autocomplete: () => Promise.reject(new Error('boom')) };
    const ac = new ConsoleAutocompleteInteraction('summary', { name: 'article', value: 'x' }, identity('1'));
    await runAutocomplete(ac, { ...ctx(), commands: [broken] });
    expect(ac.responded).toBe(true);
    expect(ac.choices).toEqual([]);
  });
});

describe('errors never escape a handler', () => {
  const failing = (error: Error, deferFirst: boolean): CommandModule => ({
    data: new SlashCommandBuilder().setName('fails').setDescription('always fails'),
    execute: async (interaction) => {
      if (deferFirst) await interaction.deferReply();
      throw error;
    },
  });

  async function runFailing(error: Error, deferFirst: boolean) {
    const sent: { kind: string; ephemeral: boolean; content: string | undefined }[] = [];
    const channel = new ConsoleChannel((x) => sent.push({ kind: x.kind, ephemeral: x.ephemeral, content: x.payload?.content }));
    const command = failing(error, deferFirst);
    const ctx = testContext({ library, commands: [command] });
    const outcome = await runCommand(new ConsoleSlashInteraction(command, new Map(), channel, identity('1')), ctx);
    return { outcome, sent };
  }

  it('a crash becomes a short private message', async () => {
    const { outcome, sent } = await runFailing(new Error('database exploded at /secret/path'), false);
    expect(outcome).toBe('failed');
    expect(sent).toEqual([{ kind: 'reply', ephemeral: true, content: '出错了，请稍后再试。错误已记录。' }]);
  });

  it('after a public deferral, the placeholder is removed and the error sent privately', async () => {
    const { sent } = await runFailing(new UserInputError('bad-date', 'bad'), true);
    expect(sent.map((s) => [s.kind, s.ephemeral])).toEqual([
      ['delete', false],
      ['followUp', true],
    ]);
    expect(sent[1]!.content).toBe('日期格式应为 YYYY-MM-DD，例如 2021-11-20。');
  });

  it('a Discord error while replying (interaction expired) is logged, not thrown', async () => {
    const expired = Object.assign(new Error('Unknown interaction'), { code: 10062 });
    const interaction = {
      locale: 'zh-CN',
      user: CONSOLE_USER,
      deferred: false,
      replied: false,
      ephemeral: null,
      reply: () => Promise.reject(expired),
      editReply: () => Promise.reject(expired),
      followUp: () => Promise.reject(expired),
      deleteReply: () => Promise.reject(expired),
    };
    const { logger, lines: logged } = testLogger('warn');
    await expect(respondPrivately(interaction, 'x', logger)).resolves.toBeUndefined();
    expect(logged).toEqual([expect.objectContaining({ code: 10062, msg: 'could not send an error message' })]);
  });

  it('the console adapter refuses a second reply, as Discord does (40060)', async () => {
    const command = commands.find((c) => c.data.name === 'sources')!;
    const interaction = new ConsoleSlashInteraction(command, new Map(), new ConsoleChannel(), identity('1'));
    await interaction.reply({ content: 'one', allowedMentions: { parse: [], repliedUser: false } });
    await expect(
      interaction.reply({ content: 'two', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [], repliedUser: false } }),
    ).rejects.toMatchObject({ code: 40060 });
  });
});

describe('mentions', () => {
  const BOT = '555555555555555555';

  it('finds the question in a message that mentions the bot', () => {
    expect(questionIn(`<@${BOT}> 工信部部长是谁？`, BOT)).toBe('工信部部长是谁？');
    expect(questionIn(`请问 <@!${BOT}>  工信部部长是谁？`, BOT)).toBe('请问 工信部部长是谁？');
    expect(questionIn('<@123456789012345678> 你好', BOT)).toBeNull();
    expect(questionIn(`<@${BOT}>`, BOT)).toBe('');
  });

  it('answers with no pings, and ignores bots', async () => {
    const replies: unknown[] = [];
    const message = (content: string, bot = false) => ({
      id: '1',
      content,
      author: { id: '2', bot },
      guild: { preferredLocale: 'zh-CN' },
      reply: (p: unknown) => Promise.resolve(void replies.push(p)),
    });
    const ctx = testContext({ library, commands });
    await handleMention(message(`<@${BOT}> 工信部部长是谁？`), BOT, ctx);
    await handleMention(message(`<@${BOT}> 工信部部长是谁？`, true), BOT, ctx);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ allowedMentions: { parse: [], repliedUser: false } });
    expect((replies[0] as { content: string }).content).toMatch(/肖亚庆|肖亞慶/);
  });

  it('go to the command that declares answerMention; a failure there is a short reply, with none there no reply', async () => {
    const replies: { content?: string }[] = [];
    const message = {
      id: '1',
      content: `<@${BOT}> 工信部部长是谁？`,
      author: { id: '2', bot: false },
      guild: { preferredLocale: 'zh-CN' },
      reply: (p: { content?: string }) => Promise.resolve(void replies.push(p)),
    };
    const ask = commands.find((c) => c.data.name === 'ask')!;
    const failing = {
      ...ask,
      answerMention: () => {
        throw new Error('index gone at /secret/path');
      },
    };
    await handleMention(message, BOT, testContext({ library, commands: [failing] }));
    expect(replies).toEqual([expect.objectContaining({ content: '出错了，请稍后再试。错误已记录。' })]);
    const notAnswering = { data: ask.data, execute: ask.execute };
    await handleMention(message, BOT, testContext({ library, commands: [notAnswering] }));
    expect(replies).toHaveLength(1);
  });
});

describe('console output', () => {
  it('marks private replies', async () => {
    const { session: s, out } = await session({ library, moderator: false });
    await s.run('/reload');
    expect(out[0]!.startsWith(PRIVATE)).toBe(true);
    s.close();
  });
});
