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

test('a line of exactly maxLineBytes is read; one byte more is too long (in one chunk, across chunks, at a chunk end)', async () => {
  const p = join(dir, 'boundary.jsonl');
  const exact = 'a'.repeat(100);
  const over = 'b'.repeat(101);
  writeFileSync(p, `${exact}\n${over}\nok\n${exact}\n`);
  // 7: every long line spans chunks; 100 and 101: a chunk ends right where a line of 100 or 101 bytes ends, before
  // its newline; 65536: every line inside one chunk.
  for (const chunkBytes of [7, 100, 101, 65536]) {
    const pos = { offset: 0, skipping: false };
    const r = await readAll(p, pos, 100, chunkBytes);
    assert.deepEqual(r.lines, [exact, 'ok', exact], `chunkBytes ${chunkBytes}`);
    assert.equal(r.tooLong, 1, `chunkBytes ${chunkBytes}`);
    assert.equal(pos.offset, 101 + 102 + 3 + 101, `chunkBytes ${chunkBytes}`);
  }
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

test('usage-only reads: a spanning line is handed on exactly when the whole line matches, wherever the marker falls', async () => {
  const { usageLineFilter } = await import('../../src/tail/usage-filter.js');
  const keep = usageLineFilter(['"usage"', 'token_count']);
  const filler = (n: number) => 'f'.repeat(n);
  // Markers at the start, middle, end and across every chunk seam; escapes split the same way; lines with none.
  const lines: string[] = [];
  for (let at = 0; at < 40; at += 3) lines.push(`{"a":"${filler(at)}","usage":{"n":${at}},"b":"${filler(60 - at)}"}`);
  for (let at = 0; at < 40; at += 5) lines.push(`{"a":"${filler(at)}\\u0061","b":"${filler(50)}"}`);
  for (let at = 0; at < 40; at += 7) lines.push(`{"a":"${filler(at)}\\u001b","b":"token_coun${filler(30)}"}`);
  lines.push(`{"plain":"${filler(300)}"}`, 'x', '');
  const p = join(dir, 'seams.jsonl');
  writeFileSync(p, lines.join('\n') + '\n');
  const want = lines.filter((l) => l.length > 0 && keep(Buffer.from(l)));
  assert.ok(want.length > 10 && want.length < lines.length - 5, 'the corpus holds both kinds');
  for (const chunkBytes of [5, 7, 8, 11, 13, 64, 4096]) {
    const got: string[] = [];
    let consumed = 0;
    const pos = { offset: 0, skipping: false };
    const fh = await open(p, 'r');
    try {
      await readLines(fh, pos, { maxLineBytes: 10_000, chunkBytes }, { line: (t) => got.push(t), tooLong: () => assert.fail('no line is too long'), consumed: (b) => (consumed += b), keep });
    } finally {
      await fh.close();
    }
    assert.deepEqual(got, want, `chunks of ${chunkBytes} bytes`);
    assert.equal(pos.offset, Buffer.byteLength(lines.join('\n') + '\n'));
    assert.equal(consumed, pos.offset);
  }
});

test('a long line that cannot change usage is streamed past: never reassembled or decoded', async () => {
  const { usageLineFilter } = await import('../../src/tail/usage-filter.js');
  const base = usageLineFilter(['"usage"']);
  let biggest = 0;
  const keep = Object.assign((b: Buffer) => {
    biggest = Math.max(biggest, b.length);
    return base(b);
  }, { overlap: base.overlap });
  const p = join(dir, 'streamed.jsonl');
  const big = `{"type":"user","toolUseResult":"${'r'.repeat(3_000_000)}"}`;
  const used = `{"type":"assistant","content":"${'w'.repeat(2_000_000)}","usage":{"output_tokens":7}}`;
  writeFileSync(p, `${big}\n${used}\n`);
  const got: string[] = [];
  const pos = { offset: 0, skipping: false };
  const fh = await open(p, 'r');
  try {
    await readLines(fh, pos, { maxLineBytes: 8 << 20, chunkBytes: 1 << 20, shrinkAboveBytes: 64 * 1024 }, { line: (t) => got.push(t), tooLong: () => undefined, consumed: () => undefined, keep });
  } finally {
    await fh.close();
  }
  assert.ok(biggest <= 1 << 20, `the filter only ever saw chunk-sized pieces (largest ${biggest} bytes)`);
  assert.equal(got.length, 1, 'only the line with usage is handed on');
  assert.equal(JSON.parse(got[0]!).usage.output_tokens, 7, 'read again whole (its long string cut) and parsed');
  assert.equal(pos.offset, big.length + used.length + 2);
});

test('a spanning line cut short before it is read again is handed on as read (and fails to parse), offsets intact', async () => {
  const p = join(dir, 'cut.jsonl');
  const line = `{"usage":"${'u'.repeat(5000)}"}`;
  writeFileSync(p, `${line}\nafter\n`);
  const fh = await open(p, 'r');
  const got: string[] = [];
  const pos = { offset: 0, skipping: false };
  // The handle lies about the re-read (as if the file had been cut): only the first 100 bytes come back.
  let rereading = false;
  const lying = {
    fd: fh.fd,
    close: () => fh.close(),
    read: async (b: Buffer, o: number, l: number, at: number) => {
      if (l === line.length && at === 0) rereading = true;
      if (rereading && o > 0) return { bytesRead: 0 };
      return await fh.read(b, o, rereading ? Math.min(l, 100) : l, at);
    },
  };
  try {
    await readLines(lying as never, pos, { maxLineBytes: 10_000, chunkBytes: 1024 }, { line: (t) => got.push(t), tooLong: () => undefined, consumed: () => undefined });
  } finally {
    await fh.close();
  }
  assert.deepEqual(got.map((t) => t.length), [100, 5]);
  assert.equal(pos.offset, line.length + 1 + 6, 'the offset still counts the whole line');
});
