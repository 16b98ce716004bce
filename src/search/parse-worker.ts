// The parse thread: prepares one big file at a time for the main thread (see parse-thread.ts).
import { parentPort } from 'node:worker_threads';
import { prepareFile, type FileToPrepare } from './prepare-file.ts';
import type { CorpusReadOptions } from '../corpus/load.ts';

parentPort!.on('message', ({ file, options, now }: { file: FileToPrepare; options: CorpusReadOptions; now: number }) => {
  parentPort!.postMessage(prepareFile(file, options, now));
});
parentPort!.postMessage({ ready: true });
