// Label values come from log lines: odd characters are replaced, lengths capped, and projects beyond the limit
// fold into "other" so /metrics stays bounded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabelLimiter, sanitizeLabel } from '../../src/accounting/labels.js';
import { feed, newLedger } from '../fixtures/harness.js';

const LABEL = /^[A-Za-z0-9._:@/+-]{1,80}$/;
const assistant = (cwd: string, id: string, model = 'claude-sonnet-4-5-20250929', content = '{"type":"text","text":"ok"}') =>
  JSON.stringify({ cwd, sessionId: `s-${id}`, type: 'assistant', uuid: `u-${id}`, timestamp: '2026-03-12T10:00:00Z', requestId: `req_${id}`, message: { model, id: `msg_${id}`, role: 'assistant', content: JSON.parse(`[${content}]`), usage: { input_tokens: 1, output_tokens: 2 } } });

/** Every label value of every counter series in the ledger. */
const allLabelValues = (l: ReturnType<typeof newLedger>) => {
  const snap = l.counters.toJSON();
  return Object.values(snap).flatMap((series) => series.flatMap(([labels]) => labels));
};

describe('sanitizeLabel', () => {
  it('replaces characters outside the label charset and caps the length', () => {
    assert.equal(sanitizeLabel('my shop (v2)'), 'my_shop__v2_');
    assert.equal(sanitizeLabel('mcp__linear server__create issue"\n'), 'mcp__linear_server__create_issue__');
    assert.equal(sanitizeLabel('x'.repeat(300)).length, 80);
    assert.equal(sanitizeLabel(''), 'unknown');
    assert.equal(sanitizeLabel('us.anthropic.claude-3-5-haiku-20241022-v1:0'), 'us.anthropic.claude-3-5-haiku-20241022-v1:0');
  });

  it('replaces a value that looks like a credential by "redacted", also when a long tail follows it', () => {
    const key = `sk-ant-api03-${'x'.repeat(90)}`;
    assert.equal(sanitizeLabel(key), 'redacted');
    assert.equal(sanitizeLabel(key, 100), 'redacted');
    // Judged on its first 1000 characters: text far past the token must not let 80 characters of it into the label.
    const tokenThenText = `${'A1'.repeat(600)} tail`;
    assert.equal(sanitizeLabel(tokenThenText), 'redacted');
    assert.equal(sanitizeLabel(tokenThenText), 'redacted', 'the same answer when it repeats');
  });
});

describe('labels in the ledger', () => {
  it('sanitizes project, model and tool names taken from log lines', () => {
    const ledger = newLedger();
    feed(ledger, 'claude-code', [
      assistant('/home/dev/my shop (v2)', 'L1', 'claude-sonnet-4-5 {beta}\n', '{"type":"tool_use","id":"toolu_L1","name":"mcp__linear server__create issue","input":{}}'),
    ]);
    assert.equal(ledger.counters.get('agentmon_requests_total', ['claude-code', 'my_shop__v2_', 'claude-sonnet-4-5__beta__']), 1);
    assert.equal(ledger.counters.get('agentmon_tool_calls_total', ['claude-code', 'my_shop__v2_', 'mcp__linear_server__create_issue']), 1);
    for (const v of allLabelValues(ledger)) assert.match(v, LABEL);
    assert.deepEqual([...ledger.rollups.all()].map((r) => [r.project, r.model]), [['my_shop__v2_', 'claude-sonnet-4-5__beta__']]);
  });

  it('never puts a full path in a label, only the folder name', () => {
    const ledger = newLedger();
    feed(ledger, 'claude-code', [assistant('/home/alice/secret-client/repo', 'P1')]);
    assert.ok(allLabelValues(ledger).includes('repo'));
    assert.ok(!allLabelValues(ledger).some((v) => v.includes('alice') || v.includes('secret-client')));
  });

  it('folds projects beyond maxProjects into "other", and keeps earlier ones sticky', () => {
    const ledger = newLedger({ maxProjects: 2 });
    feed(ledger, 'claude-code', [assistant('/w/alpha', 'A1'), assistant('/w/beta', 'B1'), assistant('/w/gamma', 'G1'), assistant('/w/delta', 'D1'), assistant('/w/alpha', 'A2')], '/p/a.jsonl');
    const requests = (project: string) => ledger.counters.get('agentmon_requests_total', ['claude-code', project, 'claude-sonnet-4-5-20250929']);
    assert.deepEqual([requests('alpha'), requests('beta'), requests('other'), requests('gamma')], [2, 1, 2, 0]);
    assert.deepEqual([...ledger.counters.values('agentmon_sessions_total')].map((s) => [s.labels[1], s.value]), [['alpha', 2], ['beta', 1], ['other', 2]]);
  });

  it('folds tools beyond maxTools into "other"', () => {
    const limiter = new LabelLimiter(2);
    assert.deepEqual(['Read', 'Edit', 'Bash', 'Read', 'Grep'].map((t) => limiter.label(t)), ['Read', 'Edit', 'other', 'Read', 'other']);
    const ledger = newLedger({ maxTools: 1 });
    feed(ledger, 'claude-code', [
      assistant('/w/shop', 'T1', undefined, '{"type":"tool_use","id":"toolu_T1","name":"Read","input":{}}'),
      assistant('/w/shop', 'T2', undefined, '{"type":"tool_use","id":"toolu_T2","name":"Bash","input":{}}'),
    ]);
    assert.deepEqual([...ledger.counters.values('agentmon_tool_calls_total')].map((s) => [s.labels[2], s.value]), [['Read', 1], ['other', 1]]);
  });
});
