// Disables a message's paging buttons shortly before the interaction token that could
// edit it expires. One timer per message; a new page (a button press) restarts it with
// that press's fresh token.
import { PAGING_BUTTONS_TTL_MS } from './limits.ts';
import type { Logger } from '../log.ts';

export class PagingExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly logger: Logger,
    private readonly ttlMs: number = PAGING_BUTTONS_TTL_MS,
  ) {}

  schedule(messageId: string, disable: () => Promise<unknown>): void {
    this.cancel(messageId);
    const timer = setTimeout(() => {
      this.timers.delete(messageId);
      disable().catch((err: unknown) => this.logger.warn({ err, messageId }, 'could not disable paging buttons'));
    }, this.ttlMs);
    timer.unref(); // a pending expiry never keeps the process alive
    this.timers.set(messageId, timer);
  }

  cancel(messageId: string): void {
    const timer = this.timers.get(messageId);
    if (timer) clearTimeout(timer);
    this.timers.delete(messageId);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** On shutdown: forget every timer. */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
