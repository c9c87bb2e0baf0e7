// Checkpoints of the wrong shape, over a real serve: `"ledger": null` used to reset every counter to 0 silently,
// `"ledger": {}` and `"files": [null]` made every start exit 1 (a crash loop). The whole checkpoint is validated; a
// defective one is moved aside with a log line naming the file and the defect, and the logs are read again, so the
// counters come out exactly as before. Temp files of a writer that crashed are removed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, startServe, stop, sumMetric } from '../helpers/exporter.js';
import { claudeLine, metricsWhen, workspace } from './helpers.js';

const ws = workspace('checkpoint');
after(() => ws.cleanup());

/** The counters a full read of the fixture gives. */
const TRUTH = { requests: 3, tools: 2 };

before(() => {
  ensureBuilt();
  ws.write('claude/p/s.jsonl', [
    claudeLine({ session: 's1', ts: '2026-04-01T10:00:00.000Z', msgId: 'm1', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] }),
    claudeLine({ session: 's1', ts: '2026-04-01T10:01:00.000Z', msgId: 'm2', content: [{ type: 'tool_use', id: 't2', name: 'Read', input: {} }] }),
    claudeLine({ session: 's2', ts: '2026-04-01T10:02:00.000Z', msgId: 'm3', content: [{ type: 'text', text: 'done' }] }),
  ].join('\n') + '\n');
});

/** Starts serve on a state folder, lets it checkpoint, stops it: returns the checkpoint it wrote. */
async function checkpointOnce(state: string): Promise<Record<string, any>> {
  const s = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', state]);
  assert.equal(await stop(s), 0);
  return JSON.parse(readFileSync(`${state}/checkpoint.json`, 'utf8')) as Record<string, any>;
}

const DEFECTS: [string, (c: Record<string, any>) => void, RegExp][] = [
  ['"ledger": null', (c) => (c.ledger = null), /checkpoint\.ledger: expected an object/],
  ['"ledger": {}', (c) => (c.ledger = {}), /checkpoint\.ledger\.version: expected 1/],
  ['"files": [null]', (c) => (c.files = [null]), /checkpoint\.files\[0\]: expected an object/],
  ['a counter value that is text', (c) => (Object.values(c.ledger.counters as Record<string, [string[], unknown][]>)[0]![0]![1] = 'many'), /checkpoint\.ledger\.counters\.\w+\[0\]\[1\]: expected a number/],
  ['a session with tokens as an object', (c) => (c.ledger.sessions[0][1].tokens = {}), /checkpoint\.ledger\.sessions\[0\]\[1\]\.tokens: expected a list/],
  ['a damaged health part', (c) => (c.parts.health.sessions = 'x'), /checkpoint\.parts\.health\.sessions: expected a list/],
];

describe('checkpoints of the wrong shape', () => {
  for (const [name, damage, defect] of DEFECTS) {
    it(`${name}: moved aside, named in the log, the logs read again, counters exact`, async () => {
      const state = ws.path(`state-${name.replace(/\W+/g, '-')}`);
      const good = await checkpointOnce(state);
      damage(good);
      writeFileSync(`${state}/checkpoint.json`, JSON.stringify(good));
      const s = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', state]);
      try {
        const m = await metricsWhen(s.url, (x) => sumMetric(x, 'agentmon_requests_total') === TRUTH.requests, 10_000);
        assert.equal(sumMetric(m, 'agentmon_requests_total'), TRUTH.requests);
        assert.equal(sumMetric(m, 'agentmon_tool_calls_total'), TRUTH.tools);
        const line = s.stderr().split('\n').find((l) => l.includes('checkpoint unusable'));
        assert.ok(line, `no log line about the checkpoint: ${s.stderr()}`);
        const entry = JSON.parse(line) as { path: string; movedTo: string; error: string };
        assert.equal(entry.path, `${state}/checkpoint.json`);
        assert.match(entry.error, defect);
        assert.ok(existsSync(entry.movedTo), 'the defective file is kept for inspection');
      } finally {
        await stop(s, 'SIGKILL');
      }
    });
  }

  it('text that is not JSON: moved aside too', async () => {
    const state = ws.path('state-cut');
    await checkpointOnce(state);
    writeFileSync(`${state}/checkpoint.json`, readFileSync(`${state}/checkpoint.json`, 'utf8').slice(0, 100));
    const s = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', state]);
    try {
      const m = await metricsWhen(s.url, (x) => sumMetric(x, 'agentmon_requests_total') === TRUTH.requests, 10_000);
      assert.equal(sumMetric(m, 'agentmon_requests_total'), TRUTH.requests);
      assert.match(s.stderr(), /is not valid JSON/);
    } finally {
      await stop(s, 'SIGKILL');
    }
  });

  it('temp files left by a crashed writer are removed at start', async () => {
    const state = ws.path('state-tmp');
    await checkpointOnce(state);
    // A pid no process can have: above the largest pid_max Linux allows (2^22). A pid that just exited is not safe:
    // with pid_max 32768 and the suites' process churn, it was reused within the test once.
    const gone = String(2 ** 22 + 1);
    writeFileSync(`${state}/checkpoint.json.tmp-${gone}`, '{"half": ');
    const s = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', state]);
    try {
      // The running serve's own temp file may exist for a moment (a checkpoint being written): only others count.
      const own = `checkpoint.json.tmp-${s.proc.pid}`;
      assert.deepEqual(readdirSync(state).filter((n) => n.includes('.tmp-') && n !== own), []);
    } finally {
      await stop(s, 'SIGKILL');
    }
  });
});
