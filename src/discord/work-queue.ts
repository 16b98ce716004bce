// Searches run one per event-loop turn. Between two of them Node reads the network, so
// newly arrived interactions are acknowledged (deferred) before queued searches run: in a
// burst, every user gets the 3-second acknowledgement, and the answers follow.

type Job = () => void;

export class WorkQueue {
  private readonly jobs: Job[] = [];
  private scheduled = false;

  /** Runs `work` in a later turn, after pending I/O; resolves or rejects with its result. */
  run<T>(work: () => T): Promise<T> {
    // The job only starts `work`, which runs in that same turn (a microtask) and whose throw rejects.
    return new Promise<void>((start) => {
      this.jobs.push(start);
      this.schedule();
    }).then(work);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase, where sockets are read: one job per turn.
    setImmediate(() => {
      this.scheduled = false;
      this.jobs.shift()?.();
      if (this.jobs.length > 0) this.schedule();
    });
  }
}

/** The bot's one queue for CPU-heavy work (search, ask). */
export const heavyWork = new WorkQueue();
