// Searches run one per event-loop turn. Between two of them Node reads the network, so
// newly arrived interactions are acknowledged (deferred) before queued searches run: in a
// burst, every user gets the 3-second acknowledgement, and the answers follow.

type Job = () => void;

export class WorkQueue {
  private readonly jobs: Job[] = [];
  private scheduled = false;

  /** Runs `work` in a later turn, after pending I/O; resolves or rejects with its result. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push(() => {
        try {
          resolve(work());
        } catch (err) {
          reject(err);
        }
      });
      this.schedule();
    });
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
