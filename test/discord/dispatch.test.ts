import { Writable } from 'node:stream';
import { SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { CommandModule } from '../../src/discord/command.ts';
import { runCommand } from '../../src/discord/dispatch.ts';
import type { ReplyPayload, SlashInteraction } from '../../src/discord/interaction.ts';
import { PagingExpiry } from '../../src/discord/paging-expiry.ts';
import { createLogger } from '../../src/log.ts';
import type { Library } from '../../src/search/types.ts';

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
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  const command: CommandModule = {
    data: new SlashCommandBuilder().setName('boom').setDescription('throws'),
    execute: () => Promise.reject(error),
  };
  const ctx = { library: {} as Library, logger, moderatorRoleIds: [], commands: [command], paging: new PagingExpiry(logger) };
  return { ctx, lines };
}

describe('a command that fails', () => {
  it('tells the user privately and logs the error', async () => {
    const { ctx, lines } = contextWith(new Error('kaput'));
    const i = interaction();
    expect(await runCommand(i, ctx)).toBe('failed');
    expect(i.sent).toHaveLength(1);
    expect(i.sent[0]!.flags).toBeDefined();
    expect(lines.join('')).toContain('kaput');
  });

  it('sends nothing more once Discord says the interaction expired (10062)', async () => {
    const { ctx, lines } = contextWith(Object.assign(new Error('Unknown interaction'), { code: 10062 }));
    const i = interaction();
    expect(await runCommand(i, ctx)).toBe('failed');
    expect(i.sent).toHaveLength(0);
    expect(lines.join('')).toContain('interaction expired');
  });
});
