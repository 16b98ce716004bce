// Big files are parsed on a thread of their own. Parsing a 1.6 MB article takes half a
// second; on the main thread that would hold every interaction up for as long. Here it costs
// only its own time, and one that takes longer than CORPUS_PARSE_TIMEOUT_MS is stopped (the
// thread is ended, and the next big file gets a new one) and reported.
import { Worker } from 'node:worker_threads';
import type { CorpusReadOptions } from '../corpus/load.ts';
import { prepareFile, type FileToPrepare, type PrepareOutcome } from './prepare-file.ts';

/**
 * Files up to this size are parsed on the main thread, in a few tens of milliseconds at most
 * (the HTML shape limits bound the worst case); bigger ones here.
 */
export const PARSE_HERE_MAX_BYTES = 128 * 1024;
/** Enough for a file at the size limit and its garbage; more means something is wrong. */
const WORKER_OLD_SPACE_MB = 768;

export function parsedElsewhere(file: FileToPrepare): boolean {
  return (file.size ?? 0) > PARSE_HERE_MAX_BYTES;
}

export class ParseThread {
  private worker: Worker | null = null;
  private started: Promise<Worker> | null = null;
  /** One file at a time, so the time limit is that file's alone. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: CorpusReadOptions,
    private readonly now: number,
  ) {}

  /** A small file here and now; a big one on the thread. */
  prepareAny(file: FileToPrepare): PrepareOutcome | Promise<PrepareOutcome> {
    return parsedElsewhere(file) ? this.prepare(file) : prepareFile(file, this.options, this.now);
  }

  prepare(file: FileToPrepare): Promise<PrepareOutcome> {
    const run = this.queue.then(() => this.run(file));
    this.queue = run;
    return run;
  }

  /** Ends the thread; a later prepare() starts a new one. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.started = null;
    if (worker) await worker.terminate();
  }

  private start(): Promise<Worker> {
    this.started ??= new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
        workerData: { entry: new URL('./parse-worker.ts', import.meta.url).href },
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB },
      });
      this.worker = worker;
      worker.once('message', () => resolve(worker));
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('the parse thread stopped while starting')));
    });
    return this.started;
  }

  private async run(file: FileToPrepare): Promise<PrepareOutcome> {
    let worker: Worker;
    try {
      worker = await this.start();
    } catch (error) {
      await this.stop();
      return { id: file.id, failed: `cannot be parsed: ${error instanceof Error ? error.message : String(error)}` };
    }
    worker.ref();
    const ms = this.options.parseTimeoutMs;
    const { outcome, broken } = await new Promise<{ outcome: PrepareOutcome; broken: boolean }>((resolve) => {
      const finish = (result: PrepareOutcome, threadBroken: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve({ outcome: result, broken: threadBroken });
      };
      const onMessage = (result: PrepareOutcome) => finish(result, false);
      const onError = (error: Error) => finish({ id: file.id, failed: `parsing failed: ${error.message.split('\n')[0]}` }, true);
      const onExit = () => finish({ id: file.id, failed: 'parsing stopped (the parse thread ended)' }, true);
      const timer = setTimeout(() => finish({ id: file.id, failed: `took longer than ${ms} ms to parse (CORPUS_PARSE_TIMEOUT_MS)` }, true), ms);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ file, options: this.options, now: this.now });
    });
    // A thread that ran late may still be busy, and one that failed is gone: the next file gets a new one.
    if (broken && this.worker === worker) await this.stop();
    else worker.unref();
    return outcome;
  }
}
