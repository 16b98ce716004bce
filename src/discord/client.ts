// The running bot: configuration, library, commands and a discord.js client wired
// together. Tests start it against a fake Discord through DISCORD_API_URL.
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type ClientOptions, type Interaction } from 'discord.js';
import { loadConfig, type Config } from '../config/env.ts';
import { openLibrary } from '../library.ts';
import { SegmenterThread } from '../search/segmenter.ts';
import { createLogger, type Logger } from '../log.ts';
import type { Library } from '../search/types.ts';
import type { CommandContext, CommandModule } from './command.ts';
import { runAutocomplete, runButton, runCommand } from './dispatch.ts';
import { NO_MENTIONS } from './interaction.ts';
import { handleMention } from './mentions.ts';
import { checkDiscordAccess, startupProblem } from './preflight.ts';
import { PagingExpiry } from './paging-expiry.ts';
import { loadCommands } from './registry.ts';
import { ShardFleet } from './shard-fleet.ts';
import { isShardProcess, shardingClientOptions } from './sharding.ts';
import { uploadSafeRequest } from './rest-request.ts';

export interface StartBotOptions {
  /** Overrides CORPUS_DIR. */
  corpusDir?: string;
  /** An already open library (tests); otherwise the corpus folder is loaded. */
  library?: Library;
  logger?: Logger;
  /** Folder of command modules; default commands/. */
  commandsDir?: string;
  /** Merged into the discord.js client options (e.g. rest.globalRequestsPerSecond in tests). */
  clientOptions?: Partial<ClientOptions>;
  /** How long to wait for the gateway's READY; default 30 s. */
  readyTimeoutMs?: number;
}

export interface RunningBot {
  client: Client<true>;
  library: Library;
  commands: readonly CommandModule[];
  config: Config;
  logger: Logger;
  /** Disconnects and clears timers; safe to call twice. */
  stop(): Promise<void>;
}

/** Gateway intents: slash commands need only Guilds; reading mentions needs message content. */
export function intentsFor(config: Pick<Config, 'answerMentions'>): GatewayIntentBits[] {
  return config.answerMentions ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] : [GatewayIntentBits.Guilds];
}

/**
 * Validates `env` (throws ConfigError saying what to set), opens the library, logs in
 * and resolves once the gateway is ready.
 */
export async function startBot(env: Record<string, string | undefined>, options: StartBotOptions = {}): Promise<RunningBot> {
  const config = loadConfig(options.corpusDir ? { ...env, CORPUS_DIR: options.corpusDir } : env, 'bot');
  const shardProcess = isShardProcess();
  const baseLogger = options.logger ?? createLogger(config.logLevel);
  // discord.js gives a shard process its shard id in SHARDS.
  const logger = shardProcess ? baseLogger.child({ shard: Number(process.env.SHARDS) }) : baseLogger;
  // The token is checked while the corpus loads: a wrong one is reported at once.
  const [ownLibrary] = await Promise.all([
    options.library
      ? null
      : openLibrary({
          corpusDir: config.corpusDir,
          read: config.corpusRead,
          snapshotDir: config.snapshotDir,
          snapshotTimeoutMs: config.snapshotTimeoutMs,
          logger: logger.child({ component: 'library' }),
        }),
    checkDiscordAccess(config),
  ]);
  const library: Library = options.library ?? ownLibrary!;
  // The manager starts the next shard process once this one is ready: with the snapshot written, it opens from it.
  if (shardProcess) await ownLibrary?.settled();
  const commands = await loadCommands(options.commandsDir);
  const paging = new PagingExpiry(logger);
  const ctx: CommandContext = { library, logger, moderatorRoleIds: config.moderatorRoleIds, commands, paging };

  const { rest: restOptions, ...otherOptions } = options.clientOptions ?? {};
  const client = new Client({
    intents: intentsFor(config),
    allowedMentions: NO_MENTIONS,
    ...shardingClientOptions(config),
    ...otherOptions,
    rest: {
      globalRequestsPerSecond: config.globalRequestsPerSecond,
      makeRequest: uploadSafeRequest,
      ...restOptions,
      ...(config.apiUrl && { api: config.apiUrl }),
    },
  });

  // A shard process reaches the other shards' libraries through the manager.
  const fleet = client.shard ? new ShardFleet(library, client.shard.ids, logger) : undefined;
  if (fleet) ctx.fleet = fleet;

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    // Every handler catches its own errors; the catch here only guards against a bug in that.
    dispatch(interaction, ctx).catch((err: unknown) => logger.error({ err }, 'interaction handler threw'));
  });
  if (config.answerMentions) {
    client.on(Events.MessageCreate, (message) => {
      if (!client.user) return;
      handleMention(message, client.user.id, ctx).catch((err: unknown) => logger.error({ err }, 'mention handler threw'));
    });
  }
  client.on(Events.Error, (err) => logger.error({ err }, 'discord.js client error'));
  client.on(Events.Warn, (message) => logger.warn({ discord: message }, 'discord.js warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'gateway reconnecting'));
  client.rest.on('rateLimited', (info) => logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    paging.stop();
    fleet?.stop();
    await client.destroy();
    if (ownLibrary) {
      // A reload in progress finishes (its snapshot is written whole); then the tokenizer thread ends.
      await ownLibrary.stopWarmUp();
      await ownLibrary.settled();
      await SegmenterThread.stop();
    }
    logger.info('bot stopped');
  };

  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`the gateway did not become ready within ${timeoutMs} ms`)), timeoutMs);
  try {
    // Both under the one deadline: a login that hangs must not hang start-up.
    const ready = once(client, Events.ClientReady, { signal: abort.signal });
    await Promise.all([client.login(config.token!), ready]);
  } catch (err) {
    await stop();
    throw startupProblem(err, config.apiUrl) ?? err;
  } finally {
    clearTimeout(timer);
  }
  logger.info(
    {
      user: client.user?.tag,
      guilds: client.guilds.cache.size,
      shards: client.options.shards,
      commands: commands.map((c) => c.data.name),
      articles: library.stats().articles,
      mentions: config.answerMentions,
    },
    'bot ready',
  );
  return { client: client as Client<true>, library, commands, config, logger, stop };
}

async function dispatch(interaction: Interaction, ctx: CommandContext): Promise<void> {
  if (interaction.isChatInputCommand()) await runCommand(interaction, ctx);
  else if (interaction.isAutocomplete()) await runAutocomplete(interaction, ctx);
  // Buttons and select menus alike: one with no handler still gets an answer.
  else if (interaction.isMessageComponent()) await runButton(interaction, ctx);
}
