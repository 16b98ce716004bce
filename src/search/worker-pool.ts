// The build pipeline: the main thread reads, parses and normalises files in order and hands
// each article's search keys to the tokenizer thread, which segments and counts them while
// the main thread parses the next ones and indexes the ones that came back. Outcomes come
// out in file order, so document numbers, and with them the order of tied results, are the
// same as in a single-threaded build. Big files are parsed on a thread of their own
// (parse-thread.ts), so no one file holds the main thread up.
import { availableParallelism } from 'node:os';
import { DEFAULT_READ_OPTIONS, type CorpusReadOptions } from '../corpus/load.ts';
import { ParseThread } from './parse-thread.ts';
import type { FileToPrepare, PrepareOutcome } from './prepare-file.ts';
import { preparedFrom, tokeniseArticle, type PreparedArticle } from './prepare.ts';
import type { SegmenterThread } from './segmenter.ts';
import { pauser } from './turns.ts';

/**
 * Articles parsed ahead of the tokenizer thread. While it starts and loads its dictionary
 * (1.6–1.9 s) the main thread parses far ahead; after that the queue is short, so few articles
 * live long enough to be promoted to the old heap (~13 kB each). A queue of 512 left the thread
 * idle less (0.2–0.5 s of a 10,000-article build, against 0.8–1.1 s) but did not shorten the
 * build: the main thread has the more work of the two.
 */
const AHEAD_WHILE_LOADING = 2048;
const AHEAD = 128;
/** The main thread lets the tokenizer's replies in at least this often. */
const TURN_MS = 10;

export type Outcome = { id: string; prepared: PreparedArticle } | { id: string; failed: string };

/** A tokenizer thread pays off when there is a second core for it. */
export function tokenizerThreadByDefault(): boolean {
  return availableParallelism() > 1;
}

/** Prepares every file, in order; with a tokenizer thread, on two cores. */
export async function* prepareInOrder(
  files: readonly FileToPrepare[],
  thread: SegmenterThread | null,
  options: CorpusReadOptions = DEFAULT_READ_OPTIONS,
): AsyncGenerator<Outcome> {
  const parser = new ParseThread(options, Date.now());
  try {
    yield* prepareAll(files, thread, parser);
  } finally {
    await parser.stop();
  }
}

async function* prepareAll(files: readonly FileToPrepare[], thread: SegmenterThread | null, parser: ParseThread): AsyncGenerator<Outcome> {
  const parse = (file: FileToPrepare): PrepareOutcome | Promise<PrepareOutcome> => parser.prepareAny(file);
  if (!thread) {
    for (const file of files) {
      const outcome = await parse(file);
      yield 'failed' in outcome ? outcome : { id: outcome.id, prepared: tokeniseArticle(outcome.normalised) };
    }
    return;
  }
  // One slot per file: how to make its outcome once known (made when it is taken, so what
  // making it allocates dies young), and a promise to wait on until then.
  const slots = new Array<{ outcome?: () => Outcome; settled: Promise<unknown> } | undefined>(files.length);
  let next = 0;
  let parsed = 0;
  const pause = pauser(TURN_MS);
  while (next < files.length) {
    const ahead = thread.answering ? AHEAD : AHEAD_WHILE_LOADING;
    if (parsed < files.length && parsed < next + ahead) {
      const n = parsed++;
      const slot: { outcome?: () => Outcome; settled: Promise<unknown> } = { settled: Promise.resolve() };
      const tokenise = (outcome: PrepareOutcome): Promise<void> | void => {
        if ('failed' in outcome) {
          slot.outcome = () => outcome;
          return;
        }
        const { normalised } = outcome;
        return thread.tokenise(normalised).then((fields) => {
          slot.outcome = () => ({ id: outcome.id, prepared: preparedFrom(normalised, fields()) });
        });
      };
      const parsing = parse(files[n]!);
      // A big file's parse runs on the parse thread while this one goes on with the next files.
      slot.settled = parsing instanceof Promise ? parsing.then(tokenise) : Promise.resolve(tokenise(parsing));
      slots[n] = slot;
    }
    const slot = slots[next]!;
    if (slot.outcome) {
      slots[next++] = undefined;
      yield slot.outcome();
    } else if (parsed >= files.length || parsed >= next + ahead) {
      await slot.settled; // everything parsed is on the tokenizer thread: wait for the next one
    }
    const paused = pause();
    if (paused) await paused; // let the tokenizer's replies in
  }
}
