import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readLines, type ReadPosition } from '../../src/tail/reader.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-reader-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(path: string, pos: ReadPosition, maxLineBytes = 1024, chunkBytes = 64) {
  const lines: string[] = [];
  let tooLong = 0;
  let consumed = 0;
  const fh = await open(path, 'r');
  try {
    await readLines(fh, pos, { maxLineBytes, chunkBytes }, { line: (t) => lines.push(t), tooLong: () => tooLong++, consumed: (b) => (consumed += b) });
  } finally {
    await fh.close();
  }
  return { lines, tooLong, consumed };
}

test('a partial last line waits for its newline; the offset stays at the line boundary', async () => {
  const p = join(dir, 'partial.jsonl');
  writeFileSync(p, '{"a":1}\n{"b":');
  const pos = { offset: 0, skipping: false };
  const first = await readAll(p, pos);
  assert.deepEqual(first.lines, ['{"a":1}']);
  assert.equal(pos.offset, 8);
  appendFileSync(p, '2}\n');
  const second = await readAll(p, pos);
  assert.deepEqual(second.lines, ['{"b":2}']);
  assert.equal(pos.offset, 16);
  assert.equal(first.consumed + second.consumed, 16);
});

test('lines spanning many chunks are reassembled exactly', async () => {
  const p = join(dir, 'chunks.jsonl');
  const long = JSON.stringify({ text: 'x'.repeat(500) });
  writeFileSync(p, `${long}\n${long}\nshort\n`);
  const pos = { offset: 0, skipping: false };
  const r = await readAll(p, pos, 1024, 7);
  assert.deepEqual(r.lines, [long, long, 'short']);
  assert.equal(pos.offset, long.length * 2 + 2 + 6);
});

test('an over-long line is skipped once, even when the skip is interrupted and resumed', async () => {
  const p = join(dir, 'long.jsonl');
  writeFileSync(p, `ok1\n${'y'.repeat(5000)}`); // the long line has no newline yet
  const pos = { offset: 0, skipping: false };
  const r1 = await readAll(p, pos, 1000, 256);
  assert.deepEqual(r1.lines, ['ok1']);
  assert.equal(r1.tooLong, 1);
  assert.equal(pos.skipping, true);
  assert.equal(pos.offset, 4 + 5000, 'discarded bytes are committed while skipping');
  appendFileSync(p, `${'y'.repeat(3000)}\nok2\n`);
  const r2 = await readAll(p, { ...pos }, 1000, 256); // a fresh reader, as after a restart
  assert.deepEqual(r2.lines, ['ok2']);
  assert.equal(r2.tooLong, 0, 'the same long line is not counted twice');
});

test('a complete over-long line inside one chunk is reported and skipped', async () => {
  const p = join(dir, 'long2.jsonl');
  writeFileSync(p, `${'z'.repeat(2000)}\nafter\n`);
  const r = await readAll(p, { offset: 0, skipping: false }, 1000, 65536);
  assert.deepEqual(r.lines, ['after']);
  assert.equal(r.tooLong, 1);
});

test('invalid UTF-8 is decoded with replacement characters, blank lines and CRLF are tolerated', async () => {
  const p = join(dir, 'bytes.jsonl');
  writeFileSync(p, Buffer.concat([Buffer.from('{"t":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}\n\n{"u":1}\r\n')]));
  const r = await readAll(p, { offset: 0, skipping: false });
  assert.equal(r.lines.length, 2);
  assert.ok(r.lines[0]!.includes('\ufffd'));
  assert.equal(JSON.parse(r.lines[1]!).u, 1);
});

test('synchronous reads (one-shot commands) hand on the same lines, offsets and skips as asynchronous ones', async () => {
  const p = join(dir, 'sync.jsonl');
  const long = JSON.stringify({ text: 'q'.repeat(3000) });
  writeFileSync(p, `a\n${long}\n${'z'.repeat(5000)}\nb\npartial`);
  const run = async (syncReads: boolean) => {
    const lines: string[] = [];
    let tooLong = 0;
    const pos = { offset: 0, skipping: false };
    const fh = await open(p, 'r');
    try {
      await readLines(fh, pos, { maxLineBytes: 4000, chunkBytes: 97, syncReads }, { line: (t) => lines.push(t), tooLong: () => tooLong++, consumed: () => undefined });
    } finally {
      await fh.close();
    }
    return { lines, tooLong, pos };
  };
  const [a, s] = [await run(false), await run(true)];
  assert.deepEqual(s, a);
  assert.deepEqual(s.lines, ['a', long, 'b']);
  assert.equal(s.tooLong, 1);
  assert.equal(s.pos.offset, 2 + long.length + 1 + 5001 + 2, 'the partial last line is not committed');
});
