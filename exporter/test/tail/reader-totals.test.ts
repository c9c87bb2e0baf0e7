// What a read reports about itself: the bytes it moved past (its result, and `consumed`, which feeds
// agentmon_bytes_read_total), whether a file has more after its budget (the tracker's fairness between files), and
// the edges of what it hands on (a lone carriage return, the shrink threshold, an over-long line cut off by the end of
// the file). reader.test.ts pins the lines and offsets; this file pins the figures around them.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readLines, type ReadOptions, type ReadPosition } from '../../src/tail/reader.js';
import { type LineFilter, usageLineFilter } from '../../src/tail/usage-filter.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-reader-totals-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function read(path: string, pos: ReadPosition, opts: ReadOptions, keep?: LineFilter) {
  const lines: string[] = [];
  let tooLong = 0;
  let consumed = 0;
  const fh = await open(path, 'r');
  try {
    const result = await readLines(fh, pos, opts, { line: (t) => lines.push(t), tooLong: () => tooLong++, consumed: (b) => (consumed += b), ...(keep ? { keep } : {}) });
    return { lines, tooLong, consumed, result };
  } finally {
    await fh.close();
  }
}

test('bytes read, bytes consumed and the offset agree on every path: lines, spans, over-long lines, resumed skips', async () => {
  const p = join(dir, 'paths.jsonl');
  const span = JSON.stringify({ t: 'x'.repeat(150) }); // spans 64-byte chunks, under the cap
  // A short line, a blank one, a spanning one, an over-long one inside one chunk of 4096 and across 64-byte chunks,
  // and the start of an over-long line the file cuts off (read again once the rest arrives).
  writeFileSync(p, `a\n\n${span}\n${'o'.repeat(300)}\nb\n${'s'.repeat(250)}`);
  for (const chunkBytes of [64, 4096]) {
    const pos = { offset: 0, skipping: false };
    const first = await read(p, pos, { maxLineBytes: 200, chunkBytes });
    const size = statSync(p).size;
    assert.deepEqual(first.lines, ['a', span, 'b'], `chunkBytes ${chunkBytes}`);
    assert.equal(first.tooLong, 2, `chunkBytes ${chunkBytes}`);
    assert.equal(pos.skipping, true, 'inside the cut-off over-long line');
    assert.deepEqual([first.result.bytes, first.consumed, pos.offset], [size, size, size], `chunkBytes ${chunkBytes}: every byte moved past is counted once`);
    assert.equal(first.result.more, false);
  }
  // The rest of the over-long line and one more line: a read that starts while skipping.
  const pos = { offset: 0, skipping: false };
  await read(p, pos, { maxLineBytes: 200, chunkBytes: 64 });
  const before = pos.offset;
  appendFileSync(p, `${'s'.repeat(100)}\nlast\n`);
  const second = await read(p, pos, { maxLineBytes: 200, chunkBytes: 64 });
  assert.deepEqual(second.lines, ['last']);
  assert.equal(second.tooLong, 0, 'the same over-long line is not reported twice');
  assert.deepEqual([second.result.bytes, second.consumed, pos.offset - before], [106, 106, 106]);
  assert.equal(pos.skipping, false);
});

test('usage-only reads count the lines they pass over unread, short and spanning alike', async () => {
  const p = join(dir, 'usage-only.jsonl');
  const wanted = JSON.stringify({ message: { usage: { output_tokens: 1 } } });
  const spanNo = JSON.stringify({ t: 'n'.repeat(150) });
  const spanYes = JSON.stringify({ t: 'y'.repeat(150), usage: 1 });
  writeFileSync(p, `{"a":1}\n${wanted}\n${spanNo}\n{"b":2}\n${spanYes}\n`);
  const size = statSync(p).size;
  for (const chunkBytes of [64, 4096]) {
    const pos = { offset: 0, skipping: false };
    const r = await read(p, pos, { maxLineBytes: 1000, chunkBytes }, usageLineFilter(['"usage"']));
    assert.deepEqual(r.lines, [wanted, spanYes], `chunkBytes ${chunkBytes}`);
    assert.deepEqual([r.result.bytes, r.consumed, pos.offset], [size, size, size], `chunkBytes ${chunkBytes}`);
  }
});

test('an over-long line cut off by the end of the file inside its first chunk is reported at once', async () => {
  const p = join(dir, 'cut.jsonl');
  writeFileSync(p, `ok\n${'z'.repeat(200)}`);
  const pos = { offset: 0, skipping: false };
  const r = await read(p, pos, { maxLineBytes: 100, chunkBytes: 4096 });
  assert.deepEqual(r.lines, ['ok']);
  assert.equal(r.tooLong, 1);
  assert.deepEqual([pos.offset, pos.skipping, r.result.bytes], [203, true, 203]);
});

test('a budget ends the read at the first chunk end that reaches it, and says whether the file has more', async () => {
  const p = join(dir, 'budget.jsonl');
  const line = `${'l'.repeat(15)}\n`; // 16 bytes: four to a 64-byte chunk
  writeFileSync(p, line.repeat(12)); // 192 bytes, three chunks
  const pos = { offset: 0, skipping: false };
  const first = await read(p, pos, { maxLineBytes: 100, chunkBytes: 64, budgetBytes: 64 });
  assert.deepEqual([first.result.bytes, first.lines.length, first.result.more], [64, 4, true], 'a chunk that reaches the budget exactly ends the turn');
  const second = await read(p, pos, { maxLineBytes: 100, chunkBytes: 64, budgetBytes: 65 });
  assert.deepEqual([second.result.bytes, second.result.more], [128, false], 'one byte more: a second chunk, and the file ends there');
  assert.equal(pos.offset, 192);
  // A file whose end falls exactly at the budget has nothing more.
  const q = join(dir, 'exact.jsonl');
  writeFileSync(q, line.repeat(4));
  const exact = await read(q, { offset: 0, skipping: false }, { maxLineBytes: 100, chunkBytes: 64, budgetBytes: 64 });
  assert.deepEqual([exact.result.bytes, exact.result.more], [64, false]);
  // Without a budget a read goes to the end and never says more.
  const all = await read(p, { offset: 0, skipping: false }, { maxLineBytes: 100, chunkBytes: 64 });
  assert.deepEqual([all.result.bytes, all.result.more, all.lines.length], [192, false, 12]);
});

test('a line holding only a carriage return (CRLF blank line) is not handed on; other CRLF lines are, as written', async () => {
  const p = join(dir, 'crlf.jsonl');
  writeFileSync(p, '{"a":1}\r\n\r\n\n{"b":2}\r\n');
  const r = await read(p, { offset: 0, skipping: false }, { maxLineBytes: 100, chunkBytes: 4096 });
  assert.deepEqual(r.lines, ['{"a":1}\r', '{"b":2}\r']);
  assert.equal(r.consumed, 21);
});

test('long JSON strings are cut only in lines longer than shrinkAboveBytes, and never without it', async () => {
  const p = join(dir, 'shrink.jsonl');
  const line = JSON.stringify({ text: 'w'.repeat(6000) });
  writeFileSync(p, `${line}\n`);
  const whole = await read(p, { offset: 0, skipping: false }, { maxLineBytes: 100_000, chunkBytes: 65536 });
  assert.deepEqual(whole.lines, [line], 'no shrinkAboveBytes: the line as written');
  const zero = await read(p, { offset: 0, skipping: false }, { maxLineBytes: 100_000, chunkBytes: 65536, shrinkAboveBytes: 0 });
  assert.deepEqual(zero.lines, [line], 'shrinkAboveBytes 0: never');
  const atLimit = await read(p, { offset: 0, skipping: false }, { maxLineBytes: 100_000, chunkBytes: 65536, shrinkAboveBytes: line.length });
  assert.deepEqual(atLimit.lines, [line], 'a line of exactly shrinkAboveBytes is not cut');
  const over = await read(p, { offset: 0, skipping: false }, { maxLineBytes: 100_000, chunkBytes: 65536, shrinkAboveBytes: line.length - 1 });
  assert.equal(over.lines.length, 1);
  const cut = JSON.parse(over.lines[0]!) as { text: string };
  assert.ok(cut.text.length < 6000 && cut.text.length >= 4000, `cut to about 4 KB (got ${cut.text.length})`);
  assert.equal(over.consumed, line.length + 1, 'the bytes consumed are those of the line as written');
});
