// Long work on the main thread (a reload, a snapshot) gives way now and then, so interactions
// and the tokenizer thread's replies are read while it runs. The one place that says how.

/** Resolves on a later turn of the event loop, after the I/O that is waiting. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A function that returns a pause (a promise of the next turn) once `everyMs` have passed
 * since the last one, and null before that, so a loop only awaits when it is time.
 * `everyMs` ≤ 0 never pauses.
 */
export function pauser(everyMs: number): () => Promise<void> | null {
  let since = performance.now();
  return () => {
    if (everyMs <= 0 || performance.now() - since < everyMs) return null;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}

/**
 * Resolves after `ms` (at least 1) without keeping the process alive: for background work
 * that a process may end without (the warm-up). A timer, not setImmediate: an unref'd
 * immediate does not stop the event loop from sleeping until its next timer.
 */
export function backgroundWait(ms = 1): Promise<void> {
  return new Promise<void>((resolve) => {
    setTimeout(resolve, Math.max(1, ms)).unref();
  });
}
