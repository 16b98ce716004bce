// Worker thread: reads, parses and normalises the files it is sent and posts each outcome
// back, tagged with its job number.
import { parentPort } from 'node:worker_threads';
import { prepareFile, shrinkOutcome, type FileToPrepare } from './prepare-file.ts';

parentPort!.on('message', (job: { n: number; file: FileToPrepare }) => {
  parentPort!.postMessage({ n: job.n, outcome: shrinkOutcome(prepareFile(job.file)) });
});
