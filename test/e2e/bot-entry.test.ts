// The real entry point, `tsx src/bot.ts`, as a child process pointed at the fake Discord
// with DISCORD_API_URL: it logs in, answers, and stops cleanly on SIGTERM.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/discord/i18n.ts';
import { PERMISSION, startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { tempFolder } from '../helpers.ts';
import { registerCommands, spawnBot, startBotProcess, TOKEN, type BotProcess } from './helpers.ts';

let discord: FakeDiscord | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await discord?.close();
  discord = undefined;
  bot = undefined;
});

it('npm start’s entry point serves the fake Discord, exits 0 on SIGTERM, and restarts from its snapshot', async () => {
  discord = await startFakeDiscord({ token: TOKEN });
  const snapshots = await tempFolder('e2e-snapshots-');
  bot = await spawnBot(discord, { SNAPSHOT_DIR: snapshots });
  expect(bot.output()).toContain('"index snapshot saved"');
  await registerCommands(discord);
  const ask = await (await discord.sendInteraction(discord.slashCommand('ask', { question: '工信部部长是谁？' }))).waitForFinal();
  expect(String(ask.original?.content), bot.output()).toContain('肖亚庆');

  const code = await bot.stop();
  const logs = bot.output();
  expect(code).toBe(0);
  expect(logs).toContain('"shutting down"');
  expect(logs).toContain('"bot stopped"');
  await discord.waitFor(() => !discord!.gateway.live, 5_000, 'the gateway connection to close');

  // The corpus is unchanged: the second start loads the index instead of building it.
  bot = await spawnBot(discord, { SNAPSHOT_DIR: snapshots });
  expect(bot.output()).toContain('"index snapshot loaded"');
  expect(bot.output()).not.toContain('"index snapshot saved"');
  const again = await (await discord.sendInteraction(discord.slashCommand('ask', { question: '工信部部长是谁？' }))).waitForFinal();
  expect(String(again.original?.content)).toContain('肖亚庆');
  expect(await bot.stop()).toBe(0);
  await rm(snapshots, { recursive: true, force: true });
  expect(discord.violations).toEqual([]);
}, 90_000);

describe('start-up that says what is wrong', () => {
  it('a token Discord refuses is one line naming DISCORD_TOKEN, and exit code 1', async () => {
    discord = await startFakeDiscord({ token: TOKEN });
    const run = startBotProcess(discord.apiBase, { DISCORD_TOKEN: 'not-the-right-token' });
    expect(await run.exited).toBe(1);
    expect(run.errors().trim().split('\n')).toEqual([expect.stringMatching(/^DISCORD_TOKEN was refused by Discord \(401\)/)]);
    expect(run.output()).not.toMatch(/\n\s+at |"level":60/); // no stack trace, no fatal JSON
  }, 60_000);

  it('an API nobody answers on is one line naming DISCORD_API_URL, and exit code 1', async () => {
    const run = startBotProcess('http://127.0.0.1:9/api', {});
    expect(await run.exited).toBe(1);
    expect(run.errors().trim().split('\n')).toEqual([
      expect.stringMatching(/^Cannot reach the Discord API at http:\/\/127\.0\.0\.1:9\/api \(ECONNREFUSED\): check DISCORD_API_URL/),
    ]);
  }, 60_000);

  it('SNAPSHOT_DIR=/proc/x is a warning at start-up; /reload works and shutdown is clean', async () => {
    discord = await startFakeDiscord({ token: TOKEN });
    bot = await spawnBot(discord, { SNAPSHOT_DIR: '/proc/x' });
    expect(bot.output()).toMatch(/"level":40,.*SNAPSHOT_DIR cannot be written/);
    await registerCommands(discord);
    const reload = await (
      await discord.sendInteraction(discord.slashCommand('reload', {}, { permissions: PERMISSION.ManageGuild }))
    ).waitForFinal(undefined, 20_000);
    expect(reload.text).toContain(t('zh-CN', 'reload.articles', { articles: 5 }));
    expect(await bot.stop()).toBe(0);
    expect(bot.output()).toContain('"bot stopped"');
  }, 60_000);
});
