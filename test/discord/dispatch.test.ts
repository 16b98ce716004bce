import { SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { CommandModule } from '../../src/discord/command.ts';
import { runCommand } from '../../src/discord/dispatch.ts';
import type { ReplyPayload, SlashInteraction } from '../../src/discord/interaction.ts';
import type { Library } from '../../src/search/types.ts';
import { testContext, testLogger } from '../helpers.ts';

function interaction(): SlashInteraction & { sent: ReplyPayload[] } {
  const sent: ReplyPayload[] = [];
  return {
    sent,
    commandName: 'boom',
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
