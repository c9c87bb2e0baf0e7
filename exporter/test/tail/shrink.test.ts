// Cutting long JSON strings at the byte level keeps every number, key and short string exactly, cuts long strings
// to a prefix of what they were (never inside an escape or a multi-byte character), and keeps invalid JSON invalid.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readLines } from '../../src/tail/reader.js';
import { shrinkJsonStrings } from '../../src/tail/shrink.js';

/** Asserts `small` equals `full` except that long strings may be prefixes of the originals. */
function sameButShorter(small: unknown, full: unknown, path = '$'): void {
  if (typeof full === 'string') {
    assert.equal(typeof small, 'string', path);
    assert.ok(full.startsWith(small as string), `${path}: not a prefix`);
    if (Buffer.byteLength(full) <= 100) assert.equal(small, full, `${path}: a short string changed`);
    return;
  }
  if (Array.isArray(full)) {
    assert.ok(Array.isArray(small) && small.length === full.length, path);
    full.forEach((v, i) => sameButShorter((small as unknown[])[i], v, `${path}[${i}]`));
    return;
  }
  if (full && typeof full === 'object') {
    assert.deepEqual(Object.keys(small as object), Object.keys(full), path);
    for (const [k, v] of Object.entries(full)) sameButShorter((small as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  assert.equal(small, full, path);
}

test('long strings become prefixes; numbers, ids and structure stay exact', () => {
  const tricky = ['\\', '"', '\n', '\u00e9', '\u{1F600}', '\u0001', 'x', '\u20ac'];
  for (let seed = 0; seed < 300; seed++) {
    let text = '';
    for (let i = 0; i < 150 + seed; i++) text += tricky[(i * 7 + seed) % tricky.length];
    const line = JSON.stringify({
      type: 'user', uuid: `u-${seed}`, message: { content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: text, is_error: seed % 2 === 0 }] },
      usage: { input_tokens: 123456789, output_tokens: seed }, toolUseResult: { stdout: text + text, nested: [text, 1.5, null, true] },
    });
    const small = shrinkJsonStrings(Buffer.from(line), 100 + (seed % 7));
    assert.ok(small.length < Buffer.byteLength(line));
    sameButShorter(JSON.parse(small.toString('utf8')), JSON.parse(line));
  }
});

test('invalid JSON stays invalid; lines without long strings are returned as they are', () => {
  assert.throws(() => JSON.parse(shrinkJsonStrings(Buffer.from(`{"a":"${'x'.repeat(500)}`), 100).toString()));
  assert.throws(() => JSON.parse(shrinkJsonStrings(Buffer.from(`{"a":"${'x'.repeat(500)}",}`), 100).toString()));
  const short = Buffer.from('{"a":"b","n":1}');
  assert.equal(shrinkJsonStrings(short, 100), short);
});

test('the reader hands on big lines with their long strings cut, and counts their full size', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-shrink-'));
  try {
    const p = join(dir, 'big.jsonl');
    const big = JSON.stringify({ type: 'user', n: 42, text: 'z'.repeat(200_000) });
    writeFileSync(p, `${big}\n{"small":true}\n`);
    const lines: string[] = [];
    let consumed = 0;
    const fh = await open(p, 'r');
    await readLines(fh, { offset: 0, skipping: false }, { maxLineBytes: 1 << 20, chunkBytes: 65536, shrinkAboveBytes: 64 * 1024 }, {
      line: (t) => lines.push(t), tooLong: () => assert.fail('not too long'), consumed: (b) => (consumed += b),
    });
    await fh.close();
    assert.deepEqual(JSON.parse(lines[0]!), { type: 'user', n: 42, text: 'z'.repeat(4096) });
    assert.equal(lines[1], '{"small":true}');
    assert.equal(consumed, big.length + 1 + 15);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
