// npm run deploy-commands: registers every file in commands/ with Discord.
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from './config/env.ts';
import { deployCommands } from './discord/deploy.ts';
import { loadCommands } from './discord/registry.ts';

dotenv.config({ quiet: true });

try {
  const config = loadConfig(process.env, 'deploy');
  const result = await deployCommands(config, await loadCommands());
  const where = result.scope === 'guild' ? `server ${config.guildId} (shows at once)` : 'all servers (global; may take up to an hour to show)';
  console.log(`Registered ${result.names.length} commands to ${where}: ${result.names.map((n) => `/${n}`).join(' ')}`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Could not register the commands: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
