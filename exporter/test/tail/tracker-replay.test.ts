// The tracker applying a parse worker's read of a file (the cold read with parse workers, parse-pool.ts), in the test
// process: the worker's batches are built here in the shapes parse-file.ts sends (items as an array or as JSON, 0 for
// an over-long line, the file's identity on the first batch, the position and adapter state after each batch). What
// it pins: batches are applied in order and move the offset and adapter state exactly; a read of another file (other
// device, inode or first bytes, or more bytes than the file now has) is given up and the file is read here instead;
// what a worker did not cover (it is gone, or it failed) is read here from where its last batch ended — every byte
// counted once, by one side or the other.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AgentId, FileState, ParseOutcome } from '../../src/adapters/types.js';
import { FINGERPRINT_BYTES, fnv1a } from '../../src/tail/fingerprint.js';
import type { BatchItem, ParseBatch } from '../../src/tail/parse-file.js';
import type { PreparedRead } from '../../src/tail/parse-pool.js';
import { FileTracker, type TrackedFile } from '../../src/tail/tracker.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-tracker-replay-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T = { timeout: 10_000 };
const BODY = 'l1\nl2\nl3\nl4\n'; // four lines of 3 bytes
let n = 0;

function logFile(text = BODY): string {
  const dir = join(root, `f${++n}`);
  mkdirSync(dir);
  const p = join(dir, 's.jsonl');
  writeFileSync(p, text);
  return p;
}

/** The identity parse-file.ts puts on a file's first batch. */
function identityOf(p: string): NonNullable<ParseBatch['file']> {
  const st = statSync(p);
  const head = readFileSync(p).subarray(0, FINGERPRINT_BYTES);
  return { dev: st.dev, ino: st.ino, fp: fnv1a(head), fpLen: head.length };
}

function batch(items: BatchItem[] | string, bytes: number, offset: number, state: FileState, extra: Partial<ParseBatch> = {}): ParseBatch {
  return { id: 0, items, bytes, offset, skipping: false, state, ...extra };
}

/**
 * A worker's read, handing out `batches` in order and then undefined (its worker gone). Like the pool, it has nothing
 * after a file's last batch: the tracker must not ask for more once it got one marked done or failed.
 */
function preparedRead(batches: ParseBatch[]) {
  const log = { next: 0, discard: 0 };
  let ended = false;
  const read: PreparedRead = {
    next: () => {
      if (ended) throw new Error('asked for a batch after the last one');
      log.next++;
      const b = batches.shift();
      if (b?.done || b?.failed) ended = true;
      return Promise.resolve(b);
    },
    discard: () => void log.discard++,
  };
  return { read, log };
}

function recorder(restored: TrackedFile[] = []) {
  const lines: string[] = [];
  const parsed: ParseOutcome[] = [];
  const events: string[] = [];
  const taken: string[] = [];
  let consumed = 0;
  const tracker = new FileTracker({ maxLineBytes: 1 << 20, chunkBytes: 4096, maxOpenFiles: 16 }, {
    line: (_f, t) => void lines.push(t),
    parsed: (_f, o) => void parsed.push(o),
    tooLong: () => void events.push('tooLong'),
    consumed: (_f, b) => void (consumed += b),
    fileEvent: (_f, e, detail) => void events.push(detail === undefined ? e : `${e}:${detail}`),
  }, restored);
  const use = (reads: Map<string, PreparedRead>): void => {
    tracker.prepared = (path: string, agent: AgentId) => {
      taken.push(`${agent}:${path}`);
      return reads.get(path);
    };
  };
  return { tracker, lines, parsed, events, taken, use, consumed: () => consumed };
}

const EVENT = { kind: 'request', stand: 'in' } as unknown as ParseOutcome['events'][number];

test('a worker\'s batches are applied in order: items as an array or as JSON, 0 as an over-long line, offset and state after each', T, async () => {
  const p = logFile();
  const r = recorder();
  const { read, log } = preparedRead([
    batch(['parsed', 0], 6, 6, { n: 1 }, { file: identityOf(p) }),
    batch(JSON.stringify([{ result: 'parsed', events: [EVENT] }, 'malformed'] satisfies BatchItem[]), 6, 12, { n: 2, model: 'm' }, { done: true }),
  ]);
  r.use(new Map([[p, read]]));
  await r.tracker.visit(p, 'codex');
  assert.deepEqual(r.parsed, [{ result: 'parsed', events: [] }, { result: 'parsed', events: [EVENT] }, { result: 'malformed', events: [] }]);
  assert.deepEqual(r.events, ['discovered', 'tooLong']);
  assert.deepEqual(r.lines, [], 'nothing read here: the worker covered the whole file');
  assert.equal(r.consumed(), 12);
  assert.deepEqual([r.taken, log], [[`codex:${p}`], { next: 2, discard: 0 }]);
  const [snap] = r.tracker.snapshot();
  assert.deepEqual([snap!.offset, snap!.skipping, snap!.state], [12, false, { n: 2, model: 'm' }]);
  // Growth after the worker's read is read here, from its end; the worker is not asked again.
  appendFileSync(p, 'l5\n');
  await r.tracker.visit(p, 'codex');
  assert.deepEqual(r.lines, ['l5']);
  assert.equal(r.consumed(), 15);
  assert.equal(r.taken.length, 1);
  assert.deepEqual(r.tracker.snapshot()[0]!.state, { n: 2, model: 'm' }, 'the adapter state carries on from the last batch');
  await r.tracker.closeAll();
});

test('a worker that is gone, or failed, leaves the rest of the file to be read here from its last batch\'s end', T, async () => {
  for (const end of ['gone', 'failed'] as const) {
    const p = logFile();
    const r = recorder();
    const batches = [batch(['parsed'], 3, 3, { n: 1 }, { file: identityOf(p) }), batch(['parsed'], 3, 6, { n: 2 })];
    if (end === 'failed') batches.push(batch([], 0, 6, { n: 2 }, { failed: true }));
    const { read, log } = preparedRead(batches);
    r.use(new Map([[p, read]]));
    await r.tracker.visit(p, 'codex');
    assert.equal(r.parsed.length, 2, end);
    assert.deepEqual(r.lines, ['l3', 'l4'], end);
    assert.equal(r.consumed(), 12, end);
    assert.deepEqual(r.events, ['discovered'], end);
    assert.deepEqual(log, { next: 3, discard: 0 }, end);
    assert.deepEqual(r.tracker.snapshot()[0]!.state, { n: 2 }, end);
    await r.tracker.closeAll();
  }
});

test('a worker\'s read of another file (device, inode, first bytes, or more bytes than there are) is given up; the file is read here', T, async () => {
  const cases: [string, (id: NonNullable<ParseBatch['file']>) => Partial<ParseBatch>][] = [
    ['no identity', () => ({})],
    ['device', (id) => ({ file: { ...id, dev: id.dev + 1 } })],
    ['inode', (id) => ({ file: { ...id, ino: id.ino + 1 } })],
    ['first bytes', (id) => ({ file: { ...id, fp: fnv1a(Buffer.from('other')) } })],
    ['fingerprint length', (id) => ({ file: { ...id, fpLen: id.fpLen - 1 } })],
    ['longer than the file', (id) => ({ file: id, offset: BODY.length + 3 })],
  ];
  for (const [what, change] of cases) {
    const p = logFile();
    const r = recorder();
    const { read, log } = preparedRead([batch(['parsed', 'parsed'], 6, 6, { n: 1 }, change(identityOf(p))), batch(['parsed', 'parsed'], 6, 12, { n: 2 }, { done: true })]);
    r.use(new Map([[p, read]]));
    await r.tracker.visit(p, 'claude-code');
    assert.deepEqual(log, { next: 1, discard: 1 }, what);
    assert.deepEqual([r.parsed, r.lines, r.events, r.consumed()], [[], ['l1', 'l2', 'l3', 'l4'], ['discovered'], 12], what);
    assert.deepEqual(r.tracker.snapshot()[0]!.state, {}, what);
    await r.tracker.closeAll();
  }
});

test('a batch ending exactly at the file\'s end is applied (not mistaken for a longer file)', T, async () => {
  const p = logFile();
  const r = recorder();
  const { read, log } = preparedRead([batch(['parsed', 'parsed', 'parsed', 'parsed'], 12, 12, { n: 4 }, { file: identityOf(p), done: true })]);
  r.use(new Map([[p, read]]));
  await r.tracker.visit(p, 'codex');
  assert.deepEqual([r.parsed.length, r.lines, r.consumed(), log], [4, [], 12, { next: 1, discard: 0 }]);
  await r.tracker.closeAll();
});

test('no worker read for the file, or a file already under way (offset, state or a skipped line): read here', T, async () => {
  // No read prepared for this path.
  const p = logFile();
  const r = recorder();
  r.use(new Map());
  await r.tracker.visit(p, 'codex');
  assert.deepEqual([r.taken, r.lines, r.events], [[`codex:${p}`], ['l1', 'l2', 'l3', 'l4'], ['discovered']]);
  await r.tracker.closeAll();
  // Restored files: at offset 3; at offset 0 with adapter state; at offset 0 inside an over-long line. The worker read
  // the file from its start with empty state, which is not where these stand: it is not asked.
  for (const [what, at] of [['offset', { offset: 3, skipping: false, state: {} }], ['state', { offset: 0, skipping: false, state: { model: 'x' } }], ['skipping', { offset: 0, skipping: true, state: {} }]] as const) {
    const q = logFile();
    const id = identityOf(q);
    const restored: TrackedFile = { path: q, agent: 'codex', ...id, ...at, state: { ...at.state } };
    const s = recorder([restored]);
    const { read } = preparedRead([batch(['parsed', 'parsed', 'parsed', 'parsed'], 12, 12, { n: 4 }, { file: id, done: true })]);
    s.use(new Map([[q, read]]));
    await s.tracker.visit(q, 'codex');
    assert.deepEqual(s.taken, [], what);
    assert.deepEqual(s.parsed, [], what);
    assert.deepEqual(s.lines, what === 'offset' ? ['l2', 'l3', 'l4'] : what === 'state' ? ['l1', 'l2', 'l3', 'l4'] : ['l2', 'l3', 'l4'], what);
    await s.tracker.closeAll();
  }
});
