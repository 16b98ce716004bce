import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.ts';
import { intentsFor } from '../../src/discord/client.ts';
import { REPO } from '../helpers.ts';

const OK = { DISCORD_TOKEN: 'fake.token.value', DISCORD_CLIENT_ID: '123456789012345678' };

function problems(env: Record<string, string>, purpose: 'bot' | 'deploy' | 'console' = 'bot'): string[] {
  try {
    loadConfig(env, purpose, REPO);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('loadConfig', () => {
  it('has defaults for everything optional', () => {
    const config = loadConfig(OK, 'bot', REPO);
    expect(config.corpusDir).toBe(path.join(REPO, 'seeds'));
    expect(config.logLevel).toBe('info');
    expect(config.answerMentions).toBe(false);
    expect(config.moderatorRoleIds).toEqual([]);
    expect(config.globalRequestsPerSecond).toBe(50);
    expect(config.snapshotDir).toBe(path.join(REPO, '.cache', 'snapshots'));
    expect(config.apiUrl).toBeNull();
    expect(config.guildId).toBeNull();
    expect(config.shardCount).toBeNull();
    expect(config.shardMode).toBe('internal');
  });

  it('a missing token says what to set and how to try the console', () => {
    const [problem] = problems({});
    expect(problem).toContain('DISCORD_TOKEN');
    expect(problem).toContain('.env');
    expect(problem).toContain('npm run cli -- "/ask question:');
  });

  it('the console needs no token', () => {
    expect(problems({}, 'console')).toEqual([]);
  });

  it('deploying needs the client id', () => {
    expect(problems({ DISCORD_TOKEN: 'x' }, 'deploy').join('\n')).toContain('DISCORD_CLIENT_ID');
    expect(problems(OK, 'deploy')).toEqual([]);
  });

  it('rejects a bad MODERATOR_ROLE_IDS entry by name and keeps good ones', () => {
    expect(problems({ ...OK, MODERATOR_ROLE_IDS: '123456789012345678,mods' }).join('\n')).toContain('"mods"');
    const config = loadConfig({ ...OK, MODERATOR_ROLE_IDS: ' 123456789012345678 , 223456789012345678,' }, 'bot', REPO);
    expect(config.moderatorRoleIds).toEqual(['123456789012345678', '223456789012345678']);
  });

  it('reads the corpus limits, in megabytes, characters and milliseconds', () => {
    const config = loadConfig(
      {
        ...OK,
        CORPUS_MAX_FILE_MB: '0.5',
        CORPUS_MAX_ARTICLE_CHARS: '2000',
        CORPUS_MAX_HTML_DEPTH: '50',
        CORPUS_MAX_HTML_NODES: '900',
        CORPUS_PARSE_TIMEOUT_MS: '250',
        CORPUS_FOLLOW_SYMLINKS: 'yes',
      },
      'bot',
      REPO,
    );
    expect(config.corpusRead).toEqual({
      followSymlinks: true,
      maxFileBytes: 524_288,
      maxArticleChars: 2000,
      maxHtmlDepth: 50,
      maxHtmlNodes: 900,
      parseTimeoutMs: 250,
    });
    expect(loadConfig(OK, 'bot', REPO).corpusRead).toMatchObject({ followSymlinks: false, maxFileBytes: 5 * 1024 * 1024, maxArticleChars: 100_000 });
  });

  it('turns snapshots off or puts them where asked', () => {
    expect(loadConfig({ ...OK, SNAPSHOT_DIR: 'off' }, 'bot', REPO).snapshotDir).toBeNull();
    expect(loadConfig({ ...OK, SNAPSHOT_DIR: '/var/cache/bot' }, 'bot', REPO).snapshotDir).toBe('/var/cache/bot');
  });

  it('takes a raised global rate limit and rejects a nonsense one', () => {
    expect(loadConfig({ ...OK, DISCORD_GLOBAL_RATE_LIMIT: '500' }, 'bot', REPO).globalRequestsPerSecond).toBe(500);
    expect(problems({ ...OK, DISCORD_GLOBAL_RATE_LIMIT: 'fast' })).toEqual([expect.stringMatching(/^DISCORD_GLOBAL_RATE_LIMIT must be a whole number/)]);
  });

  it('takes a shard count or auto, and a shard mode, and rejects others by name', () => {
    const config = loadConfig({ ...OK, SHARD_COUNT: '3', SHARD_MODE: 'Process' }, 'bot', REPO);
    expect([config.shardCount, config.shardMode]).toEqual([3, 'process']);
    expect(loadConfig({ ...OK, SHARD_COUNT: 'AUTO' }, 'bot', REPO).shardCount).toBe('auto');
    expect(problems({ ...OK, SHARD_COUNT: '0', SHARD_MODE: 'cluster' })).toEqual([
      expect.stringMatching(/^SHARD_COUNT must be a whole number of shards .* or auto; got "0"/),
      'SHARD_MODE must be internal or process; got "cluster".',
    ]);
    expect(problems({ ...OK, SHARD_COUNT: '2.5' })).toHaveLength(1);
  });

  it('reports every problem at once', () => {
    const found = problems({
      DISCORD_GUILD_ID: 'abc',
      LOG_LEVEL: 'loud',
      DISCORD_API_URL: 'ftp://x',
      ANSWER_MENTIONS: 'maybe',
      CORPUS_DIR: 'no-such-folder',
      CORPUS_FOLLOW_SYMLINKS: 'perhaps',
      CORPUS_MAX_FILE_MB: '0',
      CORPUS_PARSE_TIMEOUT_MS: '1.5',
      SNAPSHOT_WRITE_TIMEOUT_MS: 'soon',
    });
    expect(found).toHaveLength(10);
    for (const name of [
      'DISCORD_TOKEN',
      'DISCORD_GUILD_ID',
      'LOG_LEVEL',
      'DISCORD_API_URL',
      'ANSWER_MENTIONS',
      'CORPUS_DIR',
      'CORPUS_FOLLOW_SYMLINKS',
      'CORPUS_MAX_FILE_MB',
      'CORPUS_PARSE_TIMEOUT_MS',
      'SNAPSHOT_WRITE_TIMEOUT_MS',
    ]) {
      expect(found.some((p) => p.includes(name))).toBe(true);
    }
  });

  it('reads switches and the API base', () => {
    const config = loadConfig({ ...OK, ANSWER_MENTIONS: 'TRUE', DISCORD_API_URL: 'http://127.0.0.1:9/api/', LOG_LEVEL: 'Debug' }, 'bot', REPO);
    expect(config.answerMentions).toBe(true);
    expect(config.apiUrl).toBe('http://127.0.0.1:9/api');
    expect(config.logLevel).toBe('debug');
  });
});

describe('gateway intents', () => {
  it('are Guilds only unless mentions are answered', () => {
    expect(intentsFor({ answerMentions: false })).toEqual([GatewayIntentBits.Guilds]);
    expect(intentsFor({ answerMentions: true })).toEqual(
      expect.arrayContaining([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]),
    );
  });
});

describe('npm start without a token', () => {
  it('exits with code 1 and points to the console', () => {
    // An empty folder as cwd, so no developer's .env is picked up.
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'bot-no-token-'));
    const env = { PATH: process.env.PATH ?? '', HOME: cwd };
    const tsx = pathToFileURL(path.join(REPO, 'node_modules/tsx/dist/esm/index.mjs')).href;
    const result = spawnSync(process.execPath, ['--import', tsx, path.join(REPO, 'src/bot.ts')], {
      cwd,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN is not set');
    expect(result.stderr).toContain('npm run cli');
  });
});
