// Registers the commands with Discord: to one server (instant, for development) when a
// guild id is given, globally otherwise (can take up to an hour to show).
import { REST, Routes } from 'discord.js';
import type { Config } from '../config/env.ts';
import { definitionOf, type CommandModule } from './command.ts';

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

export async function deployCommands(
  config: Pick<Config, 'token' | 'clientId' | 'guildId' | 'apiUrl'>,
  commands: readonly CommandModule[],
): Promise<DeployResult> {
  if (!config.token || !config.clientId) throw new Error('deploying needs DISCORD_TOKEN and DISCORD_CLIENT_ID');
  const rest = new REST({ version: '10', ...(config.apiUrl && { api: config.apiUrl }) }).setToken(config.token);
  const route = config.guildId ? Routes.applicationGuildCommands(config.clientId, config.guildId) : Routes.applicationCommands(config.clientId);
  // PUT replaces the whole set, so a deleted command file disappears from Discord too.
  await rest.put(route, { body: commands.map(definitionOf) });
  return { scope: config.guildId ? 'guild' : 'global', names: commands.map((c) => c.data.name) };
}
