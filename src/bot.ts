// npm start: the bot. Configuration from the environment (.env); see .env.example.
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from './config/env.ts';
import { startBot } from './discord/client.ts';
import { StartupError } from './discord/preflight.ts';
import { isShardProcess, startShardManager } from './discord/sharding.ts';
import { createLogger } from './log.ts';

/** A shutdown that hangs (e.g. a stuck socket) is cut off after this. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

dotenv.config({ quiet: true });

let config;
try {
  config = loadConfig(process.env, 'bot');
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : String(err));
  process.exit(1);
}
const logger = createLogger(config.logLevel);

// Log and keep serving: one bad request must not take the bot down for everyone.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
process.on('uncaughtException', (err) => logger.error({ err }, 'uncaught exception'));

let bot: { stop(): Promise<void> } | undefined;
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  await bot?.stop();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
// A shard process whose manager is gone would serve on unsupervised.
if (isShardProcess()) process.once('disconnect', () => void shutdown('disconnect'));

try {
  // SHARD_MODE=process: this process is the manager, and each shard process runs this file again.
  const manager = config.shardMode === 'process' && config.shardCount !== null && !isShardProcess();
  bot = manager ? await startShardManager(config, { logger }) : await startBot(process.env, { logger });
} catch (err) {
  // A wrong setting is one line naming it; anything else keeps its stack for the logs.
  if (err instanceof StartupError) console.error(err.message);
  else logger.fatal({ err }, 'the bot could not start');
  process.exit(1);
}
