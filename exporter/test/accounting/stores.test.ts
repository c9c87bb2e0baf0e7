// The plain-data stores under every metric, pinned in-process (the service tests reach them only through a child
// exporter, where mutation testing cannot see them): a histogram bucket is `le`, inclusive, as in Prometheus; a
// timestamp gauge only moves forward; zero adds create a series without telling backfill; the checkpoint form round
// trips; and the per-day usage keeps exactly the days asked for, sorted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dailyUsage } from '../../src/accounting/daily.js';
import { emptyTotals, type RollupRow } from '../../src/accounting/rollups.js';
import { CounterStore, HistogramStore } from '../../src/accounting/series.js';

describe('HistogramStore', () => {
  const buckets = [1, 5, 10];
  const store = () => new HistogramStore(() => buckets);
  const only = (s: HistogramStore) => [...s.values('latency')];

  it('puts a value equal to a bound in that bucket (le), just above it in the next, beyond the last in +Inf', () => {
    const s = store();
    for (const v of [0.5, 1, 5, 5.000001, 10, 10.5, 1e9]) s.observe('latency', ['a'], v);
    const [h] = only(s);
    assert.deepEqual(h!.counts, [2, 1, 2, 2]);
    assert.equal(h!.count, 7);
    assert.equal(h!.sum, 0.5 + 1 + 5 + 5.000001 + 10 + 10.5 + 1e9);
  });

  it('keeps one series per label set, and marks births only once asked to', () => {
    const s = store();
    s.observe('latency', ['a'], 2);
    s.markBirths = true;
    s.observe('latency', ['b'], 2);
    s.observe('latency', ['a'], 3);
    const byLabel = new Map(only(s).map((h) => [h.labels[0], h]));
    assert.equal(byLabel.size, 2);
    assert.equal(byLabel.get('a')!.bornMs, undefined);
    assert.equal(typeof byLabel.get('b')!.bornMs, 'number');
    assert.deepEqual(byLabel.get('a')!.counts, [0, 2, 0, 0]);
  });

  it('round trips through its checkpoint form, as a copy', () => {
    const s = store();
    s.observe('latency', ['a', 'x'], 7);
    s.observe('other', ['b'], 0.2);
    const json = JSON.parse(JSON.stringify(s.toJSON())) as ReturnType<HistogramStore['toJSON']>;
    const back = HistogramStore.fromJSON(json, () => buckets);
    assert.deepEqual(back.toJSON(), s.toJSON());
    back.observe('latency', ['a', 'x'], 1);
    assert.deepEqual(json.latency![0]!.counts, [0, 0, 1, 0], 'observing the restored store must not change its source');
    assert.deepEqual([...back.values('latency')][0]!.counts, [1, 0, 1, 0]);
    assert.deepEqual([...back.values('missing')], []);
  });
});

describe('CounterStore', () => {
  it('max only moves forward, and its first value is taken as it is', () => {
    const c = new CounterStore();
    c.max('last', ['a'], 100);
    assert.equal(c.get('last', ['a']), 100);
    c.max('last', ['a'], 90);
    assert.equal(c.get('last', ['a']), 100);
    c.max('last', ['a'], 101);
    assert.equal(c.get('last', ['a']), 101);
    c.max('last', ['b'], 5);
    assert.equal(c.get('last', ['b']), 5);
  });

  it('a zero add creates the series without telling the tap; other adds tell it their labels and amount', () => {
    const c = new CounterStore();
    const told: [string, string[], number][] = [];
    c.tap = (metric, labels, by) => told.push([metric, [...labels], by]);
    c.inc('lines', ['a', 'parsed'], 0);
    assert.equal(c.seriesCount(), 1);
    assert.deepEqual(told, []);
    c.inc('lines', ['a', 'parsed']);
    c.inc('lines', ['b', 'parsed'], 3);
    c.inc('bytes', ['a'], 10);
    assert.deepEqual(told, [['lines', ['a', 'parsed'], 1], ['lines', ['b', 'parsed'], 3], ['bytes', ['a'], 10]]);
    assert.equal(c.seriesCount(), 3);
    assert.equal(c.sum('lines'), 4);
    assert.equal(c.sum('lines', { 0: 'b' }), 3);
    assert.equal(c.get('lines', ['c', 'parsed']), 0);
  });

  it('a series born after markBirths carries its birth time; earlier ones do not', () => {
    const c = new CounterStore();
    c.inc('m', ['old']);
    c.markBirths = true;
    c.inc('m', ['new']);
    const byLabel = new Map([...c.values('m')].map((s) => [s.labels[0], s]));
    assert.equal(byLabel.get('old')!.bornMs, undefined);
    assert.equal(typeof byLabel.get('new')!.bornMs, 'number');
  });

  it('keeps label sets apart that would read the same joined together, and reads an uncounted metric as 0', () => {
    const c = new CounterStore();
    c.inc('requests', ['codex', 'ab', 'c'], 2);
    c.inc('requests', ['codex', 'a', 'bc'], 5);
    assert.deepEqual([...c.values('requests')].map((s) => [s.labels, s.value]), [[['codex', 'ab', 'c'], 2], [['codex', 'a', 'bc'], 5]]);
    assert.equal(c.get('requests', ['codex', 'ab', 'c']), 2);
    assert.equal(c.get('never-counted', ['codex']), 0);
  });

  it('round trips through its checkpoint form', () => {
    const c = new CounterStore();
    c.inc('m', ['a', 'x'], 2);
    c.inc('m', ['b', 'y'], 0);
    c.inc('n', ['a'], 7);
    const back = CounterStore.fromJSON(JSON.parse(JSON.stringify(c.toJSON())) as ReturnType<CounterStore['toJSON']>);
    assert.deepEqual(back.toJSON(), c.toJSON());
    assert.equal(back.seriesCount(), 3);
  });
});

describe('dailyUsage', () => {
  const row = (day: string, hour: number, agent: RollupRow['agent'], model: string, requests: number): RollupRow => ({
    ...emptyTotals(),
    hourStartSec: Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`) / 1000,
    agent,
    project: 'p',
    model,
    requests,
    inputTokens: requests * 10,
    costNano: requests * 1_000_000_000,
  });
  const rows = [
    row('2026-03-03', 5, 'codex', 'gpt-5', 1),
    row('2026-03-01', 23, 'claude-code', 'sonnet', 2),
    row('2026-03-02', 0, 'codex', 'gpt-5', 4),
    row('2026-03-02', 12, 'claude-code', 'opus', 8),
    row('2026-03-02', 13, 'claude-code', 'opus', 16),
    row('2026-03-04', 0, 'claude-code', 'opus', 32),
  ];

  it('keeps the days from since to until, both included, and totals only those', () => {
    const { daily, totals } = dailyUsage(rows, '2026-03-02', '2026-03-03');
    assert.deepEqual(daily.map((d) => [d.date, d.agent, d.model, d.requests]), [
      ['2026-03-02', 'claude-code', 'opus', 24],
      ['2026-03-02', 'codex', 'gpt-5', 4],
      ['2026-03-03', 'codex', 'gpt-5', 1],
    ]);
    assert.equal(totals.requests, 29);
    assert.equal(totals.inputTokens, 290);
    assert.equal(totals.costUsd, 29);
  });

  it('only since, only until, or neither', () => {
    assert.deepEqual(dailyUsage(rows, '2026-03-03').daily.map((d) => d.date), ['2026-03-03', '2026-03-04']);
    assert.deepEqual(dailyUsage(rows, undefined, '2026-03-01').daily.map((d) => d.date), ['2026-03-01']);
    const all = dailyUsage(rows);
    assert.deepEqual(all.daily.map((d) => `${d.date} ${d.agent} ${d.model}`), [
      '2026-03-01 claude-code sonnet',
      '2026-03-02 claude-code opus',
      '2026-03-02 codex gpt-5',
      '2026-03-03 codex gpt-5',
      '2026-03-04 claude-code opus',
    ]);
    assert.equal(all.totals.requests, 63);
  });
});
