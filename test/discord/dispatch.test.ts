import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { definitionOf, type CommandModule } from '../../src/discord/command.ts';
import { runCommand } from '../../src/discord/dispatch.ts';
import type { ReplyPayload, SlashInteraction } from '../../src/discord/interaction.ts';
import type { Library } from '../../src/search/types.ts';
import { testContext, testLogger } from '../helpers.ts';

function interaction(commandName = 'boom'): SlashInteraction & { sent: ReplyPayload[] } {
  const sent: ReplyPayload[] = [];
  return {
    sent,
    commandName,
    locale: 'en-US',
    user: { id: '123456789012345678', username: 'tester' },
    guildId: null,
    member: null,
    memberPermissions: null,
    deferred: false,
    replied: false,
    ephemeral: null,
    options: { getString: () => null, getInteger: () => null },
    deferReply() {
      this.deferred = true;
      return Promise.resolve();
    },
    reply(payload) {
      sent.push(payload);
      this.replied = true;
      return Promise.resolve();
    },
    editReply(payload) {
      sent.push(payload);
      return Promise.resolve({ id: '1' });
    },
    followUp(payload) {
      sent.push(payload);
      return Promise.resolve();
    },
    async deleteReply() {},
  };
}

function contextWith(error: Error) {
  const { logger, lines } = testLogger('info');
  const command: CommandModule = {
    data: new SlashCommandBuilder().setName('boom').setDescription('throws'),
    execute: () => Promise.reject(error),
  };
  const ctx = testContext({ library: {} as Library, logger, commands: [command] });
  return { ctx, lines };
}

describe('a command that fails', () => {
  it('tells the user privately and logs the error', async () => {
    const { ctx, lines } = contextWith(new Error('kaput'));
    const i = interaction();
    expect(await runCommand(i, ctx)).toBe('failed');
    expect(i.sent).toHaveLength(1);
    expect(i.sent[0]!.flags).toBeDefined();
    expect(JSON.stringify(lines)).toContain('kaput');
  });

  it('sends nothing more once Discord says the interaction expired (10062)', async () => {
    const { ctx, lines } = contextWith(Object.assign(new Error('Unknown interaction'), { code: 10062 }));
    const i = interaction();
    expect(await runCommand(i, ctx)).toBe('failed');
    expect(i.sent).toHaveLength(0);
    expect(JSON.stringify(lines)).toContain('interaction expired');
  });
});

describe('moderator-only commands', () => {
  const ran: string[] = [];
  const command = (name: string, permission: bigint | null, moderatorOnly?: boolean): CommandModule => ({
    data: new SlashCommandBuilder().setName(name).setDescription('d').setDefaultMemberPermissions(permission),
    execute: async (i) => {
      ran.push(name);
      await i.reply({ content: 'ok', allowedMentions: { parse: [], repliedUser: false } });
    },
    ...(moderatorOnly !== undefined && { moderatorOnly }),
  });
  const run = (c: CommandModule) => runCommand(interaction(c.data.name), testContext({ library: {} as Library, commands: [c] }));

  it('declared with moderatorOnly: Discord hides it (Manage Server) and a non-moderator is refused', async () => {
    const declared = command('purge', null, true);
    expect(definitionOf(declared).default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(await run(declared)).toBe('refused');
    expect(ran).not.toContain('purge');
  });

  it('a default permission without moderatorOnly only sets who sees it: anyone may run it', async () => {
    const visibleToManagers = command('stats', PermissionFlagsBits.ManageMessages);
    expect(definitionOf(visibleToManagers).default_member_permissions).toBe(String(PermissionFlagsBits.ManageMessages));
    expect(await run(visibleToManagers)).toBe('done');
    expect(ran).toContain('stats');
  });

  it('moderatorOnly keeps a stricter default permission the command sets itself', async () => {
    const strict = command('wipe', PermissionFlagsBits.Administrator, true);
    expect(definitionOf(strict).default_member_permissions).toBe(String(PermissionFlagsBits.Administrator));
    expect(await run(strict)).toBe('refused');
  });
});
