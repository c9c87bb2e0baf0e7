// Streamed growth of a response whose full dedup entry was already compacted (it is older than dedup.retentionDays,
// or the cap pushed it out): the response still counts exactly once at its final, largest output — whatever the
// order its lines arrive in, with compactions and restarts (checkpoint round trips) between any two of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ColdResponses, NO_GROWTH } from '../../src/accounting/cold-responses.js';
import { Ledger, type LedgerSnapshot } from '../../src/accounting/ledger.js';
import { loadShippedPrices, PriceTable } from '../../src/pricing/pricing.js';
import { feed } from '../fixtures/harness.js';
import { claudeAssistant } from '../helpers/lines.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const opts = {
  prices: new PriceTable(loadShippedPrices()), maxProjects: 10, maxModels: 10, maxTools: 10, retentionDays: 2, maxDedupEntries: 100_000,
  coldRetentionDays: 400, activeWindowSeconds: 300,
};

test('ColdResponses keeps each response\'s largest output and the second it was counted, across compacts and a round trip', () => {
  const c = new ColdResponses();
  const t = Date.UTC(2026, 9, 31, 23, 59, 59, 750); // the last second of a month
  c.add('a', t, 10);
  c.add('b', Date.UTC(2026, 10, 1), 2 ** 40); // too large to keep: never grows
  assert.equal(c.get('a'), undefined, 'visible after compact');
  c.compact();
  for (let i = 0; i < 300; i++) c.add(`k${i}`, t - i * 60_000, i);
  c.compact();
  assert.deepEqual(c.get('a'), { eventMs: Date.UTC(2026, 9, 31, 23, 59, 59), output: 10 });
  assert.equal(c.get('b')!.output, NO_GROWTH);
  c.raise('a', 299);
  const back = ColdResponses.fromJSON(JSON.parse(JSON.stringify(c.toJSON())) as Record<string, string>);
  assert.deepEqual(back.get('a'), { eventMs: Date.UTC(2026, 9, 31, 23, 59, 59), output: 299 });
  for (let i = 0; i < 300; i++) assert.equal(back.get(`k${i}`)!.output, i);
  assert.equal(back.get('missing'), undefined);
  assert.equal(back.size, 302);
  back.prune(Date.UTC(2026, 10, 1));
  assert.equal(back.get('a'), undefined);
  assert.equal(back.size, 1);
});

/** The lines of two streamed responses (10, 10, 299 and 5, 40), stamped `ageDays` before NOW. */
function responseLines(ageDays: number): string[] {
  const ts = new Date(NOW - ageDays * DAY).toISOString();
  const a = (output: number) => claudeAssistant({ msgId: 'msg_a', reqId: 'req_a', ts, usage: { input: 1200, output, cacheRead: 30_000, cacheWrite1h: 900 } });
  const b = (output: number) => claudeAssistant({ msgId: 'msg_b', reqId: 'req_b', ts, model: 'claude-opus-4-6', usage: { input: 7, output, cacheRead: 210_000 } });
  return [a(10), b(5), a(10), a(299), b(40)];
}

/** Everything a double count or a lost growth would change: counters, hourly rollups, duplicates aside. */
function view(l: Ledger): unknown {
  const snap = l.snapshot();
  const counters = Object.fromEntries(
    ['agentmon_tokens_total', 'agentmon_cost_usd_total', 'agentmon_requests_total'].map((m) => [m, [...(snap.counters[m] ?? [])].sort()]),
  );
  return { counters, rollups: [...snap.rollups].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))) };
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

for (const ageDays of [0, 3, 40]) {
  test(`a response ${ageDays} days old counts once at its final output in every order, with compactions and restarts between its lines`, () => {
    const lines = responseLines(ageDays);
    const reference = new Ledger({ ...opts, retentionDays: 10_000 });
    feed(reference, 'claude-code', lines);
    const want = view(reference);
    const orders = permutations([0, 1, 2, 3, 4]);
    let cases = 0;
    for (const order of orders) {
      // Between consecutive lines: nothing, a compaction, or a restart (checkpoint round trip) after a compaction.
      for (let mask = 0; mask < 3 ** 4; mask++) {
        let l = new Ledger(opts);
        order.forEach((idx, k) => {
          if (k > 0) {
            const what = Math.floor(mask / 3 ** (k - 1)) % 3;
            if (what >= 1) l.evict(NOW);
            if (what === 2) l = new Ledger(opts, JSON.parse(JSON.stringify(l.snapshot())) as LedgerSnapshot);
          }
          feed(l, 'claude-code', [lines[idx]!], `/f/${k % 2}.jsonl`);
        });
        assert.deepEqual(view(l), want, `order ${order.join(',')} mask ${mask}`);
        cases += 1;
      }
    }
    assert.equal(cases, 120 * 81);
  });
}

test('the reproduction from the issue: output 10 read, then 10 and 299 after a compaction and a restart → 299', () => {
  for (const ageDays of [0, 3]) {
    const [first, , second, third] = responseLines(ageDays);
    let l = new Ledger(opts);
    feed(l, 'claude-code', [first!]);
    l.evict(NOW);
    l = new Ledger(opts, JSON.parse(JSON.stringify(l.snapshot())) as LedgerSnapshot);
    feed(l, 'claude-code', [second!, third!]);
    assert.equal(l.counters.sum('agentmon_tokens_total', { 3: 'output' }), 299, `${ageDays} days old`);
    assert.equal(l.counters.sum('agentmon_requests_total'), 1);
  }
});

test('a response whose cost was stated by its log stops growing once compacted (no table price to recompute it)', () => {
  const l = new Ledger(opts);
  const ev = (output: number, costUsd: number) => ({
    kind: 'request' as const, timestampMs: NOW - 3 * DAY, sessionId: 's', project: 'p', model: 'house-model', dedupKey: 'custom:x',
    tokens: { input: 1, output, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 }, costUsd,
  });
  l.apply('claude-code', ev(10, 0.5));
  l.evict(NOW);
  l.apply('claude-code', ev(20, 0.75));
  assert.equal(l.counters.sum('agentmon_tokens_total', { 3: 'output' }), 10);
  assert.equal(l.counters.sum('agentmon_cost_usd_total'), 500_000_000);
  assert.equal(l.counters.sum('agentmon_duplicate_responses_total'), 1);
});

test('growth of a compacted response goes to the hour it was first counted in, as for one held in full', () => {
  const first = new Date(Date.UTC(2026, 10, 10, 23, 59, 59, 400)).toISOString();
  const later = new Date(Date.UTC(2026, 10, 11, 0, 0, 2)).toISOString(); // the final line, two seconds into the next day
  const line = (ts: string, output: number) => claudeAssistant({ msgId: 'msg_m', reqId: 'req_m', ts, usage: { input: 3, output } });
  for (const compacted of [false, true]) {
    const l = new Ledger(opts);
    feed(l, 'claude-code', [line(first, 10)]);
    if (compacted) l.evict(NOW);
    feed(l, 'claude-code', [line(later, 299)]);
    const rows = [...l.rollups.all()];
    assert.deepEqual(rows.map((r) => [new Date(r.hourStartSec * 1000).toISOString(), r.outputTokens, r.requests]), [['2026-11-10T23:00:00.000Z', 299, 1]], `compacted: ${compacted}`);
  }
});
