// One file's read for the parse workers (src/tail/parse-file.ts), called directly in the test process: what the tracker
// applies from the batches must be what reading the file line by line gives. Pinned here with a probe adapter whose
// parse is known: batches cut at 500 items or 8 MiB read, items in line order (a result alone when the line produced
// nothing else, the whole outcome otherwise, 0 for an over-long line, 'malformed' for a parser that throws), the usage
// filter of usage-only reads, the file's identity on the first batch only, the position and a copy of the adapter state
// after each batch, `done` on the last, `failed` when the file cannot be read, and every byte counted once.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { registerCustomAdapters } from '../../src/adapters/index.js';
import type { Adapter, AgentEvent, AgentId, FileContext, ParseOutcome, Reading } from '../../src/adapters/types.js';
import { fnv1a } from '../../src/tail/fingerprint.js';
import { parseFile, type BatchItem, type ParseBatch } from '../../src/tail/parse-file.js';

const root = mkdtempSync(join(tmpdir(), 'agentmon-parse-file-'));
after(() => rmSync(root, { recursive: true, force: true }));

const EVENT = { kind: 'activity', ts: 1 } as unknown as AgentEvent;
const READING = { kind: 'context', ts: 1 } as unknown as Reading;

/** The probe's parse of a line, by its first letter; every parsed line is counted in the file's state. */
function probeParse(line: string, ctx: FileContext): ParseOutcome {
  ctx.state.n = Number(ctx.state.n ?? 0) + 1;
  ctx.state.usageOnly = ctx.usageOnly ?? null;
  return outcomeOf(line);
}
function outcomeOf(line: string): ParseOutcome {
  switch (line[0]) {
    case 'E':
      return { result: 'parsed', events: [EVENT] };
    case 'A':
      return { result: 'parsed', events: [], agent: 'codex' };
    case 'R':
      return { result: 'parsed', events: [], readings: [READING] };
    case 'I':
      return { result: 'ignored', events: [] };
    case 'T':
      throw new Error(`parser bug on ${line}`);
    default:
      return { result: 'parsed', events: [] };
  }
}
const probe = (id: string, usageMarkers?: string[]): Adapter => ({
  id: id as AgentId,
  defaultRoots: () => [],
  isLogFile: () => true,
  parse: probeParse,
  ...(usageMarkers ? { usageMarkers } : {}),
});
// 'probe' skips lines without KEEP in usage-only reads; 'probe-all' has no markers: every line matters to it.
registerCustomAdapters([probe('probe', ['KEEP']), probe('probe-all')]);

const MAX_LINE = 200;
const opts = (usageOnly: boolean) => ({ usageOnly, maxLineBytes: MAX_LINE, chunkBytes: 4096, shrinkAboveBytes: 0 });

/** Line i of the test file: its kind by position, a KEEP marker on every third line, one too-long and one empty line. */
function lineAt(i: number): string {
  if (i === 10) return 'P' + 'x'.repeat(MAX_LINE);
  if (i === 20) return '';
  const kind = i % 7 === 3 ? 'E' : i % 11 === 5 ? 'A' : i % 13 === 6 ? 'R' : i % 17 === 8 ? 'T' : i % 19 === 9 ? 'I' : 'P';
  return `${kind}${i % 3 === 0 ? ' KEEP' : ''} line ${i}`;
}

/** What the batches must carry, computed line by line: items in order, cut after the line that makes 500. */
function expectedBatches(lines: string[], keep: (l: string) => boolean): { items: BatchItem[]; bytes: number; offset: number; n: number }[] {
  const out: { items: BatchItem[]; bytes: number; offset: number; n: number }[] = [];
  let cur: BatchItem[] = [];
  let bytes = 0;
  let offset = 0;
  let n = 0;
  for (const line of lines) {
    const len = Buffer.byteLength(line) + 1;
    offset += len;
    bytes += len;
    if (len - 1 > MAX_LINE) {
      cur.push(0);
      continue;
    }
    if (line === '' || !keep(line)) continue;
    n++;
    let o: ParseOutcome;
    try {
      o = outcomeOf(line);
    } catch {
      o = { result: 'malformed', events: [] };
    }
    cur.push(o.events.length === 0 && !o.agent && !o.readings ? o.result : o);
    if (cur.length === 500) {
      out.push({ items: cur, bytes, offset, n });
      cur = [];
      bytes = 0;
    }
  }
  out.push({ items: cur, bytes, offset, n });
  return out;
}

async function read(path: string, agent: string, usageOnly: boolean, json: boolean): Promise<ParseBatch[]> {
  const got: ParseBatch[] = [];
  await parseFile({ id: 7, path, agent: agent as AgentId }, opts(usageOnly), (b) => void got.push(b), json);
  return got;
}

describe('parseFile', () => {
  const lines = Array.from({ length: 1204 }, (_, i) => lineAt(i));
  const text = lines.join('\n') + '\n';
  const path = join(root, 'probe.jsonl');
  writeFileSync(path, text);
  const identity = { dev: statSync(path).dev, ino: statSync(path).ino, fp: fnv1a(Buffer.from(text).subarray(0, 256)), fpLen: 256 };

  for (const json of [false, true]) {
    test(`a full read (items ${json ? 'as JSON' : 'as objects'}): 500-item batches in line order, position and state after each`, async () => {
      const got = await read(path, 'probe', false, json);
      const want = expectedBatches(lines, () => true);
      assert.deepEqual(want.map((b) => b.items.length), [500, 500, 203], 'the file makes two full batches and a last one');
      assert.equal(got.length, want.length);
      for (const [k, b] of got.entries()) {
        const w = want[k]!;
        const last = k === got.length - 1;
        assert.deepEqual(
          { ...b, items: json ? JSON.parse(b.items as string) : b.items },
          {
            id: 7,
            items: json ? JSON.parse(JSON.stringify(w.items)) : w.items,
            bytes: w.bytes,
            offset: w.offset,
            skipping: false,
            // A copy taken at the batch's end: later lines do not change what an earlier batch said.
            state: { n: w.n, usageOnly: false },
            ...(k === 0 ? { file: identity } : {}),
            ...(last ? { done: true } : {}),
          },
          `batch ${k}`
        );
        if (!json) assert.equal(typeof b.items, 'object');
        else assert.equal(typeof b.items, 'string');
      }
      assert.equal(got.reduce((s, b) => s + b.bytes, 0), Buffer.byteLength(text), 'every byte counted once');
      // The whole outcome went out for lines with events, another agent or readings, and 'malformed' for the throw.
      const items = got.flatMap((b) => (typeof b.items === 'string' ? (JSON.parse(b.items) as BatchItem[]) : b.items));
      assert.deepEqual(items.slice(0, 12), ['parsed', 'parsed', 'parsed', { result: 'parsed', events: json ? [{ kind: 'activity', ts: 1 }] : [EVENT] }, 'parsed', { result: 'parsed', events: [], agent: 'codex' }, { result: 'parsed', events: [], readings: [READING] }, 'parsed', 'malformed', 'ignored', 0, 'parsed']);
    });
  }

  test('a usage-only read parses only the lines with the agent\'s markers; without markers, every line', async () => {
    const got = await read(path, 'probe', true, false);
    const want = expectedBatches(lines, (l) => l.includes('KEEP'));
    assert.deepEqual(
      got.map((b) => [b.items, b.bytes, b.offset, b.state.n, b.state.usageOnly]),
      want.map((w) => [w.items, w.bytes, w.offset, w.n, true])
    );
    assert.equal(got.length, 1, 'a third of the lines fit one batch');
    const all = await read(path, 'probe-all', true, false);
    assert.deepEqual(
      all.map((b) => [b.items, b.offset, b.state.n]),
      expectedBatches(lines, () => true).map((w) => [w.items, w.offset, w.n])
    );
  });

  test('a batch is also cut once 8 MiB were read', async () => {
    // Lines of exactly 1 MiB with their newline: the 8th reaches 8 MiB and ends the first batch.
    const big = join(root, 'big.jsonl');
    const line = 'P' + 'y'.repeat((1 << 20) - 2);
    writeFileSync(big, (line + '\n').repeat(9));
    const got: ParseBatch[] = [];
    await parseFile({ id: 1, path: big, agent: 'probe-all' as AgentId }, { usageOnly: false, maxLineBytes: 2 << 20, chunkBytes: 1 << 20, shrinkAboveBytes: 0 }, (b) => void got.push(b), false);
    assert.deepEqual(
      got.map((b) => [(b.items as BatchItem[]).length, b.bytes, b.offset, b.done ?? false]),
      [
        [8, 8 << 20, 8 << 20, false],
        [1, 1 << 20, 9 << 20, true],
      ]
    );
  });

  test('a last line over the cap with no newline yet: counted as 0, the position inside it (skipping)', async () => {
    const p = join(root, 'cut.jsonl');
    const tail = 'x'.repeat(5000); // past the 4 KiB chunk: streamed past, never held
    writeFileSync(p, 'P one\n' + tail);
    const got = await read(p, 'probe', false, false);
    assert.deepEqual(
      got.map((b) => [b.items, b.bytes, b.offset, b.skipping, b.done]),
      [[['parsed', 0], 6 + 5000, 6 + 5000, true, true]]
    );
  });

  test('a file that cannot be opened: one failed batch at the start, nothing read', async () => {
    for (const json of [false, true]) {
      const got = await read(join(root, 'missing.jsonl'), 'probe', false, json);
      assert.deepEqual(got, [{ id: 7, items: json ? '[]' : [], bytes: 0, offset: 0, skipping: false, state: {}, failed: true }]);
    }
  });

  test('a read that fails after opening (no adapter for the agent): failed, with the file\'s identity', async () => {
    const got = await read(path, 'no-such-agent', false, false);
    assert.deepEqual(got, [{ id: 7, items: [], bytes: 0, offset: 0, skipping: false, state: {}, file: identity, failed: true }]);
  });

  test('a short file: one batch, identity over its few bytes', async () => {
    const p = join(root, 'short.jsonl');
    writeFileSync(p, 'E\n');
    const got = await read(p, 'probe', false, false);
    const st = statSync(p);
    assert.deepEqual(got, [{ id: 7, items: [{ result: 'parsed', events: [EVENT] }], bytes: 2, offset: 2, skipping: false, state: { n: 1, usageOnly: false }, file: { dev: st.dev, ino: st.ino, fp: fnv1a(readFileSync(p)), fpLen: 2 }, done: true }]);
  });
});
