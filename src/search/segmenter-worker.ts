// The tokenizer thread: the process's one jieba dictionary (110 MB, which nodejieba never
// frees) lives here. It tokenises articles for the index, and answers the main thread's
// synchronous requests (queries) first, between articles.
import { parentPort, workerData } from 'node:worker_threads';
import { countFields, segmentFields, serveRequest, type ArticleJob } from './segmenter-protocol.ts';
import { TermNumbering } from './term-numbers.ts';
import { warmTokenizer } from './tokenize.ts';

const { control, text } = workerData as { control: SharedArrayBuffer; text: SharedArrayBuffer };
const ctrl = new Int32Array(control);
const data = new Uint16Array(text);
const numbering = new TermNumbering();

warmTokenizer();
parentPort!.postMessage({ ready: true });
serveRequest(ctrl, data);
parentPort!.on('message', (job: { wake: true } | ArticleJob) => {
  serveRequest(ctrl, data);
  if (!('n' in job)) return;
  const { message, transfer } = job.wordsOnly ? segmentFields(job.n, job.keys) : countFields(job.n, job.keys, numbering);
  parentPort!.postMessage(message, transfer);
});
