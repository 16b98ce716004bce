// Finds the commands: every module in commands/ is one command, so adding a file adds a
// command to Discord, to /help and to the console. `moderatorOnly` on a module becomes
// Discord's default permission (definitionOf) and dispatch's run-time check.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommandModule } from './command.ts';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

const COMMAND_FILE = /^[^.].*\.(ts|js|mjs)$/;

export class CommandLoadError extends Error {
  override name = 'CommandLoadError';
}

function isCommandModule(m: Record<string, unknown>): m is Record<string, unknown> & CommandModule {
  const data = m.data as { name?: unknown; toJSON?: unknown } | undefined;
  return typeof data?.name === 'string' && typeof data.toJSON === 'function' && typeof m.execute === 'function';
}

/** The commands in `dir`, sorted by name; a malformed file or a duplicate name is an error. */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<CommandModule[]> {
  const files = (await readdir(dir)).filter((f) => COMMAND_FILE.test(f) && !f.endsWith('.d.ts') && !/\.test\./.test(f)).sort();
  const commands: CommandModule[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
    if (!isCommandModule(mod)) throw new CommandLoadError(`${file} must export \`data\` (a SlashCommandBuilder) and \`execute\``);
    const name = mod.data.name;
    if (commands.some((c) => c.data.name === name)) throw new CommandLoadError(`two files define the command /${name}`);
    const prefix = mod.buttons?.prefix;
    if (prefix && commands.some((c) => c.buttons?.prefix === prefix)) throw new CommandLoadError(`two commands use the button prefix "${prefix}"`);
    if (mod.moderatorOnly !== undefined && typeof mod.moderatorOnly !== 'boolean') throw new CommandLoadError(`${file}: moderatorOnly must be true or false`);
    if (mod.answerMention && commands.some((c) => c.answerMention)) throw new CommandLoadError(`two commands answer mentions (${file} and another)`);
    commands.push({
      data: mod.data,
      execute: mod.execute,
      ...(mod.autocomplete && { autocomplete: mod.autocomplete }),
      ...(mod.buttons && { buttons: mod.buttons }),
      ...(mod.moderatorOnly && { moderatorOnly: true }),
      ...(mod.answerMention && { answerMention: mod.answerMention }),
    });
  }
  return commands.sort((a, b) => a.data.name.localeCompare(b.data.name));
}
