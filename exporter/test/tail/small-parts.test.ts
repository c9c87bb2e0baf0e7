// The tail's small parts in the test process: the FNV-1a fingerprint (stored in checkpoints, so its values must not
// drift between versions), reading a whole document through a handle that returns short reads or a file that shrank,
// and the usage filter's seam width (a marker or escape split between two pieces of a streamed line is still found).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readDocumentText } from '../../src/tail/document.js';
import { fnv1a } from '../../src/tail/fingerprint.js';
import type { ReadHandle } from '../../src/tail/handle.js';
import { usageLineFilter } from '../../src/tail/usage-filter.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-small-parts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('fnv1a gives the published FNV-1a 32-bit values, always as 8 hex digits', () => {
  // Test vectors of the FNV reference (isthe.com/chongo/tech/comp/fnv): "", "a", "foobar".
  assert.equal(fnv1a(Buffer.from('')), '811c9dc5');
  assert.equal(fnv1a(Buffer.from('a')), 'e40c292c');
  assert.equal(fnv1a(Buffer.from('foobar')), 'bf9cf968');
  // About one hash in sixteen starts with a zero: it keeps it.
  let leadingZero = 0;
  for (let i = 0; i < 200; i++) {
    const h = fnv1a(Buffer.from(`line ${i}`));
    assert.match(h, /^[0-9a-f]{8}$/);
    if (h.startsWith('0')) leadingZero += 1;
  }
  assert.ok(leadingZero > 0, 'some hashes start with 0');
});

test('a document is read whole through short reads, and cut where the file ends if it shrank', { timeout: 10_000 }, async () => {
  const p = join(dir, 'doc.json');
  const text = JSON.stringify({ messages: Array.from({ length: 50 }, (_, i) => ({ i, text: `é ${'m'.repeat(i)}` })) });
  writeFileSync(p, text);
  const size = Buffer.byteLength(text);
  const fh = await open(p, 'r');
  const short: ReadHandle = {
    fd: fh.fd,
    close: () => fh.close(),
    read: async (b, o, l, at) => {
      if (o < 0 || l < 0 || o + l > b.length) throw new RangeError(`read of ${l} bytes at ${o} into ${b.length}`);
      return await fh.read(b, o, Math.min(l, 97), at);
    },
  };
  try {
    assert.equal(await readDocumentText(short, size), text);
    // Asked for more than the file holds (it shrank since its size was taken): what is there.
    assert.equal(await readDocumentText(fh, size + 100), text);
  } finally {
    await fh.close();
  }
});

test('the usage filter finds a marker or an escape split between two pieces at any point, also with short markers', () => {
  for (const markers of [['"u"'], ['ab'], ['_x'], ['"usage"', 'token_count']]) {
    const keep = usageLineFilter(markers);
    const lines = [`{"x":"\\u0041"}`, `zz${markers[0]}zz`, `{"t":"__\\u0070__"}`];
    for (const line of lines) {
      const bytes = Buffer.from(line);
      assert.equal(keep(bytes), true, `${JSON.stringify(markers)}: ${line}`);
      for (let s = 1; s < bytes.length; s++) {
        // How the reader tests a streamed line: each piece, and the seam of `overlap` bytes either side of the split.
        const seam = Buffer.concat([bytes.subarray(Math.max(0, s - keep.overlap), s), bytes.subarray(s, s + keep.overlap)]);
        const found = keep(bytes.subarray(0, s)) || keep(bytes.subarray(s)) || keep(seam);
        assert.equal(found, true, `${JSON.stringify(markers)}: ${line} split at ${s}`);
      }
    }
  }
  // A marker that starts with its underscore is found at the very start of a piece.
  assert.equal(usageLineFilter(['_x'])(Buffer.from('_x')), true);
  assert.equal(usageLineFilter(['_x'])(Buffer.from('x_')), false);
});
