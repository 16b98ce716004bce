// The main thread's side of the tokenizer thread. jieba's dictionary costs 110 MB per
// thread and nodejieba never frees it, so the process keeps exactly one, on this thread's
// worker: the main thread parses and indexes while the worker segments, which uses both
// cores, and queries get their words synchronously through shared memory. If the worker
// cannot answer, everything falls back to jieba on the main thread: slower, never stuck.
import { Worker } from 'node:worker_threads';
import { countKeys, type IndexedFields, type SearchKeys } from './prepare.ts';
import {
  DONE,
  FAILED,
  IDLE,
  REQUEST,
  TEXT_CAPACITY,
  readReply,
  readText,
  splitWords,
  writeText,
  type ArticleJob,
  type CountedMessage,
  type SegmentedMessage,
} from './segmenter-protocol.ts';
import { NumberedTerms } from './term-numbers.ts';
import { segmentHere, useSegmenter } from './tokenize.ts';

/** A reply takes well under a millisecond; far longer means the thread is stuck. */
const REPLY_MS = 10_000;
/** jieba segments millions of characters a second: a minute for one article means it is stuck. */
const ARTICLE_REPLY_MS = 60_000;
const WORKER_OLD_SPACE_MB = 96;
const WORKER_YOUNG_SPACE_MB = 16;
/** Articles waiting on the thread at which it counts as behind (parsing runs up to 128 ahead). */
const BEHIND_AT = 32;

export class SegmenterThread {
  private readonly worker: Worker;
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(8));
  private readonly data = new Uint16Array(new SharedArrayBuffer(2 * TEXT_CAPACITY));
  private readonly pending = new Map<number, { keys: SearchKeys; resolve: (fields: () => IndexedFields) => void }>();
  /** The terms the thread has numbered; it numbers each once for the life of the thread. */
  private readonly terms = new NumberedTerms();
  private nextJob = 0;
  private isReady = false;
  private broken = false;
  /** Settles when the dictionary is loaded (true) or the thread failed to start (false). */
  readonly ready: Promise<boolean>;
  private settleReady: (ok: boolean) => void = () => undefined;

  private constructor() {
    this.ready = new Promise((resolve) => {
      this.settleReady = resolve;
    });
    this.worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./segmenter-worker.ts', import.meta.url).href, control: this.ctrl.buffer, text: this.data.buffer },
      // tsx is registered by worker-boot.mjs; the parent's loader flags would tie the worker to this thread.
      execArgv: [],
      // Its live data is small (the article in hand); without limits V8 lets garbage grow the heap.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_SPACE_MB },
    });
    this.worker.on('message', (message: CountedMessage | SegmentedMessage | { ready: true }) => {
      if ('ready' in message) {
        this.isReady = true;
        this.settleReady(true);
      } else {
        const job = this.pending.get(message.n);
        this.pending.delete(message.n);
        // Read even when no one waits on it: its new terms are learnt in the order they were sent.
        const read = this.readerOf(message);
        if (job) job.resolve(() => read(job.keys));
      }
      this.holdProcess();
    });
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
  }

  /**
   * The worker keeps the process alive only while something waits on it (loading, articles
   * out for tokenising): a library left open must not keep the process alive.
   */
  private holdProcess(): void {
    if (this.isReady && this.pending.size === 0) this.worker.unref();
    else this.worker.ref();
  }

  private static shared: SegmenterThread | null = null;

  /** The process's tokenizer thread, started on first use; queries use it from then on. */
  static start(): SegmenterThread {
    if (!SegmenterThread.shared) {
      const thread = new SegmenterThread();
      SegmenterThread.shared = thread;
      useSegmenter((text) => thread.segment(text));
    }
    return SegmenterThread.shared;
  }

  /** Stops the thread (tests, shutdown); segmentation returns to the main thread. */
  static async stop(): Promise<void> {
    const thread = SegmenterThread.shared;
    SegmenterThread.shared = null;
    useSegmenter(null);
    if (thread) {
      thread.broken = true;
      await thread.worker.terminate();
    }
  }

  get working(): boolean {
    return !this.broken;
  }

  /** Whether the dictionary is loaded and requests are answered on the thread. */
  get answering(): boolean {
    return this.isReady && !this.broken;
  }

  /** Learns a reply's new terms now; reads its fields when the article is indexed. One that cannot be read is counted here. */
  private readerOf(message: CountedMessage | SegmentedMessage): (keys: SearchKeys) => IndexedFields {
    try {
      const read = readReply(message, this.terms);
      return (keys) => {
        try {
          return read(keys);
        } catch {
          return countKeys(keys); // words that do not fit the text: segment it again
        }
      };
    } catch {
      return (keys) => countKeys(keys); // new terms out of step: the article is counted here
    }
  }

  private fail(): void {
    this.settleReady(false);
    if (this.broken && this.pending.size === 0) return;
    this.broken = true;
    for (const job of this.pending.values()) job.resolve(() => countKeys(job.keys));
    this.pending.clear();
  }

  /**
   * jieba's words for `text`, from the tokenizer thread, synchronously. Before the thread is
   * ready (openLibrary waits for that) it blocks nothing: the words come from this thread.
   */
  segment(text: string): string[] {
    if (this.broken || !this.isReady || text.length > TEXT_CAPACITY) return segmentHere(text);
    writeText(this.data, text);
    this.ctrl[1] = text.length;
    Atomics.store(this.ctrl, 0, REQUEST);
    this.worker.postMessage({ wake: true });
    const outcome = Atomics.wait(this.ctrl, 0, REQUEST, REPLY_MS);
    const state = Atomics.load(this.ctrl, 0);
    if (state === FAILED) {
      // This one text did not fit (the reply outgrew the buffer): segment it here, keep the thread.
      Atomics.store(this.ctrl, 0, IDLE);
      return segmentHere(text);
    }
    if (state !== DONE) {
      // Timed out: stop using the thread rather than risk a late reply.
      if (outcome === 'timed-out') void this.worker.terminate();
      this.broken = true;
      return segmentHere(text);
    }
    const words = splitWords(readText(this.data, this.ctrl[1]));
    Atomics.store(this.ctrl, 0, IDLE);
    return words;
  }

  /**
   * An article's fields, tokenised on the tokenizer thread, to be read when the article is
   * indexed (see readReply). Counted there too, unless the thread has fallen behind: then it
   * only segments and this thread counts, so the work balances itself over the two cores.
   */
  tokenise({ titleKey, bodyKey, sourceKey }: SearchKeys): Promise<() => IndexedFields> {
    const keys = { titleKey, bodyKey, sourceKey };
    if (this.broken) return Promise.resolve(() => countKeys(keys));
    const n = this.nextJob++;
    return new Promise((resolve) => {
      const job: ArticleJob = { n, keys, wordsOnly: this.pending.size >= BEHIND_AT };
      this.pending.set(n, { keys, resolve });
      this.worker.postMessage(job);
      this.holdProcess();
      // A thread that stops answering must not hang a reload: give up on it, finish here.
      setTimeout(() => {
        if (!this.pending.has(n)) return;
        void this.worker.terminate();
        this.fail();
      }, ARTICLE_REPLY_MS).unref();
    });
  }
}
