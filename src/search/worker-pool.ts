// Reading, parsing and normalising files on worker threads while the main thread tokenises
// (jieba) and indexes. The main thread reads files too whenever the next one in order is
// not back yet, so no core idles; outcomes come out in file order, so document numbers,
// and with them the order of tied results, are the same as in a single-threaded build.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareFile, restoreOutcome, type FileToPrepare, type PrepareOutcome } from './prepare-file.ts';

/** Below this many files a worker costs more to start than it saves. */
export const MIN_FILES_FOR_WORKERS = 200;
/**
 * Jobs queued on a worker: enough to keep it busy while the main thread is away, e.g.
 * loading jieba's dictionary (about a second) at the start of a build.
 */
const WORKER_QUEUE = 384;
/** How far ahead of the next outcome in order files may be prepared: bounds the memory held. */
const LOOKAHEAD = 1024;
/** The main thread lets worker messages in at least this often. */
const TURN_MS = 10;

/**
 * Parsing and normalising take about half of what tokenising and indexing take on the main
 * thread, so one worker is enough to keep two cores busy.
 */
export function defaultWorkerCount(): number {
  return availableParallelism() > 1 ? 1 : 0;
}

interface Pending {
  file: FileToPrepare;
  resolve: (outcome: PrepareOutcome) => void;
}

class PrepareWorker {
  private readonly worker = new Worker(new URL('./prepare-worker-boot.mjs', import.meta.url));
  private readonly pending = new Map<number, Pending>();
  private nextJob = 0;
  dead = false;

  constructor() {
    this.worker.on('message', (message: { n: number; outcome: PrepareOutcome }) => {
      const job = this.pending.get(message.n);
      this.pending.delete(message.n);
      job?.resolve(restoreOutcome(message.outcome));
    });
    // A worker that dies hands its jobs back to the main thread: slower, never lost.
    const fail = () => {
      this.dead = true;
      for (const job of this.pending.values()) job.resolve(prepareFile(job.file));
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', fail);
  }

  get canTake(): boolean {
    return !this.dead && this.pending.size < WORKER_QUEUE;
  }

  submit(file: FileToPrepare): Promise<PrepareOutcome> {
    const n = this.nextJob++;
    return new Promise((resolve) => {
      this.pending.set(n, { file, resolve });
      this.worker.postMessage({ n, file });
    });
  }

  async close(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Prepares every file, in order, on `workers` worker threads and the main thread.
 * `whileWorkersStart` runs once the workers have their first jobs: the place for main-thread
 * set-up (jieba's dictionary) that would otherwise leave them waiting.
 */
export async function* prepareInOrder(
  files: readonly FileToPrepare[],
  workers = defaultWorkerCount(),
  whileWorkersStart?: () => void,
): AsyncGenerator<PrepareOutcome> {
  const pool = files.length >= MIN_FILES_FOR_WORKERS ? Array.from({ length: workers }, () => new PrepareWorker()) : [];
  const ready: (PrepareOutcome | undefined)[] = new Array(files.length);
  let next = 0;
  let dispatched = 0;
  let lastTurn = performance.now();
  let started = false;
  try {
    while (next < files.length) {
      for (const worker of pool) {
        while (worker.canTake && dispatched < files.length && dispatched < next + LOOKAHEAD) {
          const n = dispatched++;
          void worker.submit(files[n]!).then((outcome) => {
            ready[n] = outcome;
          });
        }
      }
      if (!started) {
        started = true;
        whileWorkersStart?.();
      }
      const outcome = ready[next];
      if (outcome) {
        ready[next++] = undefined;
        yield outcome;
      } else if (dispatched < files.length && dispatched < next + LOOKAHEAD) {
        const n = dispatched++;
        ready[n] = prepareFile(files[n]!);
      } else {
        await turn(); // the next file is on a worker and there is nothing else to do
        lastTurn = performance.now();
      }
      if (performance.now() - lastTurn > TURN_MS) {
        await turn();
        lastTurn = performance.now();
      }
    }
  } finally {
    await Promise.all(pool.map((w) => w.close()));
  }
}
