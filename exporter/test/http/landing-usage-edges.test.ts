// The landing page's usage at its edges: several agents (sorted, with a total row), costs that leave out unpriced
// requests marked as such ("unpriced*" when nothing in a cell had a price, "$x*" when part of it had none), today's
// models sorted with the right cost each, and the two empty states (nothing recorded; nothing in the last 30 days).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { num } from '../../src/http/landing-html.js';
import { renderLanding } from '../../src/http/landing.js';
import { usageSection } from '../../src/http/landing-usage.js';
import { formatUsd } from '../../src/reports/render/format.js';
import { silentLogger } from '../../src/util/log.js';
import { claudeAssistant, codexHeader, codexTokenCount } from '../helpers/lines.js';

const NOW = Date.parse('2026-03-12T12:00:00Z');
const SONNET = 'claude-sonnet-4-5-20250929';
const MYSTERY = 'mystery-model-x';
const root = mkdtempSync(join(tmpdir(), 'agentmon-landing-usage-edges-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A real engine that has read the given Claude Code and Codex lines. */
async function engineOver(claude: string[], codex: string[] = []): Promise<Engine> {
  const dir = join(root, `e${++n}`);
  mkdirSync(join(dir, 'claude', 'p'), { recursive: true });
  mkdirSync(join(dir, 'codex', '2026', '03', '12'), { recursive: true });
  if (claude.length) writeFileSync(join(dir, 'claude', 'p', 's.jsonl'), claude.join('\n') + '\n');
  if (codex.length) writeFileSync(join(dir, 'codex', '2026', '03', '12', 'rollout-2026-03-12T08-00-00-0199a000-0000-7000-8000-000000000001.jsonl'), codex.join('\n') + '\n');
  const config = await loadConfig({ dirs: { 'claude-code': [join(dir, 'claude')], codex: [join(dir, 'codex')], gemini: [] }, stateDir: join(dir, 'state') }, {});
  const engine = new Engine(config, silentLogger, undefined, {});
  await engine.scanAll();
  await engine.tracker.closeAll();
  return engine;
}

const cellsOf = (row: string): string[] => [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);

describe('landing page: usage of several agents, part unpriced', async () => {
  const engine = await engineOver(
    [
      // today: an unpriced model first, then a priced one; ten days ago: the priced one only
      claudeAssistant({ msgId: 'u1', reqId: 'ru1', ts: '2026-03-12T08:00:00Z', model: MYSTERY, usage: { input: 5, output: 5 } }),
      claudeAssistant({ msgId: 'p1', reqId: 'rp1', ts: '2026-03-12T09:00:00Z', model: SONNET, usage: { input: 1000, output: 100 } }),
      claudeAssistant({ msgId: 'p0', reqId: 'rp0', ts: '2026-03-02T09:00:00Z', model: SONNET, usage: { input: 2000 } }),
    ],
    [codexHeader({ ts: '2026-03-12T08:00:00Z', id: '0199a000-0000-7000-8000-000000000001', model: 'mystery-codex' }), codexTokenCount({ ts: '2026-03-12T08:01:00Z', input: 300, cached: 0, output: 30 })],
  );
  const html = renderLanding(engine, 'v', NOW);
  const usage = /<table id="usage">.*?<\/table>/s.exec(html)?.[0] ?? '';

  it('lists agents sorted, each with its cells, and a total row', () => {
    const rows = [...usage.matchAll(/<tr(?: class="total")?><td>([a-z-]+)<\/td>(.*?)<\/tr>/g)];
    assert.deepEqual(rows.map((r) => r[1]), ['claude-code', 'codex', 'total']);
    const claude = cellsOf(rows[0]![2]!);
    const codex = cellsOf(rows[1]![2]!);
    const total = cellsOf(rows[2]![2]!);
    // tokens: today, 7 days, 30 days, all history
    assert.deepEqual([claude[1], claude[3], claude[5], claude[7]], [num(1110), num(1110), num(3110), num(3110)]);
    assert.deepEqual([codex[1], codex[3], codex[5], codex[7]], [num(330), num(330), num(330), num(330)]);
    assert.deepEqual([total[1], total[5]], [num(1440), num(3440)]);
    assert.match(usage, /<tfoot><tr class="total"><td>total<\/td>/);
  });

  it('marks a cost that leaves out unpriced requests, and says "unpriced" where nothing had a price', () => {
    const claudeRow = /<tr><td>claude-code<\/td>(.*?)<\/tr>/.exec(usage)![1]!;
    const codexRow = /<tr><td>codex<\/td>(.*?)<\/tr>/.exec(usage)![1]!;
    const priced = [...engine.ledger.rollups.all()].filter((r) => r.agent === 'claude-code' && r.model === SONNET && r.hourStartSec >= Date.parse('2026-03-12T00:00:00Z') / 1000);
    const todayCost = priced.reduce((s, r) => s + r.costNano, 0);
    assert.ok(todayCost > 0, 'the priced model has a cost');
    // Today: part unpriced, marked with a star and a title saying what it leaves out.
    assert.equal(cellsOf(claudeRow)[0], `${formatUsd(todayCost / 1e9)}*`);
    assert.match(claudeRow, /^<td class="num" title="leaves out requests of models without a price">\$/);
    // Codex: nothing priced in any window.
    assert.deepEqual(cellsOf(codexRow).filter((_, i) => i % 2 === 0), ['unpriced*', 'unpriced*', 'unpriced*', 'unpriced*']);
    assert.match(html, /<p class="note" id="unpriced">\* 2 requests of (mystery-model-x, mystery-codex|mystery-codex, mystery-model-x) have no price/);
  });

  it('lists today by agent and model, sorted, the unpriced ones marked and the priced one at its cost', () => {
    const body = /<table id="today">.*?<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? '';
    assert.doesNotMatch(body, /<\/tr>[^<]/, 'nothing between rows');
    const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => cellsOf(m[1]!));
    assert.deepEqual(rows.map((r) => `${r[0]} ${r[1]}`), [`claude-code ${SONNET}`, `claude-code ${MYSTERY}`, 'codex mystery-codex']);
    const todayCost = [...engine.ledger.rollups.all()].filter((r) => r.model === SONNET && r.hourStartSec >= Date.parse('2026-03-12T00:00:00Z') / 1000).reduce((s, r) => s + r.costNano, 0);
    assert.deepEqual(rows.map((r) => r[6]), [formatUsd(todayCost / 1e9), 'unpriced*', 'unpriced*']);
    assert.deepEqual(rows.map((r) => r[7]), ['1', '1', '1']);
  });
});

describe('landing page: usage when there is little', () => {
  it('says so when nothing was recorded', async () => {
    const html = renderLanding(await engineOver([]), 'v', NOW);
    assert.ok(html.includes('<h2>Usage</h2><p id="no-usage">No usage recorded yet in the watched folders.</p>'));
    assert.doesNotMatch(html, /<table id="usage">/);
  });

  it('says when the latest usage was, when none is in the last 30 days', async () => {
    const engine = await engineOver([claudeAssistant({ msgId: 'old', reqId: 'rold', ts: '2026-01-31T10:00:00Z', model: SONNET, usage: { input: 7 } })]);
    const html = renderLanding(engine, 'v', NOW);
    assert.ok(html.includes('<h2>Usage</h2><p>No usage in the last 30 days; the latest was on 2026-01-31.</p><table id="usage">'));
    const row = /<tr><td>claude-code<\/td>(.*?)<\/tr>/.exec(html)![1]!;
    assert.deepEqual(cellsOf(row), ['–', '–', '–', '–', '–', '–', cellsOf(row)[6]!, num(7)]);
    assert.doesNotMatch(html, /<table id="today">/, 'nothing today: no table of today\'s models');
    assert.doesNotMatch(html, /<tfoot>/);
  });
});

describe('landing page: usage from rollups in any order', () => {
  // The section reads the ledger's hourly rollups in the order they were first written (the order the logs were
  // read); these are given directly, in an order that is not the one shown.
  const todaySec = Date.parse('2026-03-12T00:00:00Z') / 1000;
  const row = (agent: string, model: string, requests: number, costNano: number, hourStartSec = todaySec + 3600) => ({
    hourStartSec, agent, project: 'p', model, inputTokens: requests * 10, outputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0, costNano, requests,
  });
  const render = (rows: ReturnType<typeof row>[]): string => {
    const engine = { ledger: { rollups: { all: () => rows } }, prices: { has: () => true } } as unknown as Engine;
    return usageSection({ engine, nowMs: NOW });
  };

  it('sorts agents and today\'s models by name whatever order they were read in', () => {
    const html = render([row('gemini', 'g-2', 1, 5), row('codex', 'c-1', 2, 7), row('claude-code', 'm-b', 3, 9), row('claude-code', 'm-a', 4, 11)]);
    assert.deepEqual([...html.matchAll(/<tr><td>([a-z-]+)<\/td><td class="num/g)].map((m) => m[1]), ['claude-code', 'codex', 'gemini']);
    const today = /<table id="today">.*?<tbody>(.*?)<\/tbody>/s.exec(html)![1]!;
    assert.deepEqual([...today.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`), ['claude-code m-a', 'claude-code m-b', 'codex c-1', 'gemini g-2']);
  });

  it('leaves out rows that counted nothing: no agent line, no model line for them', () => {
    const html = render([row('codex', 'c-1', 0, 0), row('claude-code', 'm-a', 2, 2), row('claude-code', 'm-z', 0, 0)]);
    assert.deepEqual([...html.matchAll(/<tr><td>([a-z-]+)<\/td><td class="num/g)].map((m) => m[1]), ['claude-code']);
    const today = /<table id="today">.*?<tbody>(.*?)<\/tbody>/s.exec(html)![1]!;
    assert.deepEqual([...today.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`), ['claude-code m-a']);
    assert.doesNotMatch(html, /<tfoot>/, 'one agent with usage: no total row');
  });
});

describe('landing page: the usage section, whole', () => {
  // The exact markup for two small cases, written out by hand: an agent with nothing in the newest windows (dashes,
  // muted), a total row, today's models; and one agent whose only usage is 40 days old. Every separator, class and
  // empty state is in it, so a change to any of them shows.
  const todaySec = Date.parse('2026-03-12T00:00:00Z') / 1000;
  const row = (agent: string, model: string, requests: number, costNano: number, hourStartSec: number) => ({
    hourStartSec, agent, project: 'p', model, inputTokens: requests * 10, outputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0, costNano, requests,
  });
  const render = (rows: ReturnType<typeof row>[]): string => {
    const engine = { ledger: { rollups: { all: () => rows } }, prices: { has: () => true } } as unknown as Engine;
    return usageSection({ engine, nowMs: NOW });
  };
  const head = '<h2>Usage</h2>';
  const table = (body: string, foot: string): string =>
    '<table id="usage"><thead><tr><th rowspan="2">agent</th>'
    + '<th colspan="2" class="group">Today<br><small>2026-03-12</small></th>'
    + '<th colspan="2" class="group">Last 7 days<br><small>since 2026-03-06</small></th>'
    + '<th colspan="2" class="group">Last 30 days<br><small>since 2026-02-11</small></th>'
    + '<th colspan="2" class="group">All history</th></tr>'
    + '<tr>' + '<th class="num">cost</th><th class="num">tokens</th>'.repeat(4) + '</tr></thead>'
    + `<tbody>${body}</tbody>${foot}</table>`;
  const dash = '<td class="num muted">–</td><td class="num muted">–</td>';
  const cells = (cost: string, tokens: string): string => `<td class="num">${cost}</td><td class="num">${tokens}</td>`;

  it('two agents, one quiet lately: dashes, a total row and today\'s models', () => {
    const html = render([row('codex', 'c-1', 2, 7e9, todaySec + 3600), row('claude-code', 'm-a', 1, 5e8, todaySec - 10 * 86_400 + 3600)]);
    const expected = head
      + table(
        `<tr><td>claude-code</td>${dash}${dash}${cells('$0.5000', '10')}${cells('$0.5000', '10')}</tr>`
        + `<tr><td>codex</td>${cells('$7.00', '20').repeat(4)}</tr>`,
        `<tfoot><tr class="total"><td>total</td>${cells('$7.00', '20')}${cells('$7.00', '20')}${cells('$7.50', '30')}${cells('$7.50', '30')}</tr></tfoot>`,
      )
      + '<h3>Today by model</h3><table id="today"><thead><tr><th>agent</th><th>model</th><th class="num">input</th><th class="num">output</th><th class="num">cache write</th><th class="num">cache read</th><th class="num">cost</th><th class="num">requests</th></tr></thead>'
      + '<tbody><tr><td>codex</td><td>c-1</td><td class="num">20</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">$7.00</td><td class="num">2</td></tr></tbody></table>';
    assert.equal(html, expected);
  });

  it('one agent with old usage only: when it was, no total row, no note, no models of today', () => {
    const html = render([row('claude-code', 'm-a', 1, 5e8, todaySec - 40 * 86_400 + 3600)]);
    const expected = head
      + '<p>No usage in the last 30 days; the latest was on 2026-01-31.</p>'
      + table(`<tr><td>claude-code</td>${dash}${dash}${dash}${cells('$0.5000', '10')}</tr>`, '');
    assert.equal(html, expected);
  });
});
