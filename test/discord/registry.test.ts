import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { definitionOf } from '../../src/discord/command.ts';
import { COMMANDS_DIR, CommandLoadError, loadCommands } from '../../src/discord/registry.ts';
import { LIMITS } from '../../src/discord/limits.ts';
import { RESULT_LIMITS } from '../../src/search/result-limits.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'commands-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const commandFile = (name: string, extra = '') =>
  `export const data = { name: '${name}', toJSON: () => ({ name: '${name}', description: 'd' }) };\nexport const execute = async () => {};\n${extra}`;

describe('command registry', () => {
  it('loads one command per file in commands/', async () => {
    const commands = await loadCommands();
    const files = readdirSync(COMMANDS_DIR)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
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
        for (const text of [item.description, ...Object.values(item.description_localizations ?? {})]) expect(text).not.toMatch(/\{\w+\}/);
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

  it('option ranges in descriptions are the constants the options use', async () => {
    const search = (await loadCommands()).find((c) => c.data.name === 'search')!;
    const limit = definitionOf(search).options!.find((o) => o.name === 'limit')!;
    const { max, default: byDefault } = RESULT_LIMITS.page;
    expect(limit).toMatchObject({ min_value: 1, max_value: max });
    const range = `1–${max}`;
    expect(limit.description).toContain(`${range}，默认 ${byDefault}`);
    expect(limit.description_localizations?.['zh-TW']).toContain(`${range}，預設 ${byDefault}`);
    expect(limit.description_localizations?.['en-US']).toContain(`${range}, default ${byDefault}`);
  });

  it('moderatorOnly comes from the module: only /reload declares it, and Discord gets Manage Server for it', async () => {
    const commands = await loadCommands();
    expect(commands.filter((c) => c.moderatorOnly).map((c) => c.data.name)).toEqual(['reload']);
    for (const c of commands) {
      expect(definitionOf(c).default_member_permissions ?? null).toBe(c.moderatorOnly ? String(PermissionFlagsBits.ManageGuild) : null);
    }
    const dir = tempDir();
    writeFileSync(path.join(dir, 'mod.ts'), commandFile('mod', 'export const moderatorOnly = true;\n'));
    writeFileSync(path.join(dir, 'open.ts'), commandFile('open'));
    const [mod, open] = await loadCommands(dir);
    expect([mod?.moderatorOnly, open?.moderatorOnly]).toEqual([true, undefined]);
    expect(definitionOf(mod!).default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
  });

  it('a moderatorOnly that is not true or false is an error naming the file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'odd.ts'), commandFile('odd', "export const moderatorOnly = 'yes';\n"));
    await expect(loadCommands(dir)).rejects.toThrow(new CommandLoadError('odd.ts: moderatorOnly must be true or false'));
  });

  it('only /ask answers mentions, and two commands answering them are an error', async () => {
    expect((await loadCommands()).filter((c) => c.answerMention).map((c) => c.data.name)).toEqual(['ask']);
    const dir = tempDir();
    const answering = 'export const answerMention = () => ({ content: "x", allowedMentions: { parse: [], repliedUser: false } });\n';
    writeFileSync(path.join(dir, 'a.ts'), commandFile('a', answering));
    writeFileSync(path.join(dir, 'b.ts'), commandFile('b', answering));
    await expect(loadCommands(dir)).rejects.toThrow('two commands answer mentions (b.ts and another)');
  });
});
