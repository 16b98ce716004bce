// The real entry point, `tsx src/bot.ts`, as a child process pointed at the fake Discord
// with DISCORD_API_URL: it logs in, answers, and stops cleanly on SIGTERM.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadCommands } from '../../src/discord/registry.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { spawnBot, TOKEN, type BotProcess } from './helpers.ts';

let discord: FakeDiscord | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await discord?.close();
});

it('npm start’s entry point serves the fake Discord, exits 0 on SIGTERM, and restarts from its snapshot', async () => {
  discord = await startFakeDiscord({ token: TOKEN });
  const snapshots = await mkdtemp(path.join(os.tmpdir(), 'e2e-snapshots-'));
  bot = await spawnBot(discord, { SNAPSHOT_DIR: snapshots });
  expect(bot.output()).toContain('"index snapshot saved"');
  await deployCommands({ token: TOKEN, clientId: discord.applicationId, guildId: discord.guild.id, apiUrl: discord.apiBase }, await loadCommands());
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
