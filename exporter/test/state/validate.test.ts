// A checkpoint of the wrong shape must be refused before anything is restored from it, naming the first defect by its
// path: restoring `"offset": -1` or `"ledger": null` would reset or corrupt counters silently. Each row below damages
// one field of an otherwise whole checkpoint (one entry of every kind the validator knows) and pins the exact message;
// the rows marked `ok` are values a real checkpoint holds and must stay accepted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkpointDefect } from '../../src/state/validate.js';
import { scanScenario } from '../fixtures/harness.js';

const b64 = (bytes: number): string => Buffer.alloc(bytes, 7).toString('base64');

/** A checkpoint holding one of everything, every optional field present. */
function whole(): Record<string, any> {
  const session = {
    agent: 'claude-code', sessionId: 's1', project: 'p', firstMs: 1, lastMs: 2, lastModel: 'm', requests: 1, costNano: 5, tokens: [1, 2, 0, 0, 3],
    prompts: 1, toolCalls: 2, toolErrors: 0, apiErrors: 0, progress: [1, 2], files: ['/a.jsonl'],
  };
  return {
    version: 1,
    savedAtMs: 1_700_000_000_000,
    initialScanDone: true,
    files: [{ path: '/a.jsonl', agent: 'claude-code', dev: 1, ino: 2, fp: 'abc', fpLen: 3, offset: 10, skipping: false, state: { a: null, b: 's', c: true, d: 1.5, e: [1, 2] }, mtimeMs: 5, tail: { at: 4, fp: 'x' } }],
    ledger: {
      version: 1,
      counters: { requests: [[['claude-code', 'm'], 3]] },
      histograms: { latency: [{ labels: ['a'], counts: [0, 1], sum: 1.5, count: 1 }] },
      rollups: [{ hourStartSec: 3600, agent: 'a', project: 'p', model: 'm', inputTokens: 1, outputTokens: 2, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 3, costNano: 9, requests: 1 }],
      responses: [['k', { ts: 1, agent: 'a', project: 'p', model: 'm', priceModel: 'pm', session: 's', tokens: [1], costNano: 1 }]],
      seen: [['k', 1]],
      sessions: [['claude-code\u0000s1', session]],
      pendingTools: [['t1', { tool: 'Bash', ts: 1, agent: 'a', session: 's' }]],
      cold: { 'claude-code': b64(16) },
      coldResponses: { 'claude-code': b64(32) },
      limiters: { projects: ['p'], models: ['m'], tools: ['Bash'] },
    },
    parts: {
      'reports.activity': {
        version: 1, coverageStartMs: 0,
        tools: [{ hourStartSec: 0, agent: 'a', project: 'p', tool: 'Bash', calls: 2, repeats: 0, errors: { exit: 1 }, durationCounts: [1, 1], durationSum: 3 }],
        activity: [{ hourStartSec: 0, agent: 'a', project: 'p', prompts: 1, apiErrors: 0 }],
        turns: [{ anything: true }],
      },
      health: {
        sessions: [['k', { agent: 'a', sessionId: 's', project: 'p', lastEventMs: 1, lastEventKind: 'tool', awaitingSinceMs: null, permissionSinceMs: 2,
          pendingTools: [['c', { tool: 'Bash', sinceMs: 1 }]], callIds: [['c', 1]], recentCalls: [{ ts: 1, key: 'k', tool: 'Bash' }], recentTokens: [['r', { ts: 1, tokens: 5 }]] }]],
        usual: [['Bash', [1, 2], 2]],
        openCalls: [['c', { agent: 'a', tool: 'Bash', ts: 1 }]],
      },
      plan: {
        version: 1,
        windows: [{ agent: 'codex', window: '5h', usedRatio: 0.5, resetsAtMs: 9, windowMinutes: 300, observedMs: 1, firstRatio: 0.1, firstMs: 0 }],
        plans: [{ agent: 'codex', planType: 'pro', observedMs: 1 }],
        contexts: [{ agent: 'codex', sessionId: 's', project: 'p', usedRatio: 0.2, windowTokens: 1000, observedMs: 1 }],
      },
    },
  };
}

/** Sets the value at a dotted path (numbers index lists); `undefined` deletes the field. */
function damaged(path: string, value: unknown): Record<string, any> {
  const c = whole();
  const keys = path.split('.');
  let at: any = c;
  for (const k of keys.slice(0, -1)) at = at[k];
  const last = keys.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return c;
}

const H = 'parts.health.sessions.0.1';
const cases: [string, unknown, string | 'ok'][] = [
  ['version', 2, 'checkpoint.version: unsupported version 2'],
  ['version', undefined, 'checkpoint.version: unsupported version undefined'],
  ['version', 'x'.repeat(40), `checkpoint.version: unsupported version "${'x'.repeat(19)}`],
  ['savedAtMs', '1', 'checkpoint.savedAtMs: expected a number'],
  ['savedAtMs', Infinity, 'checkpoint.savedAtMs: expected a number'],
  ['initialScanDone', 1, 'checkpoint.initialScanDone: expected true or false'],
  ['initialScanDone', false, 'ok'],
  ['files', {}, 'checkpoint.files: expected a list'],
  ['files.0', null, 'checkpoint.files[0]: expected an object'],
  ['files.0', [], 'checkpoint.files[0]: expected an object'],
  ['files.0.path', 3, 'checkpoint.files[0].path: expected text'],
  ['files.0.offset', -1, 'checkpoint.files[0].offset: expected a number ≥ 0'],
  ['files.0.offset', 0, 'ok'],
  ['files.0.fpLen', NaN, 'checkpoint.files[0].fpLen: expected a number ≥ 0'],
  ['files.0.fpLen', '3', 'checkpoint.files[0].fpLen: expected a number ≥ 0'],
  ['files.0.skipping', 'no', 'checkpoint.files[0].skipping: expected true or false'],
  ['files.0.mtimeMs', undefined, 'ok'],
  ['files.0.mtimeMs', 'x', 'checkpoint.files[0].mtimeMs: expected a number'],
  ['files.0.tail', undefined, 'ok'],
  ['files.0.tail', { at: -1, fp: 'x' }, 'checkpoint.files[0].tail.at: expected a number ≥ 0'],
  ['files.0.state', [], 'checkpoint.files[0].state: expected an object'],
  ['files.0.state', { a: [1, 'x'] }, 'checkpoint.files[0].state.a[1]: expected a number'],
  ['files.0.state', { a: NaN }, 'checkpoint.files[0].state.a: expected a list'],
  ['files.0.state', { a: {} }, 'checkpoint.files[0].state.a: expected a list'],
  ['files.0.state', { a: -2.5, b: '' }, 'ok'],
  ['ledger', null, 'checkpoint.ledger: expected an object'],
  ['ledger.version', 2, 'checkpoint.ledger.version: expected 1'],
  ['ledger.counters', [], 'checkpoint.ledger.counters: expected an object'],
  ['ledger.counters.requests', [[['a'], 'n']], 'checkpoint.ledger.counters.requests[0][1]: expected a number'],
  ['ledger.counters.requests', [[['a'], 1, 2]], 'checkpoint.ledger.counters.requests[0]: expected a list of 2 items'],
  ['ledger.counters.requests', [[['a']]], 'checkpoint.ledger.counters.requests[0]: expected a list of 2 items'],
  ['ledger.counters.requests', [[[1], 1]], 'checkpoint.ledger.counters.requests[0][0][0]: expected text'],
  ['ledger.counters.requests', [[['a'], -1]], 'ok'],
  ['ledger.histograms.latency.0.counts', [0, -1], 'checkpoint.ledger.histograms.latency[0].counts[1]: expected a number ≥ 0'],
  ['ledger.histograms.latency.0.sum', null, 'checkpoint.ledger.histograms.latency[0].sum: expected a number'],
  ['ledger.rollups.0.cacheReadTokens', -1, 'checkpoint.ledger.rollups[0].cacheReadTokens: expected a number ≥ 0'],
  ['ledger.rollups.0.costNano', -1, 'ok'],
  ['ledger.responses.0.1.priceModel', undefined, 'ok'],
  ['ledger.responses.0.1.priceModel', 5, 'checkpoint.ledger.responses[0][1].priceModel: expected text'],
  ['ledger.responses.0.1.tokens', [-1], 'checkpoint.ledger.responses[0][1].tokens[0]: expected a number ≥ 0'],
  ['ledger.seen.0', ['k'], 'checkpoint.ledger.seen[0]: expected a list of 2 items'],
  ['ledger.seen.0', { 0: 'k', 1: 1, length: 2 }, 'checkpoint.ledger.seen[0]: expected a list of 2 items'],
  ['ledger.sessions.0.1.progress', [1], 'checkpoint.ledger.sessions[0][1].progress: expected a list of 2 items'],
  ['ledger.sessions.0.1.progress', undefined, 'ok'],
  ['ledger.sessions.0.1.files', ['/a', 1], 'checkpoint.ledger.sessions[0][1].files[1]: expected text'],
  ['ledger.sessions.0.1.files', undefined, 'ok'],
  ['ledger.sessions.0.1.requests', -1, 'checkpoint.ledger.sessions[0][1].requests: expected a number ≥ 0'],
  ['ledger.pendingTools.0.1.tool', null, 'checkpoint.ledger.pendingTools[0][1].tool: expected text'],
  ['ledger.cold.claude-code', 'abc', 'checkpoint.ledger.cold.claude-code: expected base64 of 8-byte hashes'],
  ['ledger.cold.claude-code', b64(12), 'checkpoint.ledger.cold.claude-code: expected base64 of 8-byte hashes'],
  ['ledger.cold.claude-code', '!!!!!!!!!!!!', 'checkpoint.ledger.cold.claude-code: expected base64 of 8-byte hashes'],
  ['ledger.cold.claude-code', `${b64(8)} `, 'checkpoint.ledger.cold.claude-code: expected base64 of 8-byte hashes'],
  ['ledger.cold.claude-code', ` ${b64(8)}`, 'checkpoint.ledger.cold.claude-code: expected base64 of 8-byte hashes'],
  // 32 characters decode to 24 bytes, a whole number of hashes: only the leading characters are wrong.
  ['ledger.cold.claude-code', `!!!!${'A'.repeat(28)}`, 'checkpoint.ledger.cold.claude-code: expected base64 of 8-byte hashes'],
  ['ledger.cold.claude-code', 8, 'checkpoint.ledger.cold.claude-code: expected base64 of 8-byte hashes'],
  ['ledger.cold.claude-code', '', 'ok'],
  ['ledger.coldResponses', undefined, 'ok'],
  ['ledger.coldResponses.claude-code', b64(8), 'checkpoint.ledger.coldResponses.claude-code: expected base64 of 16-byte entries'],
  ['ledger.coldResponses.claude-code', '%%%%', 'checkpoint.ledger.coldResponses.claude-code: expected base64 of 16-byte entries'],
  ['ledger.coldResponses.claude-code', `${b64(16)}\n`, 'checkpoint.ledger.coldResponses.claude-code: expected base64 of 16-byte entries'],
  ['ledger.coldResponses.claude-code', `\n${b64(16)}`, 'checkpoint.ledger.coldResponses.claude-code: expected base64 of 16-byte entries'],
  ['ledger.coldResponses.claude-code', `%%%%${'A'.repeat(60)}`, 'checkpoint.ledger.coldResponses.claude-code: expected base64 of 16-byte entries'],
  ['ledger.coldResponses.claude-code', b64(48), 'ok'], // no padding
  ['ledger.coldResponses.claude-code', b64(16), 'ok'], // two padding characters
  ['ledger.coldResponses.claude-code', 16, 'checkpoint.ledger.coldResponses.claude-code: expected base64 of 16-byte entries'],
  ['ledger.limiters.tools', 'Bash', 'checkpoint.ledger.limiters.tools: expected a list'],
  ['parts', undefined, 'ok'],
  ['parts', [], 'checkpoint.parts: expected an object'],
  ['parts.other', {}, 'checkpoint.parts.other: unknown part'],
  ['parts.reports.activity', undefined, 'ok'],
  ['parts.health.usual.0.2', 'n', 'checkpoint.parts.health.usual[0][2]: expected a number'],
  ['parts.health.openCalls.0.1.ts', 'n', 'checkpoint.parts.health.openCalls[0][1].ts: expected a number'],
  [`${H}.awaitingSinceMs`, 1, 'ok'],
  [`${H}.awaitingSinceMs`, 'x', 'checkpoint.parts.health.sessions[0][1].awaitingSinceMs: expected a number'],
  [`${H}.awaitingSinceMs`, undefined, 'checkpoint.parts.health.sessions[0][1].awaitingSinceMs: expected a number'],
  [`${H}.permissionSinceMs`, undefined, 'ok'],
  [`${H}.permissionSinceMs`, null, 'ok'],
  [`${H}.permissionSinceMs`, 'x', 'checkpoint.parts.health.sessions[0][1].permissionSinceMs: expected a number'],
  [`${H}.pendingTools.0.1.tool`, 7, 'checkpoint.parts.health.sessions[0][1].pendingTools[0][1].tool: expected text'],
  [`${H}.recentCalls.0.ts`, 'x', 'checkpoint.parts.health.sessions[0][1].recentCalls[0].ts: expected a number'],
  [`${H}.recentTokens.0.1.tokens`, 'x', 'checkpoint.parts.health.sessions[0][1].recentTokens[0][1].tokens: expected a number'],
  ['parts.plan.version', 2, 'checkpoint.parts.plan.version: expected 1'],
  ['parts.plan.windows.0.resetsAtMs', undefined, 'ok'],
  ['parts.plan.windows.0.usedRatio', 'x', 'checkpoint.parts.plan.windows[0].usedRatio: expected a number'],
  ['parts.plan.plans.0.planType', 1, 'checkpoint.parts.plan.plans[0].planType: expected text'],
  ['parts.plan.contexts.0.windowTokens', 'x', 'checkpoint.parts.plan.contexts[0].windowTokens: expected a number'],
];

/** `reports.activity` has a dot in its name: rows address it through this stand-in. */
function apply(path: string, value: unknown): Record<string, any> {
  if (!path.startsWith('parts.reports.activity')) return damaged(path, value);
  const c = whole();
  const rest = path.slice('parts.reports.activity'.length + 1);
  if (!rest) {
    if (value === undefined) delete c.parts['reports.activity'];
    return c;
  }
  let at = c.parts['reports.activity'];
  const keys = rest.split('.');
  for (const k of keys.slice(0, -1)) at = at[k];
  if (value === undefined) delete at[keys.at(-1)!];
  else at[keys.at(-1)!] = value;
  return c;
}

const activityCases: [string, unknown, string | 'ok'][] = [
  ['parts.reports.activity.version', 0, 'checkpoint.parts.reports.activity.version: expected 1'],
  ['parts.reports.activity.tools.0.errors', { exit: -1 }, 'checkpoint.parts.reports.activity.tools[0].errors.exit: expected a number ≥ 0'],
  ['parts.reports.activity.activity.0.prompts', -1, 'checkpoint.parts.reports.activity.activity[0].prompts: expected a number ≥ 0'],
  ['parts.reports.activity.turns', undefined, 'ok'],
  ['parts.reports.activity.turns', [1, 'x', null], 'ok'],
  ['parts.reports.activity.turns', {}, 'checkpoint.parts.reports.activity.turns: expected a list'],
];

test('a whole checkpoint has no defect', () => {
  assert.equal(checkpointDefect(whole()), undefined);
});

test('each damaged field is named with its path and what was expected; values a checkpoint holds pass', () => {
  for (const [path, value, expected] of [...cases, ...activityCases]) {
    const got = checkpointDefect(apply(path, value));
    assert.equal(got, expected === 'ok' ? undefined : expected, `${path} = ${String(JSON.stringify(value))}`);
  }
});

test('the first defect is the one named: checks run top to bottom, every entry of a list', () => {
  const c = whole();
  c.files.push({ ...c.files[0], offset: -5 });
  c.savedAtMs = 'late';
  assert.equal(checkpointDefect(c), 'checkpoint.savedAtMs: expected a number');
  c.savedAtMs = 1;
  assert.equal(checkpointDefect(c), 'checkpoint.files[1].offset: expected a number ≥ 0');
  const d = whole();
  d.ledger.counters.more = [[['b'], 'x']];
  assert.equal(checkpointDefect(d), 'checkpoint.ledger.counters.more[0][1]: expected a number');
});

test('not an object at all', () => {
  for (const v of [null, [], 'checkpoint', 1]) assert.equal(checkpointDefect(v), 'checkpoint: expected an object');
});

test('what a real engine checkpoints passes', async () => {
  const { engine } = await scanScenario('stream');
  const snap = JSON.parse(engine.serialize().join('')) as unknown;
  assert.equal(checkpointDefect(snap), undefined);
  assert.ok(((snap as { files: unknown[] }).files).length > 0, 'the scenario tracked files');
});
