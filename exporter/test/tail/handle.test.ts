// openForRead in the test process: only regular files are read (a FIFO, which would block a read until someone
// writes, is refused as ENOTFILE and its descriptor closed), reads land where asked in both forms, and the synchronous
// handle's close may be called twice (the tracker closes on rotation and again at the end).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openForRead } from '../../src/tail/handle.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-handle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const openFds = (): number => readdirSync('/proc/self/fd').length;

for (const sync of [false, true]) {
  test(`${sync ? 'synchronous' : 'fs/promises'} handle: reads at a position into an offset of the buffer`, async () => {
    const p = join(dir, `read-${sync}.jsonl`);
    writeFileSync(p, 'abcdefghij');
    const fh = await openForRead(p, sync);
    try {
      const buf = Buffer.alloc(8, '.');
      assert.equal((await fh.read(buf, 2, 4, 3)).bytesRead, 4);
      assert.equal(buf.toString(), '..defg..');
      assert.equal((await fh.read(buf, 0, 8, 10)).bytesRead, 0, 'at the end of the file');
    } finally {
      await fh.close();
    }
  });

  test(`${sync ? 'synchronous' : 'fs/promises'} open refuses a FIFO (ENOTFILE, naming the path) and leaves no descriptor open`, async () => {
    const fifo = join(dir, `pipe-${sync}.jsonl`);
    execFileSync('mkfifo', [fifo]);
    const before = openFds();
    await assert.rejects(openForRead(fifo, sync), (err: NodeJS.ErrnoException) => err.code === 'ENOTFILE' && err.message === `not a regular file: ${fifo}` && err.path === fifo);
    assert.equal(openFds(), before);
  });
}

test('the synchronous handle closes once, however often close is called', async () => {
  const p = join(dir, 'close.jsonl');
  writeFileSync(p, 'x');
  const before = openFds();
  const fh = await openForRead(p, true);
  assert.equal(openFds(), before + 1);
  await fh.close();
  assert.equal(openFds(), before);
  // A second close must not close whatever descriptor took the number since.
  const other = await openForRead(p, true);
  assert.equal(other.fd, fh.fd, 'the kernel hands the freed number out again');
  await fh.close();
  const buf = Buffer.alloc(1);
  assert.deepEqual(await other.read(buf, 0, 1, 0), { bytesRead: 1 }, 'the other handle still reads');
  await other.close();
});
