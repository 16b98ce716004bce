// The real entry point, `tsx src/bot.ts`, as a child process pointed at the fake Discord
// with DISCORD_API_URL: it logs in, answers, and stops cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadCommands } from '../../src/discord/registry.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { REPO, SEEDS, TOKEN } from './helpers.ts';

let discord: FakeDiscord | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await discord?.close();
});

it('npm start’s entry point serves the fake Discord and exits 0 on SIGTERM', async () => {
  discord = await startFakeDiscord({ token: TOKEN });
  const output: string[] = [];
  child = spawn(process.execPath, [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'src/bot.ts'], {
    cwd: REPO,
    // Only what the bot needs: no .env from the developer's machine can leak in (dotenv never overrides).
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: discord.apiBase, CORPUS_DIR: SEEDS, LOG_LEVEL: 'info', ANSWER_MENTIONS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = once(child, 'exit');

  await discord.waitFor(() => output.join('').includes('"bot ready"'), 30_000, 'the bot process to log "bot ready"');
  await deployCommands({ token: TOKEN, clientId: discord.applicationId, guildId: discord.guild.id, apiUrl: discord.apiBase }, await loadCommands());
  const ask = await (await discord.sendInteraction(discord.slashCommand('ask', { question: '工信部部长是谁？' }))).waitForFinal();
  expect(String(ask.original?.content), output.join('')).toContain('肖亚庆');

  child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  const logs = output.join('');
  expect(code).toBe(0);
  expect(logs).toContain('"shutting down"');
  expect(logs).toContain('"bot stopped"');
  await discord.waitFor(() => !discord!.gateway.live, 5_000, 'the gateway connection to close');
  expect(discord.violations).toEqual([]);
}, 60_000);
