// The statusline's three pure steps on Claude Code statusLine payloads (fixtures/statusline): the spool record keeps
// only limits, context, session and project; the spool parser turns it into readings (rechecking every field); the
// printed line shows model, context, both windows with their time to reset, and cost, without control characters.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseStatusSpoolLine } from '../../src/statusline/parse.js';
import { toStatusRecord } from '../../src/statusline/record.js';
import { MINIMAL_LINE, renderStatusLine, shortDuration } from '../../src/statusline/render.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'statusline');
const payload = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
const NOW = Date.parse('2026-05-12T10:00:00Z'); // 5h window resets at 13:00Z, 7d at 2026-05-15T17:00Z
const ctx = { state: {}, path: '/state/hooks/agentmon-statusline.jsonl' };

describe('statusline record', () => {
  it('keeps the windows, the context fill, the session and the project folder name, nothing else', () => {
    const rec = toStatusRecord(payload('with-rate-limits.json'), NOW);
    assert.deepEqual(rec, {
      v: 1,
      ts: NOW,
      session: '5b8e2c1a-0d4f-4b7e-9a31-2f6c8d0e4a17',
      project: 'shop',
      ctx: 61,
      ctxSize: 200000,
      limits: { five_hour: [73, 1778590800], seven_day: [18.5, 1778864400] },
    });
    const text = JSON.stringify(rec);
    for (const secret of ['/home/dev', 'transcript', 'Opus', '2.4561']) assert.ok(!text.includes(secret), secret);
  });

  it('gives nothing to record for a payload without limits or context (Claude Code before 2.1.80, API keys)', () => {
    assert.equal(toStatusRecord(payload('no-rate-limits.json'), NOW), undefined);
    for (const junk of [null, 'x', 42, [], {}]) assert.equal(toStatusRecord(junk, NOW), undefined);
  });

  it('turns a record into readings: 5h and 7d windows and the session\'s context', () => {
    const line = JSON.stringify(toStatusRecord(payload('with-rate-limits.json'), NOW));
    const out = parseStatusSpoolLine(line, ctx);
    assert.equal(out.result, 'parsed');
    assert.deepEqual(out.events, []); // a statusline run is neither usage nor session activity
    assert.deepEqual(out.readings, [
      { kind: 'plan', observedMs: NOW, windows: [{ window: '5h', usedRatio: 0.73, resetsAtMs: 1778590800_000, windowMinutes: 300 }, { window: '7d', usedRatio: 0.185, resetsAtMs: 1778864400_000, windowMinutes: 10080 }] },
      { kind: 'context', observedMs: NOW, sessionId: '5b8e2c1a-0d4f-4b7e-9a31-2f6c8d0e4a17', project: 'shop', usedRatio: 0.61, windowTokens: 200000 },
    ]);
  });

  it('names other windows after Claude Code\'s key; a window without reset time still expires one length after', () => {
    const out = parseStatusSpoolLine(JSON.stringify({ v: 1, ts: NOW, limits: { seven_day_opus: [40, 1778864400], five_hour: [10, null] } }), ctx);
    assert.deepEqual(out.readings, [{ kind: 'plan', observedMs: NOW, windows: [{ window: 'seven_day_opus', usedRatio: 0.4, resetsAtMs: 1778864400_000 }, { window: '5h', usedRatio: 0.1, windowMinutes: 300 }] }]);
  });

  it('counts hostile spool lines as malformed and never throws', () => {
    for (const line of ['not json', '[]', '{"v":2,"ts":1}', '{"v":1}', '{"v":1,"ts":-1}', '{"v":1,"ts":1,"session":5}', '{"v":1,"ts":1,"limits":{"five_hour":[1]}}', '{"v":1,"ts":1,"limits":[1,2]}', `{"v":1,"ts":1,"session":"${'s'.repeat(201)}"}`]) {
      assert.equal(parseStatusSpoolLine(line, ctx).result, 'malformed', line);
    }
    // Well-formed but nothing usable (a percentage out of range, a context without a session): ignored.
    assert.equal(parseStatusSpoolLine('{"v":1,"ts":1,"limits":{"five_hour":[5000,1778590800]},"ctx":20}', ctx).result, 'ignored');
  });
});

describe('statusline text', () => {
  it('shows model, context, both windows with the time to their reset, and the cost', () => {
    assert.equal(renderStatusLine(payload('with-rate-limits.json'), NOW), 'Opus 4.6 · ctx 61% · 5h 73% (3h00m) · 7d 19% (3d7h) · $2.46');
    assert.equal(renderStatusLine(payload('no-rate-limits.json'), NOW), 'Sonnet 4.5 · $0.06');
  });

  it('shows a window whose reset has passed as 0 % (a fresh window), as the metric does', () => {
    assert.equal(renderStatusLine(payload('with-rate-limits.json'), Date.parse('2026-05-12T13:00:00Z')), 'Opus 4.6 · ctx 61% · 5h 0% · 7d 19% (3d4h) · $2.46');
  });

  it('prints a minimal line for missing or broken input, and strips control characters from names', () => {
    for (const junk of [undefined, null, 'x', 3, [], {}]) assert.equal(renderStatusLine(junk, NOW), MINIMAL_LINE);
    const hostile = { model: { display_name: '\u001b]0;pwned\u0007Opus\u001b[2J\n4.6' }, context_window: { used_percentage: 'x' }, cost: { total_cost_usd: -1 } };
    // The escape bytes, BEL and newline are gone; what is left is inert text.
    assert.equal(renderStatusLine(hostile, NOW), ']0;pwnedOpus[2J4.6');
    assert.ok(!/[\u0000-\u001f]/.test(renderStatusLine(hostile, NOW)));
  });

  it('formats time spans as minutes, hours and minutes, or days and hours', () => {
    assert.deepEqual([0, 59_999, 60_000, 3_599_999, 3_600_000, 7_980_000, 86_399_999, 86_400_000, 450_000_000, -5].map(shortDuration), ['0m', '0m', '1m', '59m', '1h00m', '2h13m', '23h59m', '1d0h', '5d5h', '0m']);
  });
});
