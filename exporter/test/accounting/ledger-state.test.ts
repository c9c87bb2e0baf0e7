// What the ledger remembers and forgets, fed events directly: the agent-level series exist at 0 from the start;
// compaction shrinks exactly what is older than the retention window (copies of it still do not count) and forgets a
// tool call left without a result for more than a day; a checkpoint round trip keeps dedup keys, sessions, open tool
// calls and label assignments; the usage history keeps its own cap on names, also across a restart; active sessions
// and a session's times have exact bounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ledger, type LedgerOptions, type LedgerSnapshot } from '../../src/accounting/ledger.js';
import type { AgentEvent, RequestEvent } from '../../src/adapters/types.js';
import { METRICS } from '../../src/metrics/catalogue.js';
import { PriceTable } from '../../src/pricing/pricing.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const base: LedgerOptions = {
  prices: new PriceTable(), maxProjects: 10, maxModels: 10, maxTools: 10, retentionDays: 2, maxDedupEntries: 100_000, coldRetentionDays: 400,
  activeWindowSeconds: 300,
};
const ledger = (over: Partial<LedgerOptions> = {}, snap?: LedgerSnapshot): Ledger => new Ledger({ ...base, ...over }, snap);
const restart = (l: Ledger, over: Partial<LedgerOptions> = {}): Ledger => ledger(over, JSON.parse(JSON.stringify(l.snapshot())) as LedgerSnapshot);
const req = (dedupKey: string, timestampMs: number, o: Partial<RequestEvent> = {}): RequestEvent => ({
  kind: 'request', timestampMs, sessionId: `s-${dedupKey}`, project: 'shop', model: 'm', dedupKey, tokens: { input: 10, output: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 }, ...o,
});
const call = (callId: string, timestampMs: number, sessionId = 's1', project = 'shop'): AgentEvent => ({ kind: 'tool_call', timestampMs, sessionId, project, tool: 'Bash', callId });
const result = (callId: string, timestampMs: number, sessionId = 's1', project = 'shop'): AgentEvent => ({ kind: 'tool_result', timestampMs, sessionId, project, callId, ok: false, errorCategory: 'exit_code' });
const prompt = (sessionId: string, timestampMs: number, project = 'shop'): AgentEvent => ({ kind: 'prompt', timestampMs, sessionId, project });
const series = (l: Ledger, metric: string) => [...l.counters.values(metric)].map((s) => [s.labels.join(' '), s.value]);

describe('ledger: agent-level series', () => {
  it('exist at 0 for every line result, file event, bytes and duplicates once an agent is set up, and then count', () => {
    const l = ledger();
    l.initAgent('codex');
    assert.deepEqual(series(l, METRICS.lines.name), ['parsed', 'ignored', 'unknown_type', 'malformed', 'too_long'].map((r) => [`codex ${r}`, 0]));
    assert.deepEqual(series(l, METRICS.bytesRead.name), [['codex', 0]]);
    assert.deepEqual(series(l, METRICS.duplicates.name), [['codex', 0]]);
    assert.deepEqual(series(l, METRICS.fileEvents.name), ['discovered', 'truncated', 'rotated', 'deleted', 'unreadable', 'too_deep'].map((e) => [`codex ${e}`, 0]));
    l.countBytes('codex', 1234);
    l.countBytes('codex', 6);
    l.fileEvent('codex', 'rotated');
    l.countLine('codex', 'malformed');
    assert.equal(l.counters.get(METRICS.bytesRead.name, ['codex']), 1240);
    assert.equal(l.counters.get(METRICS.fileEvents.name, ['codex', 'rotated']), 1);
    assert.equal(l.counters.get(METRICS.lines.name, ['codex', 'malformed']), 1);
  });
});

describe('ledger: compaction', () => {
  it('shrinks responses, other dedup keys and sessions older than the retention window, not those exactly that old', () => {
    const l = ledger({ retentionDays: 2 });
    const cutoff = NOW - 2 * DAY;
    l.apply('claude-code', req('edge', cutoff, { sessionId: 'edge' }));
    l.apply('claude-code', call('c-edge', cutoff, 'edge'));
    l.apply('claude-code', req('old', cutoff - 1, { sessionId: 'old' }));
    l.apply('claude-code', call('c-old', cutoff - 1, 'old'));
    assert.equal(l.dedupSize, 4, 'two responses and two tool calls held in full');
    assert.equal(l.evict(NOW), 3, 'the old response, the old tool call and the old session shrank');
    assert.equal(l.dedupSize, 2);
    assert.equal(l.coldSize, 3);
    assert.deepEqual([...l.sessions.keys()], ['claude-code\u001fedge']);
    assert.equal(l.evict(NOW), 0, 'nothing more to shrink');
    // Copies of what shrank still do not count; neither does the old session again.
    l.apply('claude-code', req('old', cutoff - 1, { sessionId: 'old' }));
    l.apply('claude-code', call('c-old', cutoff - 1, 'old'));
    assert.equal(l.counters.sum(METRICS.requests.name), 2);
    assert.equal(l.counters.sum(METRICS.toolCalls.name), 2);
    assert.equal(l.counters.sum(METRICS.sessions.name), 2);
  });

  it('counts each shrunk entry once in what it returns: responses, keys and sessions alike', () => {
    const l = ledger({ retentionDays: 2 });
    for (let i = 0; i < 3; i++) l.apply('codex', req(`r${i}`, NOW - 5 * DAY, { sessionId: 'one' }));
    for (let i = 0; i < 2; i++) l.apply('codex', call(`c${i}`, NOW - 5 * DAY, 'one'));
    l.apply('codex', prompt('two', NOW - 5 * DAY));
    assert.equal(l.evict(NOW), 3 + 2 + 2);
    assert.equal(l.dedupSize, 0);
  });

  it('forgets a tool call left without a result for more than a day: its late result is counted but not timed', () => {
    const l = ledger({ retentionDays: 30 });
    l.apply('claude-code', call('day', NOW - DAY));
    l.apply('claude-code', call('longer', NOW - DAY - 1));
    l.evict(NOW);
    l.apply('claude-code', result('day', NOW));
    l.apply('claude-code', result('longer', NOW));
    assert.deepEqual(series(l, METRICS.toolErrors.name), [['claude-code shop Bash exit_code', 1], ['claude-code shop unknown exit_code', 1]]);
    const timed = [...l.histograms.values(METRICS.toolDuration.name)].map((h) => [h.labels.join(' '), h.count, h.sum]);
    assert.deepEqual(timed, [['claude-code Bash', 1, 86_400]]);
  });
});

describe('ledger: checkpoint round trip', () => {
  it('keeps dedup keys, sessions, open tool calls and label assignments; a finished call is not carried', () => {
    const l = ledger({ maxProjects: 1 });
    l.apply('claude-code', prompt('s1', NOW - 5000, 'alpha'));
    l.apply('claude-code', call('open', NOW - 4000, 's1', 'alpha'));
    l.apply('claude-code', call('done', NOW - 3000, 's1', 'alpha'));
    l.apply('claude-code', result('done', NOW - 2000, 's1', 'alpha'));
    assert.deepEqual(l.snapshot().pendingTools.map(([id]) => id), ['open'], 'a call with its result is not kept');
    const back = restart(l, { maxProjects: 1 });
    back.apply('claude-code', prompt('s9', NOW, 'beta')); // past maxProjects: alpha keeps the one project label
    back.apply('claude-code', call('open', NOW - 4000, 's1', 'alpha')); // a copy: not counted again
    back.apply('claude-code', result('open', NOW, 's1', 'alpha')); // timed from its call before the restart
    back.apply('claude-code', prompt('s1', NOW, 'alpha'));
    assert.equal(back.counters.get(METRICS.toolCalls.name, ['claude-code', 'alpha', 'Bash']), 2);
    assert.deepEqual([...back.histograms.values(METRICS.toolDuration.name)].map((h) => [h.labels.join(' '), h.count, h.sum]), [['claude-code Bash', 2, 1 + 4]]);
    assert.deepEqual(series(back, METRICS.sessions.name), [['claude-code alpha', 1], ['claude-code other', 1]]);
    const s1 = back.sessions.get('claude-code\u001fs1')!;
    assert.deepEqual({ prompts: s1.prompts, toolCalls: s1.toolCalls, toolErrors: s1.toolErrors, firstMs: s1.firstMs }, { prompts: 2, toolCalls: 2, toolErrors: 2, firstMs: NOW - 5000 });
  });
});

describe('ledger: names kept in the usage history', () => {
  const history = (l: Ledger) => [...l.rollups.all()].map((r) => `${r.project}/${r.model}`).sort();

  it('keeps 1000 distinct names by default, and counts the rest under other', () => {
    const l = ledger({ maxProjects: 5 });
    assert.equal(l.maxHistoryNames, 1000);
    for (let i = 0; i < 1001; i++) l.apply('codex', req(`r${i}`, NOW, { project: `p${i}` }));
    const projects = new Set([...l.rollups.all()].map((r) => r.project));
    assert.equal(projects.size, 1001);
    assert.ok(projects.has('p999') && projects.has('other') && !projects.has('p1000'));
    assert.equal(l.historyProject('p0'), 'p0');
    assert.equal(l.historyProject('p5000'), 'other');
    assert.equal(l.projectLabel('p0'), 'p0');
    assert.equal(l.projectLabel('p999'), 'other', 'the metric labels have their own, smaller cap');
  });

  it('keeps the configured number of project and model names, and the same ones after a restart', () => {
    const l = ledger({ maxHistoryNames: 2 });
    assert.equal(l.maxHistoryNames, 2);
    l.apply('codex', req('a', NOW, { project: 'a', model: 'm1' }));
    l.apply('codex', req('b', NOW, { project: 'b', model: 'm2' }));
    l.apply('codex', req('c', NOW, { project: 'c', model: 'm3' }));
    assert.deepEqual(history(l), ['a/m1', 'b/m2', 'other/other']);
    const back = restart(l, { maxHistoryNames: 2 });
    back.apply('codex', req('d', NOW, { project: 'd', model: 'm4' }));
    back.apply('codex', req('e', NOW, { project: 'b', model: 'm1' }));
    assert.deepEqual(history(back), ['a/m1', 'b/m1', 'b/m2', 'other/other']);
    assert.equal(back.historyModel('m2'), 'm2');
    assert.equal(back.historyModel('m5'), 'other');
    assert.equal(back.historyProject('a'), 'a');
  });

  it('names tools as their labels: their own up to maxTools, then other', () => {
    const l = ledger({ maxTools: 2 });
    assert.deepEqual(['Read', 'Edit', 'Bash', 'Read'].map((t) => l.toolLabel(t)), ['Read', 'Edit', 'other', 'Read']);
  });
});

describe('ledger: session bounds', () => {
  it('counts a session active from exactly the window ago to exactly a minute ahead, not a millisecond beyond either', () => {
    const l = ledger({ activeWindowSeconds: 300 });
    l.apply('claude-code', prompt('window', NOW - 300_000));
    l.apply('claude-code', prompt('too-old', NOW - 300_001));
    l.apply('claude-code', prompt('ahead', NOW + 60_000));
    l.apply('claude-code', prompt('too-far', NOW + 60_001));
    assert.deepEqual([...l.activeSessions(NOW).values()], [{ agent: 'claude-code', project: 'shop', count: 2 }]);
  });

  it('a session without requests has no model and zero tokens of each type', () => {
    const l = ledger();
    l.apply('claude-code', prompt('quiet', NOW));
    const s = l.sessions.get('claude-code\u001fquiet')!;
    assert.equal(s.lastModel, '');
    assert.deepEqual(s.tokens, [0, 0, 0, 0, 0]);
  });

  it('keeps its latest time whatever order lines come in, and its first real time despite lines without one', () => {
    const l = ledger();
    l.apply('claude-code', prompt('s', 0)); // a line without a time
    l.apply('claude-code', prompt('s', NOW + 5000));
    l.apply('claude-code', prompt('s', NOW + 1000));
    l.apply('claude-code', prompt('s', 0));
    const s = l.sessions.get('claude-code\u001fs')!;
    assert.deepEqual([s.firstMs, s.lastMs], [NOW + 1000, NOW + 5000]);
  });
});
