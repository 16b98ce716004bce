// The console's stand-ins for discord.js interactions: they keep the same state rules
// (defer once, reply once, edit only after replying) and record what the bot sends.
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { CommandModule } from '../command.ts';
import type { AutocompleteLike, ButtonLike, EditPayload, InteractionUser, MemberLike, ReplyPayload, SlashInteraction } from '../interaction.ts';

/** The console user: a moderator unless told otherwise. */
export const CONSOLE_USER: InteractionUser = { id: '100000000000000001', username: 'console' };

export interface Sent {
  kind: 'reply' | 'edit' | 'followUp' | 'update' | 'delete';
  messageId: string;
  payload: ReplyPayload | null;
  ephemeral: boolean;
}

/** Runs a stand-in's step as discord.js's methods run theirs: whatever goes wrong rejects, nothing throws. */
function settled<T>(step: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(step())); // a throw in the executor rejects
}

/** Messages the bot "sent" in this console session; the latest version of each. */
export class ConsoleChannel {
  readonly sent: Sent[] = [];
  private nextId = 1;
  /** Latest payload of each message, so its buttons can be pressed. */
  readonly messages = new Map<string, ReplyPayload>();

  constructor(private readonly onSend: (sent: Sent) => void = () => {}) {}

  newMessageId(): string {
    return `console-message-${this.nextId++}`;
  }

  record(sent: Sent): void {
    this.sent.push(sent);
    if (sent.payload) this.messages.set(sent.messageId, { ...this.messages.get(sent.messageId), ...sent.payload });
    else this.messages.delete(sent.messageId);
    this.onSend(sent);
  }
}

/** Errors with the codes Discord gives, so the bot's handling of them is exercised too. */
export class ConsoleDiscordError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleDiscordError';
  }
}

const alreadyAcknowledged = () => new ConsoleDiscordError(40060, 'Interaction has already been acknowledged.');
const notReplied = () => new ConsoleDiscordError(10008, 'The reply to this interaction has not been sent or deferred.');

export interface ConsoleIdentity {
  locale: string;
  user: InteractionUser;
  moderator: boolean;
  /** Roles the console user has: all moderator roles when a moderator. */
  roleIds: readonly string[];
}

abstract class ConsoleReplyable {
  deferred = false;
  replied = false;
  ephemeral: boolean | null = null;
  /** The message that reply/defer created (or, for a button, the message it sits on). */
  protected replyId: string | null = null;

  constructor(
    protected readonly channel: ConsoleChannel,
    protected readonly identity: ConsoleIdentity,
  ) {}

  get locale(): string {
    return this.identity.locale;
  }

  get user(): InteractionUser {
    return this.identity.user;
  }

  reply(payload: ReplyPayload): Promise<unknown> {
    return settled(() => {
      if (this.deferred || this.replied) throw alreadyAcknowledged();
      this.replied = true;
      this.ephemeral = payload.flags === MessageFlags.Ephemeral;
      this.replyId = this.channel.newMessageId();
      this.channel.record({ kind: 'reply', messageId: this.replyId, payload, ephemeral: this.ephemeral });
      return {};
    });
  }

  editReply(payload: EditPayload): Promise<{ id: string }> {
    return settled(() => {
      if ((!this.deferred && !this.replied) || this.replyId === null) throw notReplied();
      this.replied = true;
      this.channel.record({ kind: 'edit', messageId: this.replyId, payload, ephemeral: this.ephemeral === true });
      return { id: this.replyId };
    });
  }

  followUp(payload: ReplyPayload): Promise<unknown> {
    return settled(() => {
      if (!this.deferred && !this.replied) throw notReplied();
      const ephemeral = payload.flags === MessageFlags.Ephemeral;
      this.channel.record({ kind: 'followUp', messageId: this.channel.newMessageId(), payload, ephemeral });
      return {};
    });
  }

  deleteReply(): Promise<unknown> {
    return settled(() => {
      if ((!this.deferred && !this.replied) || this.replyId === null) throw notReplied();
      this.channel.record({ kind: 'delete', messageId: this.replyId, payload: null, ephemeral: this.ephemeral === true });
      return {};
    });
  }
}

export class ConsoleSlashInteraction extends ConsoleReplyable implements SlashInteraction {
  readonly guildId = 'console';
  readonly member: MemberLike;
  readonly memberPermissions: { has(permission: bigint): boolean };
  readonly options: SlashInteraction['options'];

  constructor(
    readonly command: CommandModule,
    values: ReadonlyMap<string, string | number>,
    channel: ConsoleChannel,
    identity: ConsoleIdentity,
  ) {
    super(channel, identity);
    this.member = { roles: identity.moderator ? [...identity.roleIds] : [] };
    this.memberPermissions = { has: (p) => identity.moderator && (p & PermissionFlagsBits.ManageGuild) === p };
    const get = <T extends string | number>(kind: string, name: string, required: boolean | undefined, ok: (v: unknown) => v is T): T | null => {
      const v = values.get(name);
      if (v === undefined) {
        // discord.js's codes, so the user is told which option as in Discord (see respond.ts).
        if (required) throw Object.assign(new TypeError(`Required option "${name}" not found.`), { code: 'CommandInteractionOptionNotFound' });
        return null;
      }
      if (!ok(v)) throw Object.assign(new TypeError(`Option "${name}" is not of type ${kind}.`), { code: 'CommandInteractionOptionType' });
      return v;
    };
    this.options = {
      getString: (name, required) => get('string', name, required, (v): v is string => typeof v === 'string'),
      getInteger: (name, required) => get('integer', name, required, (v): v is number => Number.isInteger(v)),
    };
  }

  get commandName(): string {
    return this.command.data.name;
  }

  deferReply(options?: { flags?: MessageFlags.Ephemeral }): Promise<unknown> {
    return settled(() => {
      if (this.deferred || this.replied) throw alreadyAcknowledged();
      this.deferred = true;
      this.ephemeral = options?.flags === MessageFlags.Ephemeral;
      this.replyId = this.channel.newMessageId();
      return {};
    });
  }
}

export class ConsoleButtonInteraction extends ConsoleReplyable implements ButtonLike {
  readonly message: { id: string };

  constructor(
    readonly customId: string,
    messageId: string,
    channel: ConsoleChannel,
    identity: ConsoleIdentity,
  ) {
    super(channel, identity);
    this.message = { id: messageId };
  }

  deferUpdate(): Promise<unknown> {
    return settled(() => {
      if (this.deferred || this.replied) throw alreadyAcknowledged();
      this.deferred = true;
      this.ephemeral = false;
      this.replyId = this.message.id;
      return {};
    });
  }

  update(payload: EditPayload): Promise<unknown> {
    return settled(() => {
      if (this.deferred || this.replied) throw alreadyAcknowledged();
      this.replied = true;
      this.ephemeral = false;
      // After update, editReply edits the message the button is on, as in discord.js.
      this.replyId = this.message.id;
      this.channel.record({ kind: 'update', messageId: this.message.id, payload, ephemeral: false });
      return {};
    });
  }
}

export class ConsoleAutocompleteInteraction implements AutocompleteLike {
  responded = false;
  choices: { name: string; value: string }[] = [];
  readonly options: AutocompleteLike['options'];

  constructor(
    readonly commandName: string,
    focused: { name: string; value: string },
    private readonly identity: ConsoleIdentity,
  ) {
    this.options = { getFocused: () => focused };
  }

  get locale(): string {
    return this.identity.locale;
  }

  get user(): InteractionUser {
    return this.identity.user;
  }

  respond(choices: { name: string; value: string }[]): Promise<unknown> {
    return settled(() => {
      if (this.responded) throw alreadyAcknowledged();
      this.responded = true;
      this.choices = choices;
      return {};
    });
  }
}
