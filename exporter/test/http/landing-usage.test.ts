// The landing page's usage windows and today's models (landing-usage.ts) without a browser: a line at the first
// hour of each window counts in it and one an hour earlier does not; the tokens of every kind add up; today's
// models are listed per agent and model, sorted, with the token kinds apart and the requests summed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { num } from '../../src/http/landing-html.js';
import { renderLanding } from '../../src/http/landing.js';
import { silentLogger } from '../../src/util/log.js';
import { claudeAssistant } from '../helpers/lines.js';

const NOW = Date.parse('2026-03-12T12:00:00Z');
const SONNET = 'claude-sonnet-4-5-20250929';
const OPUS = 'claude-opus-4-1-20250805';

describe('landing page: usage windows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-landing-usage-'));
  let html = '';
  before(async () => {
    const logs = join(dir, 'claude');
    mkdirSync(join(logs, 'p'), { recursive: true });
    const lines = [
      // today: two sonnet requests and one opus request, every token kind
      claudeAssistant({ msgId: 'a', reqId: 'ra', ts: '2026-03-12T09:00:00Z', model: SONNET, usage: { input: 1, output: 2, cacheRead: 4, cacheWrite5m: 8, cacheWrite1h: 16 } }),
      claudeAssistant({ msgId: 'b', reqId: 'rb', ts: '2026-03-12T10:00:00Z', model: SONNET, usage: { input: 32, output: 64 } }),
      claudeAssistant({ msgId: 'c', reqId: 'rc', ts: '2026-03-12T00:00:00Z', model: OPUS, usage: { input: 128 } }),
      // first hour of the 7-day window, and the hour before it
      claudeAssistant({ msgId: 'd', reqId: 'rd', ts: '2026-03-06T00:10:00Z', model: SONNET, usage: { input: 1_000 } }),
      claudeAssistant({ msgId: 'e', reqId: 're', ts: '2026-03-05T23:10:00Z', model: SONNET, usage: { input: 10_000 } }),
      // first hour of the 30-day window, and the hour before it
      claudeAssistant({ msgId: 'f', reqId: 'rf', ts: '2026-02-11T00:10:00Z', model: SONNET, usage: { input: 100_000 } }),
      claudeAssistant({ msgId: 'g', reqId: 'rg', ts: '2026-02-10T23:10:00Z', model: SONNET, usage: { input: 1_000_000 } }),
    ];
    writeFileSync(join(logs, 'p', 's.jsonl'), lines.join('\n') + '\n');
    const config = await loadConfig({ dirs: { 'claude-code': [logs], codex: [], gemini: [] }, stateDir: join(dir, 'state') }, {});
    const engine = new Engine(config, silentLogger, undefined, {});
    await engine.scanAll();
    await engine.tracker.closeAll();
    html = renderLanding(engine, 'v', NOW);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('labels each window with its first UTC day', () => {
    const head = /<table id="usage"><thead>(.*?)<\/thead>/s.exec(html)?.[1] ?? '';
    assert.match(head, /<th colspan="2" class="group">Today<br><small>2026-03-12<\/small><\/th>/);
    assert.match(head, /<th colspan="2" class="group">Last 7 days<br><small>since 2026-03-06<\/small><\/th>/);
    assert.match(head, /<th colspan="2" class="group">Last 30 days<br><small>since 2026-02-11<\/small><\/th>/);
    assert.match(head, /<th colspan="2" class="group">All history<\/th>/);
    assert.equal(head.match(/<th class="num">cost<\/th><th class="num">tokens<\/th>/g)?.length, 4);
  });

  it('counts a line from the first hour of a window in it, and one from the hour before not', () => {
    const row = /<tbody><tr><td>claude-code<\/td>(.*?)<\/tr><\/tbody>/s.exec(html)?.[1] ?? '';
    const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    assert.equal(cells.length, 8, row);
    const today = 1 + 2 + 4 + 8 + 16 + 32 + 64 + 128;
    assert.deepEqual([cells[1], cells[3], cells[5], cells[7]], [num(today), num(today + 1_000), num(today + 1_000 + 10_000 + 100_000), num(today + 1_111_000)]);
    assert.doesNotMatch(html, /<tfoot>/, 'one agent: no total row');
    assert.doesNotMatch(html, /No usage in the last 30 days/);
  });

  it('lists today by agent and model, sorted, token kinds apart, requests summed', () => {
    const body = /<table id="today">.*?<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? '';
    const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]));
    assert.equal(rows.length, 2, body);
    // agent, model, input, output, cache write, cache read, cost, requests
    assert.deepEqual([rows[0]![0], rows[0]![1], ...rows[0]!.slice(2, 6), rows[0]![7]], ['claude-code', OPUS, num(128), num(0), num(0), num(0), num(1)]);
    assert.deepEqual([rows[1]![0], rows[1]![1], ...rows[1]!.slice(2, 6), rows[1]![7]], ['claude-code', SONNET, num(33), num(66), num(24), num(4), num(2)]);
    assert.match(rows[1]![6]!, /^\$/, 'a priced model shows dollars');
  });
});
