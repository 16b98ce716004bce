// One interaction's life as Discord keeps it: the initial callback (once, within
// the deadline), then edits and follow-ups through the interaction token.
import { performance } from 'node:perf_hooks';
import { ApiError } from './errors.ts';
import { checkAutocompleteChoices, checkMessageBody } from './limits.ts';
import { INTERACTION_TYPE, messagePayload, messageText, type FakeUser, type InteractionPayload, type Json } from './payloads.ts';
import type { Changes } from './waiting.ts';

export const CALLBACK_TYPE = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
} as const;

const MESSAGE_FLAG_LOADING = 1 << 7;

// Which callback types Discord accepts for each interaction type.
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  [INTERACTION_TYPE.ApplicationCommand]: [4, 5, 9],
  [INTERACTION_TYPE.MessageComponent]: [4, 5, 6, 7, 9],
  [INTERACTION_TYPE.Autocomplete]: [8],
  [INTERACTION_TYPE.ModalSubmit]: [4, 5, 6, 7],
};

export interface CallbackEvent {
  kind: 'callback';
  type: number;
  data: Json | undefined;
  /** Milliseconds from dispatch to the callback's arrival. */
  ms: number;
}
export interface EditEvent {
  kind: 'edit';
  messageId: string;
  body: Json;
  ms: number;
}
export interface FollowupEvent {
  kind: 'followup';
  message: Json;
  ms: number;
}
export interface DeleteEvent {
  kind: 'delete';
  messageId: string;
  ms: number;
}
/** A call the fake refused the way Discord would (late or repeated callback, edit before callback...). */
export interface RejectedEvent {
  kind: 'rejected';
  what: string;
  status: number;
  ms: number;
}
export type ExchangeEvent = CallbackEvent | EditEvent | FollowupEvent | DeleteEvent | RejectedEvent;

/** How an exchange reports broken rules and shares the messages it creates. */
export interface ExchangeSink {
  violation(rule: string, detail: string, interactionId: string): void;
  remember(message: Json): void;
}

export interface ExchangeOptions {
  botUser: FakeUser;
  callbackDeadlineMs: number;
  changes: Changes;
  sink: ExchangeSink;
}

export interface UploadedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
  /** The bytes, so tests can check what was drawn. */
  data: Buffer;
}

/** A reply is final once there is a callback that is not a bare "thinking…" defer. */
export function hasFinalReply(exchange: InteractionExchange): boolean {
  const callback = exchange.callback;
  if (!callback) return false;
  if (callback.type !== CALLBACK_TYPE.DeferredChannelMessageWithSource && callback.type !== CALLBACK_TYPE.DeferredUpdateMessage) return true;
  return exchange.events.some((e) => e.kind === 'edit' || e.kind === 'followup');
}

export class InteractionExchange {
  readonly payload: InteractionPayload;
  readonly events: ExchangeEvent[] = [];
  /** The first accepted callback. */
  callback: CallbackEvent | undefined;
  /** The @original message as it stands now (undefined before a callback that creates one). */
  original: Json | undefined;
  readonly followups: Json[] = [];
  /** Files attached to the callback, edits and follow-ups, in arrival order. */
  readonly files: UploadedFile[] = [];

  readonly #t0 = performance.now();
  readonly #options: ExchangeOptions;

  constructor(payload: InteractionPayload, options: ExchangeOptions) {
    this.payload = payload;
    this.#options = options;
  }

  get id(): string {
    return this.payload.id;
  }
  get token(): string {
    return this.payload.token;
  }
  /** Autocomplete choices from a type 8 callback. */
  get choices(): Json[] | undefined {
    const choices = this.callback?.type === CALLBACK_TYPE.ApplicationCommandAutocompleteResult ? this.callback.data?.choices : undefined;
    return Array.isArray(choices) ? (choices as Json[]) : undefined;
  }
  /** What a person reads in the @original reply: content plus embed text. */
  get text(): string {
    return messageText(this.original);
  }

  /** Resolves with the first callback; rejects if none arrives within timeoutMs. */
  firstResponse(timeoutMs = 5_000): Promise<CallbackEvent> {
    return this.#options.changes.waitFor(
      () => this.callback,
      timeoutMs,
      () => `the callback of interaction ${this.#describe()}`,
    );
  }

  /**
   * Resolves once the predicate holds (default: a reply that is no longer "thinking…").
   * The predicate sees this exchange and is re-checked on every change.
   */
  waitForFinal(predicate: (exchange: InteractionExchange) => boolean = hasFinalReply, timeoutMs = 10_000): Promise<this> {
    return this.#options.changes.waitFor(
      () => (predicate(this) ? this : undefined),
      timeoutMs,
      () => `a final reply to interaction ${this.#describe()}`,
    );
  }

  #describe(): string {
    const data = this.payload.data;
    const name = typeof data.name === 'string' ? `/${data.name}` : typeof data.custom_id === 'string' ? data.custom_id : '';
    const seen = this.events.map((e) => (e.kind === 'callback' ? `callback ${e.type}` : e.kind)).join(', ') || 'nothing';
    return `${this.id} (${name}); seen: ${seen}`;
  }

  #ms(): number {
    return Math.round((performance.now() - this.#t0) * 10) / 10;
  }

  #reject(what: string, rule: string, error: ApiError, ms: number): never {
    this.events.push({ kind: 'rejected', what, status: error.status, ms });
    this.#options.sink.violation(rule, what, this.id);
    this.#options.changes.notify();
    throw error;
  }

  #botMessage(body: Json, extra: { id?: string; flags?: number } = {}): Json {
    const message = messagePayload({
      ...(extra.id ? { id: extra.id } : {}),
      channelId: this.payload.channel_id,
      guildId: typeof this.payload.guild_id === 'string' ? this.payload.guild_id : null,
      author: this.#options.botUser,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      attachments: Array.isArray(body.attachments) ? body.attachments : [],
      flags: extra.flags ?? (typeof body.flags === 'number' ? body.flags : 0),
      applicationId: this.payload.application_id,
      interactionMetadata: {
        id: this.id,
        type: this.payload.type,
        user: (this.payload.member as Json | undefined)?.user ?? this.payload.user,
        authorizing_integration_owners: this.payload.authorizing_integration_owners,
      },
    });
    this.#options.sink.remember(message);
    return message;
  }

  #checkMessage(body: Json, files: UploadedFile[]): void {
    for (const problem of checkMessageBody(body, files)) this.#options.sink.violation(problem.rule, problem.detail, this.id);
  }

  /** POST /interactions/:id/:token/callback. Returns the with_response body. */
  respond(type: number, data: Json | undefined, files: UploadedFile[]): Json {
    const ms = this.#ms();
    if (this.callback) this.#reject(`second callback (type ${type})`, 'double-callback', ApiError.alreadyAcknowledged(), ms);
    if (ms > this.#options.callbackDeadlineMs) {
      this.#reject(`callback after ${ms} ms (deadline ${this.#options.callbackDeadlineMs} ms)`, 'late-callback', ApiError.unknownInteraction(), ms);
    }
    if (!(ALLOWED_CALLBACKS[this.payload.type] ?? []).includes(type)) {
      this.#reject(
        `callback type ${type} for interaction type ${this.payload.type}`,
        'invalid-callback-type',
        ApiError.invalidBody('interaction response type'),
        ms,
      );
    }
    const body = data ?? {};
    this.files.push(...files);
    if (type === CALLBACK_TYPE.ChannelMessageWithSource || type === CALLBACK_TYPE.UpdateMessage) this.#checkMessage(body, files);
    if (type === CALLBACK_TYPE.ApplicationCommandAutocompleteResult) {
      for (const problem of checkAutocompleteChoices(body)) this.#options.sink.violation(problem.rule, problem.detail, this.id);
    }

    const flags = typeof body.flags === 'number' ? body.flags : 0;
    const componentMessage = this.payload.message as Json | undefined;
    switch (type) {
      case CALLBACK_TYPE.ChannelMessageWithSource:
        this.original = this.#botMessage(body);
        break;
      case CALLBACK_TYPE.DeferredChannelMessageWithSource:
        this.original = this.#botMessage({}, { flags: flags | MESSAGE_FLAG_LOADING });
        break;
      case CALLBACK_TYPE.DeferredUpdateMessage:
        this.original = componentMessage;
        break;
      case CALLBACK_TYPE.UpdateMessage:
        this.original = componentMessage ? this.#edited(componentMessage, body) : undefined;
        if (this.original) this.#options.sink.remember(this.original);
        break;
    }
    this.callback = { kind: 'callback', type, data, ms };
    this.events.push(this.callback);
    this.#options.changes.notify();
    return {
      interaction: {
        id: this.id,
        type: this.payload.type,
        response_message_id: this.original?.id ?? null,
        response_message_loading: type === CALLBACK_TYPE.DeferredChannelMessageWithSource,
        response_message_ephemeral: (flags & 64) !== 0,
      },
      resource: { type, ...(this.original ? { message: this.original } : {}) },
    };
  }

  #edited(message: Json, body: Json): Json {
    const next: Json = { ...message, edited_timestamp: new Date().toISOString() };
    for (const key of ['content', 'embeds', 'components', 'attachments'] as const) {
      if (body[key] !== undefined) next[key] = body[key] ?? (key === 'content' ? '' : []);
    }
    next.flags = (typeof message.flags === 'number' ? message.flags : 0) & ~MESSAGE_FLAG_LOADING;
    return next;
  }

  #find(messageId: string): { message: Json; isOriginal: boolean } {
    if (messageId === '@original' || messageId === this.original?.id) {
      if (!this.original) throw ApiError.unknownMessage();
      return { message: this.original, isOriginal: true };
    }
    const followup = this.followups.find((m) => m.id === messageId);
    if (!followup) throw ApiError.unknownMessage();
    return { message: followup, isOriginal: false };
  }

  /** PATCH /webhooks/:app/:token/messages/:id */
  edit(messageId: string, body: Json, files: UploadedFile[]): Json {
    const ms = this.#ms();
    if (!this.callback) this.#reject(`edit of ${messageId} before any callback`, 'edit-before-callback', ApiError.unknownMessage(), ms);
    this.#checkMessage(body, files);
    this.files.push(...files);
    const { message, isOriginal } = this.#find(messageId);
    const next = this.#edited(message, body);
    if (isOriginal) this.original = next;
    else this.followups.splice(this.followups.indexOf(message), 1, next);
    this.#options.sink.remember(next);
    this.events.push({ kind: 'edit', messageId, body, ms });
    this.#options.changes.notify();
    return next;
  }

  /** POST /webhooks/:app/:token — after a deferred reply, Discord makes the first follow-up fill the "thinking…" message. */
  followup(body: Json, files: UploadedFile[]): Json {
    const ms = this.#ms();
    if (!this.callback) this.#reject('follow-up before any callback', 'followup-before-callback', ApiError.unknownWebhook(), ms);
    this.#checkMessage(body, files);
    this.files.push(...files);
    const loading = this.original && typeof this.original.flags === 'number' && (this.original.flags & MESSAGE_FLAG_LOADING) !== 0;
    let message: Json;
    if (loading && this.original) {
      message = this.#edited(this.original, body);
      this.original = message;
      this.#options.sink.remember(message);
    } else {
      message = this.#botMessage(body);
      this.followups.push(message);
    }
    this.events.push({ kind: 'followup', message, ms });
    this.#options.changes.notify();
    return message;
  }

  get(messageId: string): Json {
    return this.#find(messageId).message;
  }

  delete(messageId: string): void {
    const ms = this.#ms();
    const { message, isOriginal } = this.#find(messageId);
    if (isOriginal) this.original = undefined;
    else this.followups.splice(this.followups.indexOf(message), 1);
    this.events.push({ kind: 'delete', messageId, ms });
    this.#options.changes.notify();
  }
}
