import { EventEmitter } from 'node:events';

// Predicates may also read state outside the fake (a test's own arrays), so
// waiters re-check on a short poll as well as on every change.
const POLL_MS = 20;

/**
 * What tests wait on: every state change calls notify(), and waitFor()
 * re-checks its predicate on each change (and every POLL_MS).
 */
export class Changes {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  notify(): void {
    this.#emitter.emit('change');
  }

  /** Resolves with the predicate's first truthy value; rejects after timeoutMs with `describe()` in the message. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs: number, describe: () => string): Promise<T> {
    const immediate = predicate();
    if (immediate) return Promise.resolve(immediate);
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        let value: T | undefined | null | false;
        try {
          value = predicate();
        } catch (error) {
          finish();
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- forwards the predicate's own throw (a failed expect) unchanged; a catch variable is unknown to the rule
          reject(error);
          return;
        }
        if (value) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      const poll = setInterval(check, POLL_MS);
      const finish = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.#emitter.off('change', check);
      };
      this.#emitter.on('change', check);
    });
  }
}
