// readLines at its edges, in the test process: tiny chunks (the first read of the process, which also fills the
// buffer pools), a chunk that starts with a blank line, a line that starts with a carriage return (JSON whitespace: it
// parses), handles that return short reads (read(2) may), a read that fails after the budget was reached, and a line
// handler that throws while the next read is in flight. reader.test.ts and reader-totals.test.ts pin the usual paths.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ReadHandle } from '../../src/tail/handle.js';
import { readLines, SHRINK_ABOVE_BYTES, type ReadOptions } from '../../src/tail/reader.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-reader-edges-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function readWith(fh: ReadHandle, opts: ReadOptions, onLine?: (t: string) => void) {
  const lines: string[] = [];
  let consumed = 0;
  const pos = { offset: 0, skipping: false };
  const result = await readLines(fh, pos, opts, { line: (t) => (onLine?.(t), lines.push(t)), tooLong: () => assert.fail('no line is too long'), consumed: (b) => (consumed += b) });
  return { lines, consumed, pos, result };
}

async function readFile(content: string | Buffer, opts: ReadOptions) {
  const p = join(dir, `f-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(p, content);
  const fh = await open(p, 'r');
  try {
    return await readWith(fh, opts);
  } finally {
    await fh.close();
  }
}

// First in the file on purpose: the first read of the process, with 16-byte chunks and a short line across two.
test('a short line across two small chunks, in the first read of the process', async () => {
  const r = await readFile('aaaaaaaaaaa\nbbbbbbbbbb\ncc\n', { maxLineBytes: 100, chunkBytes: 16 });
  assert.deepEqual(r.lines, ['aaaaaaaaaaa', 'bbbbbbbbbb', 'cc']);
  assert.deepEqual([r.pos.offset, r.consumed, r.result.bytes], [26, 26, 26]);
});

test('a chunk that starts with a blank line: the blank line is consumed, the lines around it handed on', async () => {
  for (const chunkBytes of [4, 8]) {
    const r = await readFile('abc\n\nde\nfgh\n\n\nij\n', { maxLineBytes: 100, chunkBytes });
    assert.deepEqual(r.lines, ['abc', 'de', 'fgh', 'ij'], `chunkBytes ${chunkBytes}`);
    assert.deepEqual([r.pos.offset, r.consumed], [17, 17], `chunkBytes ${chunkBytes}`);
  }
});

test('a line that starts with a carriage return is handed on (JSON.parse reads it); a lone one is not', async () => {
  const r = await readFile('\r{"a":1}\n\r\n\r\r\n', { maxLineBytes: 100, chunkBytes: 4096 });
  assert.deepEqual(r.lines, ['\r{"a":1}', '\r\r']);
  assert.deepEqual(JSON.parse(r.lines[0]!), { a: 1 });
});

test('short reads (a handle that returns a few bytes per call) give the same lines and offsets', async () => {
  const p = join(dir, 'short-reads.jsonl');
  const long = JSON.stringify({ t: 'x'.repeat(300), n: 1 });
  const big = JSON.stringify({ t: 'y'.repeat((1 << 20) + 100), n: 2 });
  const content = `a\n${long}\nb\n${big}\n${long}\n`;
  writeFileSync(p, content);
  const fh = await open(p, 'r');
  let calls = 0;
  const short: ReadHandle = {
    fd: fh.fd,
    close: () => fh.close(),
    read: async (b, o, l, at) => {
      // What fs would refuse: a read past the end of the buffer.
      if (o < 0 || l < 0 || o + l > b.length) throw new RangeError(`read of ${l} bytes at ${o} into ${b.length}`);
      calls += 1;
      return await fh.read(b, o, Math.min(l, 65_521), at);
    },
  };
  try {
    const r = await readWith(short, { maxLineBytes: 2 << 20, chunkBytes: 1 << 16 });
    assert.deepEqual(r.lines, ['a', long, 'b', big, long]);
    assert.deepEqual([r.pos.offset, r.consumed], [Buffer.byteLength(content), Buffer.byteLength(content)]);
    assert.ok(calls > 2 * Math.floor(big.length / 65_521), 'the long line was read, and read again, in short pieces');
  } finally {
    await fh.close();
  }
});

test('a read that fails after the budget was reached ends the turn with no more to read', async () => {
  const p = join(dir, 'fail-after-budget.jsonl');
  writeFileSync(p, `${'l'.repeat(15)}\n${'m'.repeat(15)}\n`);
  const fh = await open(p, 'r');
  const failing: ReadHandle = {
    fd: fh.fd,
    close: () => fh.close(),
    read: (b, o, l, at) => (at === 0 ? fh.read(b, o, l, at) : Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }))),
  };
  try {
    const r = await readWith(failing, { maxLineBytes: 100, chunkBytes: 16, budgetBytes: 16 });
    assert.deepEqual(r.lines, ['l'.repeat(15)]);
    assert.deepEqual(r.result, { bytes: 16, more: false });
  } finally {
    await fh.close();
  }
});

test('a line handler that throws ends the read with its error, and the read in flight does not become an unhandled rejection', async () => {
  const p = join(dir, 'throwing.jsonl');
  writeFileSync(p, `${'a'.repeat(15)}\n${'b'.repeat(15)}\n`);
  const fh = await open(p, 'r');
  const failing: ReadHandle = {
    fd: fh.fd,
    close: () => fh.close(),
    read: (b, o, l, at) => (at === 0 ? fh.read(b, o, l, at) : Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }))),
  };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await assert.rejects(readWith(failing, { maxLineBytes: 100, chunkBytes: 16 }, () => {
      throw new Error('handler failed');
    }), /handler failed/);
    // Unhandled rejections are reported after the microtasks of a turn: two turns of the event loop are enough.
    for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await fh.close();
  }
});

test('the line size above which long strings are cut is 64 KB (README, docs/PERFORMANCE.md)', () => {
  assert.equal(SHRINK_ABOVE_BYTES, 65_536);
});
