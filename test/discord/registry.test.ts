import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS_DIR, CommandLoadError, loadCommands } from '../../src/discord/registry.ts';
import { LIMITS } from '../../src/discord/limits.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'commands-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const commandFile = (name: string) =>
  `export const data = { name: '${name}', toJSON: () => ({ name: '${name}', description: 'd' }) };\nexport const execute = async () => {};\n`;

describe('command registry', () => {
  it('loads one command per file in commands/', async () => {
    const commands = await loadCommands();
    const files = readdirSync(COMMANDS_DIR).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(commands.map((c) => c.data.name).sort()).toEqual(files.sort());
  });

  it('every command definition is valid for Discord', async () => {
    for (const command of await loadCommands()) {
      const json = command.data.toJSON();
      expect(json.name).toMatch(/^[a-z][a-z0-9_-]{0,31}$/);
      for (const item of [json, ...(json.options ?? [])]) {
        expect(item.description.length).toBeGreaterThan(0);
        expect(item.description.length).toBeLessThanOrEqual(100);
        for (const text of Object.values(item.description_localizations ?? {})) expect(text!.length).toBeLessThanOrEqual(100);
        expect(Object.keys(item.description_localizations ?? {})).toEqual(expect.arrayContaining(['zh-CN', 'zh-TW', 'en-US']));
      }
      expect(command.buttons?.prefix.length ?? 0).toBeLessThan(LIMITS.customId);
    }
  });

  it('a new file is a new command', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'alpha.ts'), commandFile('alpha'));
    writeFileSync(path.join(dir, 'beta.ts'), commandFile('beta'));
    writeFileSync(path.join(dir, 'notes.md'), 'not a command');
    expect((await loadCommands(dir)).map((c) => c.data.name)).toEqual(['alpha', 'beta']);
  });

  it('a file without execute is an error naming it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.ts'), `export const data = { name: 'broken', toJSON: () => ({}) };\n`);
    await expect(loadCommands(dir)).rejects.toThrow(new CommandLoadError('broken.ts must export `data` (a SlashCommandBuilder) and `execute`'));
  });

  it('two files with the same command name are an error', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.ts'), commandFile('same'));
    writeFileSync(path.join(dir, 'b.ts'), commandFile('same'));
    await expect(loadCommands(dir)).rejects.toThrow('two files define the command /same');
  });
});
