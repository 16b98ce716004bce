// Configuration comes only from the environment (loaded from .env by dotenv in the entry
// points). Everything is checked at start-up, and every problem is reported at once
// with what to set.
import { statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_READ_OPTIONS, MB, type CorpusReadOptions } from '../corpus/load.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** null only when the caller did not need it (the console). */
  token: string | null;
  clientId: string | null;
  guildId: string | null;
  corpusDir: string;
  /** How the corpus folder is read: symbolic links, limits. */
  corpusRead: CorpusReadOptions;
  moderatorRoleIds: string[];
  logLevel: LogLevel;
  /** REST base for discord.js `rest.api`, e.g. `http://127.0.0.1:8080/api`; null = Discord. */
  apiUrl: string | null;
  answerMentions: boolean;
  /** Folder for index snapshots (fast restarts); null = off. */
  snapshotDir: string | null;
  /** A snapshot write that takes longer is abandoned with a warning. */
  snapshotTimeoutMs: number;
  /** REST requests per second across all routes; Discord's default is 50 (raised for large bots on request). */
  globalRequestsPerSecond: number;
  /** SHARD_COUNT: gateway shards, 'auto' = as Discord recommends; null = unsharded (one shard, as before). */
  shardCount: number | 'auto' | null;
  /** SHARD_MODE: all shards in this process, or one process per shard under discord.js's ShardingManager. */
  shardMode: ShardMode;
}

export const SHARD_MODES = ['internal', 'process'] as const;
export type ShardMode = (typeof SHARD_MODES)[number];

/** What the entry point needs: the bot needs a token, deploying also needs the client id. */
export type ConfigPurpose = 'bot' | 'deploy' | 'console';

export const CONSOLE_HINT = 'To try the bot without Discord, use the console: npm run cli -- "/ask question:工信部部长是谁？"';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

const SNOWFLAKE = /^\d{17,20}$/;
/** Snapshots of the index, so a restart with an unchanged corpus skips the build. */
const DEFAULT_SNAPSHOT_DIR = '.cache/snapshots';
/** Default deadline for writing one snapshot; 10,000 articles take about a second. */
export const SNAPSHOT_WRITE_TIMEOUT_MS = 60_000;
const OFF_WORDS = new Set(['off', 'none', 'false', '0']);
/** Discord's global REST limit for a bot, unless Discord raised it for yours. */
const DEFAULT_GLOBAL_RATE_LIMIT = 50;
const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
/** A sanity bound: Discord's largest bots run a few thousand shards. */
const MAX_SHARDS = 10_000;
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off', '']);

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env, purpose: ConfigPurpose, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? null : v;
  };

  const token = get('DISCORD_TOKEN');
  if (token === null && purpose !== 'console') {
    problems.push(
      'DISCORD_TOKEN is not set. Copy .env.example to .env and put the bot token from ' +
        'https://discord.com/developers/applications (Bot → Reset Token) there. ' +
        CONSOLE_HINT,
    );
  } else if (token !== null && /\s/.test(token)) {
    problems.push('DISCORD_TOKEN contains spaces; paste the token alone, without "Bot " or quotes.');
  }

  const snowflake = (name: string, required: boolean) => {
    const v = get(name);
    if (v === null) {
      if (required) problems.push(`${name} is not set. It is the Application ID on the developer portal's General Information page.`);
      return null;
    }
    if (!SNOWFLAKE.test(v)) problems.push(`${name} must be a Discord id (17–20 digits), got "${v}".`);
    return v;
  };
  const clientId = snowflake('DISCORD_CLIENT_ID', purpose === 'deploy');
  const guildId = snowflake('DISCORD_GUILD_ID', false);

  const corpusDir = path.resolve(cwd, get('CORPUS_DIR') ?? 'seeds');
  if (!isDirectory(corpusDir)) problems.push(`CORPUS_DIR: "${corpusDir}" is not a folder. Set CORPUS_DIR to the folder of article files (default: seeds).`);

  const corpusRead = corpusReadOptionsFrom(env, problems);

  const moderatorRoleIds: string[] = [];
  for (const part of (get('MODERATOR_ROLE_IDS') ?? '').split(',')) {
    const id = part.trim();
    if (id === '') continue;
    if (SNOWFLAKE.test(id)) moderatorRoleIds.push(id);
    else problems.push(`MODERATOR_ROLE_IDS must be role ids (17–20 digits) separated by commas; "${id}" is not one.`);
  }

  const level = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel = (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'info';
  if (logLevel !== level) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${level}".`);

  const apiUrl = get('DISCORD_API_URL');
  if (apiUrl !== null && !isHttpUrl(apiUrl)) problems.push(`DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api; got "${apiUrl}".`);

  const mentions = (get('ANSWER_MENTIONS') ?? '').toLowerCase();
  if (!TRUE_WORDS.has(mentions) && !FALSE_WORDS.has(mentions)) {
    problems.push(`ANSWER_MENTIONS must be true or false; got "${mentions}".`);
  }

  const snapshotSetting = get('SNAPSHOT_DIR') ?? DEFAULT_SNAPSHOT_DIR;
  const snapshotDir = OFF_WORDS.has(snapshotSetting.toLowerCase()) ? null : path.resolve(cwd, snapshotSetting);

  const snapshotTimeoutText = get('SNAPSHOT_WRITE_TIMEOUT_MS') ?? String(SNAPSHOT_WRITE_TIMEOUT_MS);
  const snapshotTimeoutMs = Number(snapshotTimeoutText);
  if (!Number.isInteger(snapshotTimeoutMs) || snapshotTimeoutMs < 1) {
    problems.push(`SNAPSHOT_WRITE_TIMEOUT_MS must be a whole number of milliseconds (default ${SNAPSHOT_WRITE_TIMEOUT_MS}); got "${snapshotTimeoutText}".`);
  }

  const rateText = get('DISCORD_GLOBAL_RATE_LIMIT') ?? String(DEFAULT_GLOBAL_RATE_LIMIT);
  const globalRequestsPerSecond = Number(rateText);
  if (!Number.isInteger(globalRequestsPerSecond) || globalRequestsPerSecond < 1) {
    problems.push(`DISCORD_GLOBAL_RATE_LIMIT must be a whole number of requests per second (Discord's default is 50); got "${rateText}".`);
  }

  const shardText = get('SHARD_COUNT')?.toLowerCase() ?? null;
  let shardCount: Config['shardCount'] = null;
  if (shardText === 'auto') shardCount = 'auto';
  else if (shardText !== null) {
    shardCount = Number(shardText);
    if (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > MAX_SHARDS) {
      problems.push(`SHARD_COUNT must be a whole number of shards (1–${MAX_SHARDS}) or auto; got "${shardText}".`);
    }
  }
  const modeText = (get('SHARD_MODE') ?? 'internal').toLowerCase();
  const shardMode = (SHARD_MODES as readonly string[]).includes(modeText) ? (modeText as ShardMode) : 'internal';
  if (shardMode !== modeText) problems.push(`SHARD_MODE must be ${SHARD_MODES.join(' or ')}; got "${modeText}".`);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    token,
    clientId,
    guildId,
    corpusDir,
    corpusRead,
    moderatorRoleIds,
    logLevel,
    apiUrl: apiUrl === null ? null : apiUrl.replace(/\/+$/, ''),
    answerMentions: TRUE_WORDS.has(mentions),
    globalRequestsPerSecond,
    snapshotDir,
    snapshotTimeoutMs,
    shardCount,
    shardMode,
  };
}

/**
 * The CORPUS_* settings on how files are read; problems are added to `problems`. The console's
 * subcommands, which take the folder from --corpus, read them here too.
 */
export function corpusReadOptionsFrom(env: Env, problems: string[]): CorpusReadOptions {
  const follow = (env.CORPUS_FOLLOW_SYMLINKS?.trim() ?? '').toLowerCase();
  if (!TRUE_WORDS.has(follow) && !FALSE_WORDS.has(follow)) {
    problems.push(`CORPUS_FOLLOW_SYMLINKS must be true or false; got "${follow}".`);
  }
  const limit = (name: string, fallback: number, unit: string, whole = true): number => {
    const text = env[name]?.trim() || String(fallback);
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || (whole && !Number.isInteger(value))) {
      problems.push(`${name} must be a ${whole ? 'whole ' : ''}number of ${unit} above 0 (default ${fallback}); got "${text}".`);
      return fallback;
    }
    return value;
  };
  const d = DEFAULT_READ_OPTIONS;
  return {
    followSymlinks: TRUE_WORDS.has(follow),
    maxFileBytes: Math.round(limit('CORPUS_MAX_FILE_MB', d.maxFileBytes / MB, 'megabytes', false) * MB),
    maxHtmlDepth: limit('CORPUS_MAX_HTML_DEPTH', d.maxHtmlDepth, 'levels'),
    maxHtmlNodes: limit('CORPUS_MAX_HTML_NODES', d.maxHtmlNodes, 'elements'),
    parseTimeoutMs: limit('CORPUS_PARSE_TIMEOUT_MS', d.parseTimeoutMs, 'milliseconds'),
    maxArticleChars: limit('CORPUS_MAX_ARTICLE_CHARS', d.maxArticleChars, 'characters'),
  };
}

/** corpusReadOptionsFrom, throwing ConfigError on a bad setting. */
export function corpusReadOptionsOrThrow(env: Env): CorpusReadOptions {
  const problems: string[] = [];
  const options = corpusReadOptionsFrom(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return options;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
