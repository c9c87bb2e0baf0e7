// The parse workers' pool (src/tail/parse-pool.ts, with real worker threads running src/tail/parse-worker.ts) in the
// test process, on small temp files: what each take() hands the tracker must be exactly the file's read as parseFile
// gives it on this thread, batch for batch, or undefined where the tracker must read the file itself. Pinned: take() in
// listing order (files listed before a taken one given up), a file no worker started left to the main thread, the
// 32-batch credit a worker runs ahead on, the main thread parsing later files while it waits (4 MiB per file, 16 MiB at
// once, each file read by one side only), a dead worker's files ending early and the rest going to the live one, the
// worker-error callback (a code or name only, 40 characters at most), `ahead`, the worker choice, close().
//
// No timing: a worker's progress is seen through the files it holds open (/proc/self/fd), and a worker is held still by
// its batch credit, which only this test gives back by taking batches.
import assert from 'node:assert/strict';
import { readdirSync, readlinkSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn, setTimeout as sleep } from 'node:timers/promises';
import type { Worker as WorkerType } from 'node:worker_threads';
import { after, describe, test } from 'node:test';
import type { AgentId } from '../../src/adapters/types.js';
import { parseFile, type BatchItem, type ParseBatch } from '../../src/tail/parse-file.js';
import { ParsePool, type ParsePoolOptions, type PreparedRead } from '../../src/tail/parse-pool.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-parse-pool-units-'));
after(() => rmSync(root, { recursive: true, force: true }));

// Every worker the pool starts, in the order it starts them (the pool's own slots): to end one, or to see it ended; the
// files sent to it and the batches it sent back (file id, whether the last), in order; and its batch credit, the
// counter it shares with the pool (ParseWorkerData.credits).
interface WorkerRec {
  w: WorkerType;
  exited: boolean;
  jobs: number[];
  sent: { id: number; last: boolean }[];
  credits: Int32Array;
}
const workers: WorkerRec[] = [];
const wt = createRequire(import.meta.url)('node:worker_threads') as { Worker: typeof WorkerType };
const OriginalWorker = wt.Worker;
wt.Worker = class extends OriginalWorker {
  private readonly rec: WorkerRec;

  constructor(...args: ConstructorParameters<typeof WorkerType>) {
    super(...args);
    const data = args[1]?.workerData as { credits: SharedArrayBuffer };
    const rec: WorkerRec = { w: this as WorkerType, exited: false, jobs: [], sent: [], credits: new Int32Array(data.credits) };
    this.rec = rec;
    this.once('exit', () => void (rec.exited = true));
    // Added after the pool's own listener, so that a batch counted here is one the pool has already received.
    process.nextTick(() => this.on('message', (b: ParseBatch) => void rec.sent.push({ id: b.id, last: Boolean(b.done || b.failed) })));
    workers.push(rec);
  }

  override postMessage(...args: Parameters<WorkerType['postMessage']>): void {
    const id = (args[0] as { id?: unknown }).id;
    if (typeof id === 'number') this.rec.jobs.push(id);
    super.postMessage(...args);
  }
};
syncBuiltinESMExports();
after(() => {
  wt.Worker = OriginalWorker;
  syncBuiltinESMExports();
});

const OPTS = { usageOnly: false, maxLineBytes: 1 << 20, chunkBytes: 64 << 10, shrinkAboveBytes: 0 };
const CODEX = 'codex' as AgentId;

/**
 * A file of `batches` full batches and `extra` more lines (each line parsed: one item, 'malformed'); its read ends
 * with one more batch (the rest, or none when extra is 0).
 */
function batchesFile(name: string, batches: number, extra = 0, tag = name): string {
  const p = join(root, name);
  writeFileSync(p, `${tag} token_count\n`.repeat(batches * 500 + extra));
  return p;
}
/** A file of one line, `bytes` long with its newline (over the line cap when large: one item, 0). */
function sizedFile(name: string, bytes: number): string {
  const p = join(root, name);
  writeFileSync(p, 'z'.repeat(bytes - 1) + '\n');
  return p;
}
/** A few lines of Codex usage: items with events, so a file's batches differ from another's. */
function smallFile(name: string, n: number): string {
  const p = join(root, name);
  const lines = [JSON.stringify({ timestamp: '2026-03-01T10:00:00.000Z', type: 'session_meta', payload: { id: name, timestamp: '2026-03-01T10:00:00.000Z', cwd: '/w' } })];
  for (let i = 1; i <= n; i++) {
    const total = { input_tokens: 100 * i, cached_input_tokens: 10 * i, output_tokens: i, reasoning_output_tokens: 0, total_tokens: 101 * i };
    lines.push(JSON.stringify({ timestamp: `2026-03-01T10:00:0${i % 10}.000Z`, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: total, last_token_usage: total } } }));
  }
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

/** The file's read as parseFile gives it on this thread: what every take() must hand out. */
async function reference(id: number, path: string, opts = OPTS): Promise<ParseBatch[]> {
  const out: ParseBatch[] = [];
  await parseFile({ id, path, agent: CODEX }, opts, (b) => void out.push(b), false);
  return out;
}
/** A batch with its items as objects, and who parsed it: a worker (JSON text) or this thread. */
const norm = (b: ParseBatch): ParseBatch => ({ ...b, items: typeof b.items === 'string' ? (JSON.parse(b.items) as BatchItem[]) : b.items });
const byWorker = (bs: ParseBatch[]): boolean[] => bs.map((b) => typeof b.items === 'string');

async function drain(prep: PreparedRead, max = 1000): Promise<ParseBatch[]> {
  const out: ParseBatch[] = [];
  for (let i = 0; i < max; i++) {
    const b = await prep.next();
    if (!b) return out;
    out.push(b);
    if (b.done || b.failed) {
      assert.equal(await prep.next(), undefined, 'nothing after the last batch');
      return out;
    }
  }
  throw new Error('no end to the batches');
}

/** Whether this process has `path` open (a worker's reads are synchronous: it holds the file while it reads it). */
function isOpen(path: string): boolean {
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) return true;
    } catch {
      // closed meanwhile
    }
  }
  return false;
}
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (cond()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function pool(files: string[], size: number, opts: Partial<ParsePoolOptions> = {}, ahead?: number): { pool: ParsePool; first: number } {
  const first = workers.length;
  return { pool: new ParsePool(files.map((path) => ({ path, agent: CODEX })), size, { ...OPTS, ...opts }, ...(ahead === undefined ? [] : [ahead])), first };
}

// A read left waiting forever (a credit never given back, a worker that stops taking jobs) fails its test's timeout:
// a minute, or 20 s under `npm run mutate` (each test takes 1–3 s on a quiet machine, and a mutation run shares the
// cores with another), so that a mutant which leaves a read waiting fails here, and is not a whole run Stryker has
// to stop at its own, longer limit.
const T = { timeout: process.env.AGENTMON_MUTATE_GROUP ? 20_000 : 60_000 };

describe('ParsePool', () => {
  test('take() in listing order: the file\'s read, files listed before it given up, anything else left to the caller', T, async () => {
    const files = [smallFile('l0', 3), smallFile('l1', 4), smallFile('l2', 5), smallFile('l3', 6), smallFile('l4', 2)];
    const { pool: p, first } = pool(files, 1, { steal: false });
    try {
      assert.equal(p.take(join(root, 'nope'), CODEX), undefined, 'not listed');
      assert.equal(p.take(files[1]!, 'claude-code'), undefined, 'listed for another agent');
      const one = p.take(files[1]!, CODEX)!;
      assert.ok(one, 'a worker reads every file when the main thread does not');
      const got = await drain(one);
      assert.deepEqual(got.map(norm), await reference(1, files[1]!));
      assert.deepEqual(byWorker(got), [true], 'parsed by the worker');
      assert.equal(p.take(files[0]!, CODEX), undefined, 'listed before a taken one: given up');
      const three = p.take(files[3]!, CODEX)!;
      assert.deepEqual((await drain(three)).map(norm), await reference(3, files[3]!));
      assert.equal(p.take(files[2]!, CODEX), undefined);
    } finally {
      await p.close();
    }
    assert.deepEqual(workers.slice(first).map((w) => w.exited), [true], 'close() ended the worker');
    assert.equal(p.take(files[4]!, CODEX), undefined, 'after close() nothing is handed out');
  });

  test('a worker runs 32 batches ahead, no more, and goes on as batches are taken or given up', T, async () => {
    // h0 holds 40 batches: the worker stops after 32 until some are taken. Given up after 2, the rest still drains, and
    // h1 (given up unread, behind h0) as well: the worker reaches h2 and s3.
    const files = [batchesFile('h0', 40), batchesFile('h1', 40), batchesFile('h2', 33, 7), smallFile('s3', 2)];
    const { pool: p, first } = pool(files, 1, { steal: false });
    const w = workers[first]!;
    try {
      // Nothing taken yet: the worker waits (a notify finds it waiting) with all its credit spent and 32 batches sent.
      await until(() => w.sent.length >= 32 && Atomics.notify(w.credits, 0) > 0, 'the worker to wait');
      assert.equal(Atomics.load(w.credits, 0), 0);
      assert.equal(w.sent.length, 32);
      const h0 = p.take(files[0]!, CODEX)!;
      const ref0 = await reference(0, files[0]!);
      assert.deepEqual([norm((await h0.next())!), norm((await h0.next())!)], ref0.slice(0, 2));
      // Turns of the event loop for more of h0's batches to arrive before it is given up: the credit of each one queued
      // here must go back to the worker as well (if they all arrive later, the credits go back as they arrive).
      for (let i = 0; i < 200; i++) await turn();
      h0.discard();
      const h2 = p.take(files[2]!, CODEX)!;
      const got = await drain(h2);
      const ref2 = await reference(2, files[2]!);
      assert.equal(ref2.length, 34);
      assert.deepEqual(got.map(norm), ref2, 'every batch, in order, once');
      assert.deepEqual((await drain(p.take(files[3]!, CODEX)!)).map(norm), await reference(3, files[3]!));
    } finally {
      await p.close();
    }
  });

  test('with the main thread reading too, a file no worker has started is left to it (undefined)', T, async () => {
    const files = [batchesFile('w0', 40), smallFile('w1', 3)];
    const { pool: p } = pool(files, 1);
    try {
      await until(() => isOpen(files[0]!), 'the worker to start w0');
      const w0 = p.take(files[0]!, CODEX);
      assert.ok(w0, 'started by the worker: its read');
      // The worker cannot be past w0 (40 batches, 32 sent at most, none taken): w1 is not started.
      assert.equal(p.take(files[1]!, CODEX), undefined);
      const got = await drain(w0!);
      assert.deepEqual(got.map(norm), await reference(0, files[0]!));
      assert.ok(byWorker(got).every(Boolean));
    } finally {
      await p.close();
    }
  });

  test('while it waits, the main thread parses a file further on (up to 4 MiB) that no worker started, and only it reads it', T, async () => {
    const MiB = 1 << 20;
    // p0: 33 batches (32 full, the last with 10 items), one more than the worker's credit. The worker is let on one
    // batch at a time by taking one of p0's (and one more for each of its batches taken). p3: over 4 MiB, two batches.
    const p3 = join(root, 'p3');
    writeFileSync(p3, `${'q'.repeat(8190)}\n`.repeat(513));
    const files = [batchesFile('p0', 32, 10), smallFile('p1', 3), sizedFile('p2', 4 * MiB), p3];
    const { pool: p } = pool(files, 1);
    const refs = await Promise.all(files.map((f, i) => reference(i, f)));
    assert.deepEqual(refs.map((r) => r.length), [33, 1, 1, 2]);
    try {
      await until(() => isOpen(files[0]!), 'the worker to start p0');
      const h0 = p.take(files[0]!, CODEX)!;
      const fromH0: ParseBatch[] = [];
      const release = async (): Promise<void> => void fromH0.push((await h0.next())!);
      await release(); // the worker sends p0's last batch, then reads p1 and waits to send its batch
      await until(() => isOpen(files[1]!), 'the worker to hold p1');
      const p1 = p.take(files[1]!, CODEX)!;
      assert.ok(p1, 'started by the worker');
      // Waiting for p1, this thread reads p2 (p3 is over 4 MiB), a few turns of the event loop at most.
      const p1Next = p1.next();
      for (let i = 0; i < 50; i++) await turn();
      await release(); // p1's batch is sent, and taken: the worker sends p3's first batch and waits to send its second
      assert.deepEqual(norm((await p1Next)!), refs[1]![0], 'p1, from the worker');
      await until(() => isOpen(files[3]!), 'the worker to hold p3 (past p2, which is not its to read)');
      const got2 = await drain(p.take(files[2]!, CODEX)!);
      assert.deepEqual(byWorker(got2), [false], 'p2 was parsed here');
      assert.deepEqual(got2, refs[2]);
      const got3 = await drain(p.take(files[3]!, CODEX)!);
      assert.deepEqual(byWorker(got3), [true, true], 'p3 is over 4 MiB: read by the worker');
      assert.deepEqual(got3.map(norm), refs[3]);
      fromH0.push(...(await drain(h0)));
      assert.deepEqual(fromH0.map(norm), refs[0]);
    } finally {
      await p.close();
    }
  });

  test('files out at once: 16 per worker by default', T, async () => {
    const files = Array.from({ length: 33 }, (_, i) => smallFile(`a${i}`, 1));
    const { pool: p } = pool(files, 2, { steal: false });
    try {
      assert.equal(p.take(files[32]!, CODEX), undefined, 'the 33rd file is not out yet');
      assert.deepEqual((await drain(p.take(files[31]!, CODEX)!)).map(norm), await reference(31, files[31]!));
      assert.deepEqual((await drain(p.take(files[32]!, CODEX)!)).map(norm), await reference(32, files[32]!), 'out once one was done');
    } finally {
      await p.close();
    }
  });

  test('a file done, or left to the main thread, makes room for the next one (ahead), and only once', T, async () => {
    // Two files out at once. a0 read and given up again after its end: one more file goes out, not two.
    const files = [smallFile('b0', 2), smallFile('b1', 2), smallFile('b2', 2), smallFile('b3', 2)];
    const { pool: p } = pool(files, 1, { steal: false }, 2);
    try {
      const b0 = p.take(files[0]!, CODEX)!;
      assert.equal((await drain(b0)).length, 1);
      b0.discard();
      assert.equal(p.take(files[3]!, CODEX), undefined, 'b3 is not out: b1 and b2 are');
      assert.deepEqual((await drain(p.take(files[2]!, CODEX)!)).map(norm), await reference(2, files[2]!));
    } finally {
      await p.close();
    }
    // With the main thread reading: u1, left to it (the worker is held on u0), ends at once and u2 goes out to the
    // worker, which reaches it once u0 is taken (u2, over 4 MiB, is not for this thread, and holds the worker there).
    const more = [batchesFile('u0', 40), smallFile('u1', 2), batchesFile('u2', 40, 0, 'u2'.repeat(150))];
    const { pool: q } = pool(more, 1, {}, 2);
    try {
      await until(() => isOpen(more[0]!), 'the worker to start u0');
      const u0 = q.take(more[0]!, CODEX)!;
      assert.equal(q.take(more[1]!, CODEX), undefined);
      for (let i = 0; i < 40; i++) assert.ok(!(await u0.next())!.done);
      // u0's last batch not taken yet: u2 went out when u1 was left to this thread.
      await until(() => isOpen(more[2]!), 'the worker to start u2');
      assert.equal((await drain(u0)).length, 1);
    } finally {
      await q.close();
    }
    // One file out at once: v0 given up before its end, which arrives later (the worker goes on with the credit given
    // back); then v1 goes out.
    const last = [batchesFile('v0', 40), smallFile('v1', 3)];
    const { pool: r, first } = pool(last, 1, { steal: false }, 1);
    try {
      const v0 = r.take(last[0]!, CODEX)!;
      assert.ok(!(await v0.next())!.done);
      v0.discard();
      await until(() => workers[first]!.jobs.length === 2, 'v1 to go out');
      assert.ok(workers[first]!.sent.some((b) => b.id === 0 && b.last), 'after v0\'s end');
      assert.deepEqual((await drain(r.take(last[1]!, CODEX)!)).map(norm), await reference(1, last[1]!));
    } finally {
      await r.close();
    }
  });

  test('a worker\'s credit comes back once per batch it sent (taken, or given up queued or unread), never for a file read here', T, async () => {
    // k0 holds the worker (66 batches: it sends 32 ahead, and at most 32 more for those this thread takes before it
    // next finds none waiting, so it is still on k0 then): the file at the far end of the window, k3 (three batches),
    // is parsed here. k1 and k2 are the worker's, given up with their batch queued when k4 is taken; so is k3.
    const files = [batchesFile('k0', 66), smallFile('k1', 2), smallFile('k2', 3), batchesFile('k3', 2, 5), batchesFile('k4', 40)];
    const { pool: p, first } = pool(files, 1, {}, 4);
    const w = workers[first]!;
    try {
      await until(() => isOpen(files[0]!), 'the worker to start k0');
      assert.equal((await drain(p.take(files[0]!, CODEX)!)).length, 67, 'k0: 66 full batches, then the end');
      await until(() => w.sent.some((b) => b.id === 2 && b.last), 'k2\'s batch to arrive');
      assert.deepEqual(w.jobs, [0, 1, 2, 3, 4]);
      // k4 goes out once k0 is done; taken before the worker starts it, it would be left to this thread.
      await until(() => w.sent.some((b) => b.id === 4), 'the worker to start k4');
      assert.ok(!w.sent.some((b) => b.id === 3), 'k3 was not the worker\'s to read');
      const k4 = await drain(p.take(files[4]!, CODEX)!);
      assert.deepEqual(k4.map(norm), await reference(4, files[4]!));
      // Nothing is out now and the worker has nothing to read: every batch it sent was credited back, once.
      assert.equal(Atomics.load(w.credits, 0), 32);
    } finally {
      await p.close();
    }
    // The one file left when this thread waits is parsed here (f1), and so is one that is gone by then (f2: a failed
    // read); handing out what was parsed here gives the worker nothing.
    for (const gone of [false, true]) {
      const more = [batchesFile('f0', 66), gone ? join(root, 'f-gone') : smallFile('f1', 4)];
      if (gone) writeFileSync(more[1]!, 'x\n');
      const { pool: q, first: f } = pool(more, 1);
      if (gone) rmSync(more[1]!);
      try {
        await until(() => isOpen(more[0]!), 'the worker to start f0');
        assert.equal((await drain(q.take(more[0]!, CODEX)!)).length, 67);
        const got = await drain(q.take(more[1]!, CODEX)!);
        assert.deepEqual(byWorker(got), [false], 'parsed here');
        assert.deepEqual(got, await reference(1, more[1]!));
        assert.equal(got[0]!.failed, gone ? true : undefined);
        assert.equal(Atomics.load(workers[f]!.credits, 0), 32);
      } finally {
        await q.close();
      }
    }
  });

  test('the files this thread parsed ahead and has not handed out add up to 16 MiB at most', T, async () => {
    // Six files out at once, one worker. Each w file holds the worker while this thread takes it, so this thread parses
    // the last file of the window meanwhile: s5, s6, s7, s8 (4 MiB each: 16 MiB, the most it may hold), not s9 (20 MiB).
    // Once s5–s8 are handed out it holds nothing, and parses s11 while it takes w10.
    const MiB = 1 << 20;
    const w = (i: number): string => batchesFile(`m${i}`, 66);
    const s = (i: number): string => sizedFile(`m${i}`, 4 * MiB);
    const files = [w(0), w(1), w(2), w(3), w(4), s(5), s(6), s(7), s(8), s(9), w(10), s(11)];
    const { pool: p, first } = pool(files, 1, {}, 6);
    const here: number[] = [];
    const read = async (i: number): Promise<void> => {
      const got = await drain(p.take(files[i]!, CODEX)!);
      if (i === 10 || i < 5) assert.equal(got.length, 67, `file ${i}`);
      else assert.deepEqual(got.map(norm), await reference(i, files[i]!), `file ${i}`);
      if (!byWorker(got).some(Boolean)) here.push(i);
    };
    try {
      for (const i of [0, 1, 2, 3, 4]) {
        await until(() => isOpen(files[i]!), `the worker to start file ${i}`);
        await read(i);
      }
      for (const i of [5, 6, 7, 8]) await read(i);
      // s9 is the worker's once it has sent a batch of it, or gone past it to w10 (had this thread parsed s9, the worker
      // skips it): taken sooner, it would be left to this thread.
      await until(() => workers[first]!.sent.some((b) => b.id === 9) || isOpen(files[10]!), 'the worker to reach s9');
      await read(9);
      assert.deepEqual(here, [5, 6, 7, 8], 'up to 16 MiB held');
      await until(() => isOpen(files[10]!), 'the worker to start file 10');
      await read(10);
      await read(11);
      assert.deepEqual(here, [5, 6, 7, 8, 11], 'the bytes handed out are held no more');
    } finally {
      await p.close();
    }
  });

  test('a file goes to the live worker with the fewest files out, counting only those not finished with', T, async () => {
    // o0 to the first worker, o1 to the second. o0 stays out (one batch taken of 40); o1 is finished with: o2 goes to
    // the second worker (none out) rather than the first (o0).
    const files = [batchesFile('o0', 40), smallFile('o1', 2), smallFile('o2', 3)];
    const { pool: p, first } = pool(files, 2, { steal: false }, 2);
    try {
      const o0 = p.take(files[0]!, CODEX)!;
      assert.ok(await o0.next());
      await drain(p.take(files[1]!, CODEX)!);
      assert.deepEqual([workers[first]!.jobs, workers[first + 1]!.jobs], [[0], [1, 2]]);
      assert.deepEqual((await drain(p.take(files[2]!, CODEX)!)).map(norm), await reference(2, files[2]!));
      o0.discard();
    } finally {
      await p.close();
    }
  });

  test('close() sends nothing more, even as its workers end one by one', T, async () => {
    const files = [smallFile('q0', 2), smallFile('q1', 2), smallFile('q2', 2), smallFile('q3', 2)];
    const { pool: p, first } = pool(files, 2, { steal: false }, 2);
    await p.close();
    await until(() => workers[first]!.exited && workers[first + 1]!.exited, 'both workers to end');
    await turn();
    assert.deepEqual([workers[first]!.jobs, workers[first + 1]!.jobs], [[0], [1]]);
    assert.equal(p.take(files[2]!, CODEX), undefined);
  });

  test('a worker that ends: its files end early (undefined), later files go to the live worker, then to the caller', T, async () => {
    const files = [batchesFile('x0', 40), smallFile('y1', 2), smallFile('x2', 3), smallFile('y3', 4), smallFile('z4', 5), batchesFile('z5', 41), smallFile('z6', 7), smallFile('z7', 8), smallFile('z8', 9), smallFile('z9', 1)];
    const errors: string[] = [];
    // Four files out at once, each to the worker with the fewest: x0 and x2 to the first, y1 and y3 to the second.
    const { pool: p, first } = pool(files, 2, { steal: false, onWorkerError: (c) => void errors.push(c) }, 4);
    try {
      assert.equal(p.take(files[4]!, CODEX), undefined, 'z4 is not out yet (four files at most)');
      const x0 = p.take(files[0]!, CODEX)!;
      const ref0 = await reference(0, files[0]!);
      assert.deepEqual(norm((await x0.next())!), ref0[0]);
      await workers[first]!.w.terminate();
      // What arrived before the worker ended is handed out, in order, then the end (the tracker reads on from there).
      const rest = [];
      for (let b = await x0.next(); b; b = await x0.next()) rest.push(norm(b));
      assert.ok(rest.length < 39, 'the worker could not have sent it all');
      assert.deepEqual(rest, ref0.slice(1, 1 + rest.length));
      assert.deepEqual((await drain(p.take(files[1]!, CODEX)!)).map(norm), await reference(1, files[1]!));
      assert.equal(await p.take(files[2]!, CODEX)!.next(), undefined, 'x2 was the ended worker\'s: nothing');
      for (const i of [3, 4]) {
        const got = await drain(p.take(files[i]!, CODEX)!);
        assert.deepEqual(got.map(norm), await reference(i, files[i]!), `file ${i} from the live worker`);
        assert.ok(byWorker(got).every(Boolean));
      }
      // The live worker is on z5 (41 batches), held there by its credit: z6 and z7 are not started when it ends.
      await workers[first + 1]!.w.terminate();
      const z5: ParseBatch[] = [];
      const p5 = p.take(files[5]!, CODEX)!;
      for (let b = await p5.next(); b; b = await p5.next()) z5.push(norm(b));
      assert.ok(z5.length <= 32);
      assert.deepEqual(z5, (await reference(5, files[5]!)).slice(0, z5.length), 'what arrived, then the end');
      for (const i of [6, 7, 8]) assert.equal(await p.take(files[i]!, CODEX)!.next(), undefined, `file ${i}: its worker ended`);
      assert.equal(p.take(files[9]!, CODEX), undefined, 'no worker left, z9 not out: the caller reads it');
      assert.deepEqual(errors, [], 'an ended worker is not an error');
    } finally {
      await p.close();
    }
  });

  test('a worker error is reported once per worker, by code or name, never its message, at most 40 characters', T, async () => {
    const errors: string[] = [];
    const { pool: p, first } = pool([smallFile('e0', 2)], 1, { steal: false, onWorkerError: (c) => void errors.push(c) });
    try {
      // A real crash: a job the worker cannot place throws in it (an index outside the claims).
      workers[first]!.w.postMessage({ id: 1 << 30, path: join(root, 'e0'), agent: CODEX });
      await until(() => errors.length > 0, 'the worker error');
      assert.deepEqual(errors, ['RangeError']);
      // A batch for a file the pool does not have (finished with, or never sent) is ignored.
      const stray: ParseBatch = { id: 5, items: [], bytes: 0, offset: 0, skipping: false, state: {}, done: true };
      assert.doesNotThrow(() => workers[first]!.w.emit('message', stray));
    } finally {
      await p.close();
    }
    const seen: string[] = [];
    const { pool: q, first: f2 } = pool([], 5, { onWorkerError: (c) => void seen.push(c) });
    try {
      const emit = (i: number, err: unknown): boolean => workers[f2 + i]!.w.emit('error', err);
      emit(0, Object.assign(new Error('secret prompt text'), { code: `ERR_${'X'.repeat(60)}` }));
      emit(0, Object.assign(new Error('again'), { code: 'ERR_AGAIN' }));
      emit(1, Object.assign(new TypeError('secret'), { code: 42 }));
      emit(2, 'a thrown string');
      emit(3, null);
      emit(4, { code: 'ENOENT', name: 'Error' });
      assert.deepEqual(seen, [`ERR_${'X'.repeat(36)}`, 'TypeError', 'unknown', 'unknown', 'ENOENT']);
    } finally {
      await q.close();
    }
    const { pool: r, first: f3 } = pool([], 1);
    try {
      assert.doesNotThrow(() => workers[f3]!.w.emit('error', new Error('x')), 'no callback given: nothing to call');
    } finally {
      await r.close();
    }
    assert.ok(workers.slice(f2).every((w) => w.exited), 'close() ended every worker');
  });
});
