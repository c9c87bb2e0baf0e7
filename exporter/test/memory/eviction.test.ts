// Dedup memory stays small: old full entries shrink to 8-byte hashes, and a copy of such a response (a resumed
// session replaying old lines) is still not counted again, while genuinely new old-dated lines still count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ledger } from '../../src/accounting/ledger.js';
import type { RequestEvent } from '../../src/adapters/types.js';
import { PriceTable } from '../../src/pricing/pricing.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 22);
const opts = { prices: new PriceTable(), maxProjects: 10, maxModels: 10, maxTools: 10, retentionDays: 30, maxDedupEntries: 1000, coldRetentionDays: 400, activeWindowSeconds: 300 };
const req = (key: string, ts: number, input = 10): RequestEvent => ({
  kind: 'request', timestampMs: ts, sessionId: `s-${key}`, project: 'p', model: 'm', dedupKey: key,
  tokens: { input, output: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 },
});
const requests = (l: Ledger): number => l.counters.sum('agentmon_requests_total');

test('entries older than the retention window shrink to hashes; their copies still do not count', () => {
  const l = new Ledger(opts);
  l.apply('claude-code', req('old', now - 100 * DAY));
  l.apply('claude-code', req('recent', now - DAY));
  assert.equal(l.dedupSize, 2);
  l.evict(now);
  assert.equal(l.dedupSize, 1);
  assert.equal(l.coldSize, 2, 'the old response and its session remain as hashes');
  assert.equal(l.sessions.size, 1, 'old session details are dropped');
  l.apply('claude-code', req('old', now - 100 * DAY)); // copy in a resumed session
  l.apply('claude-code', req('recent', now - DAY)); // copy of a remembered one
  assert.equal(requests(l), 2);
  assert.equal(l.counters.sum('agentmon_duplicate_responses_total'), 2);
  l.apply('claude-code', req('new', now));
  l.apply('claude-code', req('restored-archive', now - 200 * DAY)); // a new file of old lines still counts
  assert.equal(requests(l), 4);
  assert.equal(l.counters.sum('agentmon_sessions_total'), 4, 'the old session is not counted again on its copy');
});

test('the entry cap drops the oldest keys first and survives a snapshot round trip', () => {
  const l = new Ledger(opts);
  for (let i = 0; i < 1500; i++) l.apply('codex', req(`k${i}`, now - DAY + i * 1000));
  l.evict(now);
  assert.equal(l.dedupSize, 1000);
  const restored = new Ledger(opts, JSON.parse(JSON.stringify(l.snapshot())));
  restored.apply('codex', req('k1499', now - DAY + 1499 * 1000)); // kept: still deduplicated
  restored.apply('codex', req('k0', now - DAY)); // shrunk to a hash: still recognized as a copy
  assert.equal(requests(restored), 1500);
  assert.equal(restored.dedupSize, 1000);
  assert.equal(restored.coldSize, 500);
  restored.evict(now + 500 * DAY); // hashes past coldRetentionDays are dropped
  assert.equal(restored.coldSize, 0);
});
