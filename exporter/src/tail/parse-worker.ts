// A parse worker of the cold read (parse-pool.ts): runs the files it is sent through parseFile, in the order they
// came, and sends each batch once the main thread has room for it.
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile, type ParseBatch, type ParseFileOptions, type ParseJob } from './parse-file.js';

export interface ParseWorkerData extends ParseFileOptions {
  /** One Int32: batches this worker may still send before the main thread has applied earlier ones (backpressure). */
  credits: SharedArrayBuffer;
  /** One Int32 per job id: 0 until claimed, then CLAIMED_BY_WORKER or CLAIMED_BY_MAIN (whoever came first reads it). */
  claims: SharedArrayBuffer;
}

export const CLAIMED_BY_WORKER = 1;
export const CLAIMED_BY_MAIN = 2;

const data = workerData as ParseWorkerData;
const credits = new Int32Array(data.credits);
const claims = new Int32Array(data.claims);

/** Sends a batch once the main thread has room for it (blocking this thread meanwhile is the point). */
function send(batch: ParseBatch): void {
  for (;;) {
    const c = Atomics.load(credits, 0);
    if (c > 0 && Atomics.compareExchange(credits, 0, c, c - 1) === c) break;
    if (c <= 0) Atomics.wait(credits, 0, c, 1000); // woken by Atomics.notify when the main thread applies a batch
  }
  parentPort!.postMessage(batch);
}

const queue: ParseJob[] = [];
let running = false;

parentPort!.on('message', (job: ParseJob) => {
  queue.push(job);
  if (running) return;
  running = true;
  void (async () => {
    // A job the main thread got to first is not read here (it reads it itself rather than wait).
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (Atomics.compareExchange(claims, next.id, 0, CLAIMED_BY_WORKER) === 0) await parseFile(next, data, send, true);
    }
    running = false;
  })();
});
