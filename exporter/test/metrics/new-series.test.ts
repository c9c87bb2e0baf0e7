// The hold of new series, rule by rule: a series born after a scraper's previous scrape is 0 in that scraper's next
// scrape and its value afterwards; scrapers are held apart; requests that are not Prometheus scrapes are never held;
// a scraper first seen after a restart holds only recent births; concurrent renders keep their own scraper.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { heldInThisScrape, renderMetrics, type ScrapeRequest } from '../../src/metrics/new-series.js';

/** A registry with one counter per given series, each `{ name, bornMs }` with value 7 unless held. */
function registry(series: { name: string; bornMs?: number }[]): Registry {
  const r = new Registry();
  r.registerMetric({
    name: 'x_total', help: 'x.', type: 'counter', aggregator: 'sum', reset() {},
    async get() {
      await new Promise((res) => setImmediate(res)); // an await inside rendering, where another render could interleave
      return { name: 'x_total', help: 'x.', type: 'counter', aggregator: 'sum', values: series.map((s) => ({ labels: { s: s.name }, value: heldInThisScrape(s.bornMs) ? 0 : 7 })) };
    },
  } as never);
  return r;
}

const prom = (ua: string, addr = '10.0.0.1'): ScrapeRequest => ({ headers: { 'x-prometheus-scrape-timeout-seconds': '10', 'user-agent': ua }, remoteAddress: addr });
const values = (text: string): Record<string, number> =>
  Object.fromEntries([...text.matchAll(/^x_total\{s="(\w+)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));

test('a series born since a scraper\'s previous scrape is 0 once for that scraper, then its value', async () => {
  const T = 10 * 60_000 + 1_000_000; // a process up for a while (the clock is ms since start)
  const series = [{ name: 'old' }, { name: 'history', bornMs: undefined }, { name: 'fresh', bornMs: T + 500 }];
  const r = registry(series);
  const a = prom('Prometheus/2.42.0');
  const first = values(await renderMetrics(r, a, T)); // (fresh does not exist yet at this scrape: only the others count)
  assert.deepEqual([first.old, first.history], [7, 7], 'series that are not new are never held');
  assert.deepEqual(values(await renderMetrics(r, a, T + 1000)), { old: 7, history: 7, fresh: 0 }, 'born since the previous scrape');
  assert.deepEqual(values(await renderMetrics(r, a, T + 2000)), { old: 7, history: 7, fresh: 7 });
  assert.deepEqual(values(await renderMetrics(r, a, T + 3000)), { old: 7, history: 7, fresh: 7 }, 'never 0 again: no reset');
  // Another scraper (another address, or the same address with another User-Agent) has its own first 0.
  assert.deepEqual(values(await renderMetrics(r, prom('Prometheus/2.42.0', '10.0.0.2'), T + 3000)), { old: 7, history: 7, fresh: 0 });
  assert.deepEqual(values(await renderMetrics(r, prom('vmagent/1.0'), T + 3000)), { old: 7, history: 7, fresh: 0 });
  // Not a Prometheus scrape (no scrape-timeout header): values as they are.
  assert.deepEqual(values(await renderMetrics(r, { headers: { 'user-agent': 'curl/8' }, remoteAddress: '10.0.0.1' }, T + 3000)), { old: 7, history: 7, fresh: 7 });
});

test('a scraper not seen since the exporter started holds births of the last five minutes only', async () => {
  const T = 60 * 60_000;
  const r = registry([{ name: 'recent', bornMs: T - 60_000 }, { name: 'early', bornMs: T - 30 * 60_000 }]);
  assert.deepEqual(values(await renderMetrics(r, prom('Prometheus/2.42.0', '10.0.0.9'), T)), { recent: 0, early: 7 });
});

test('concurrent scrapes each keep their own scraper across the awaits of rendering', async () => {
  const T = 2 * 60 * 60_000;
  const r = registry([{ name: 'fresh', bornMs: T - 1000 }]);
  const seen = prom('Prometheus/seen', '10.0.1.1');
  await renderMetrics(r, seen, T); // held for this one; the next is not
  const [other, again] = await Promise.all([renderMetrics(r, prom('Prometheus/new', '10.0.1.2'), T + 10), renderMetrics(r, seen, T + 10)]);
  assert.deepEqual(values(other), { fresh: 0 });
  assert.deepEqual(values(again), { fresh: 7 });
});
