// Plan limits through the real exporter over HTTP: Codex token_count lines in both shapes (resets_in_seconds, then
// resets_at with a plan type) and Claude Code statusline payloads run through the real `agentmon statusline` show up
// in /metrics; a window whose reset passes reads 0 and loses its reset time; context fill is shown for active
// sessions only; and every value survives a restart from the checkpoint with the logs gone.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, type Running, scrape, startServe, stop, waitForMetrics } from '../helpers/exporter.js';
import { codexHeader } from '../helpers/lines.js';
import { codexLimitsLine, runStatusline, statusPayload } from '../helpers/plan-lines.js';

const iso = (ms: number): string => new Date(ms).toISOString();
/** Whole seconds, so that reset times computed from line times are exact in the exposition. */
const NOW_S = Math.floor(Date.now() / 1000);
const NOW = NOW_S * 1000;
const get = (m: Map<string, number>, name: string, labels: string): number | undefined => m.get(`${name}{${labels}}`);
const names = (m: Map<string, number>, name: string): string[] => [...m.keys()].filter((k) => k.startsWith(`${name}{`)).sort();

describe('plan limits in serve', () => {
  let dir = '';
  let state = '';
  let codex = '';
  let serve: Running | undefined;
  // The spool folder is named beside the Claude folder: named folders mean only those (docs/hooks.md).
  const args = (): string[] => ['--config', join(dir, 'agentmon.yaml'), '--codex-dir', codex, '--claude-dir', join(dir, 'claude'), '--claude-dir', join(state, 'hooks'), '--state-dir', state];

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'agentmon-plan-serve-'));
    state = join(dir, 'state');
    codex = join(dir, 'codex');
    mkdirSync(join(codex, '2026', '05', '12'), { recursive: true });
    mkdirSync(join(dir, 'claude'), { recursive: true });
    // An older Codex CLI's rollout, 30 minutes old: reset times as seconds from the line's time, no plan type.
    const at = NOW - 30 * 60_000;
    writeFileSync(join(codex, '2026', '05', '12', 'rollout-old-0197aaaa-0000-7000-8000-000000000001.jsonl'), [
      codexHeader({ ts: iso(at - 1000), id: '0197aaaa-0000-7000-8000-000000000001', cwd: '/home/dev/api' }),
      codexLimitsLine({ ts: iso(at), primary: { usedPercent: 42.5, windowMinutes: 300, resetsInSeconds: 7200 }, secondary: { usedPercent: 88, windowMinutes: 10080, resetsInSeconds: 200_000 }, usage: [5200, 2048, 14], contextWindow: 272_000 }),
    ].join('\n') + '\n');
    writeFileSync(join(dir, 'agentmon.yaml'), 'tail: { rescanIntervalSeconds: 1, checkpointIntervalSeconds: 1 }\n');
    serve = await startServe(args());
  });
  after(async () => {
    if (serve) await stop(serve);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the older resets_in_seconds shape; nothing is shown for agents that reported nothing', async () => {
    const m = await waitForMetrics(serve!.url, (x) => get(x, 'agentmon_plan_usage_ratio', 'agent="codex",window="5h"') !== undefined);
    const at = (NOW - 30 * 60_000) / 1000;
    assert.deepEqual(names(m, 'agentmon_plan_usage_ratio'), ['agentmon_plan_usage_ratio{agent="codex",window="5h"}', 'agentmon_plan_usage_ratio{agent="codex",window="7d"}']);
    assert.equal(get(m, 'agentmon_plan_usage_ratio', 'agent="codex",window="5h"'), 0.425);
    assert.equal(get(m, 'agentmon_plan_usage_ratio', 'agent="codex",window="7d"'), 0.88);
    assert.equal(get(m, 'agentmon_plan_window_resets_timestamp_seconds', 'agent="codex",window="5h"'), at + 7200);
    assert.equal(get(m, 'agentmon_plan_window_resets_timestamp_seconds', 'agent="codex",window="7d"'), at + 200_000);
    assert.deepEqual(names(m, 'agentmon_plan_info'), []);
    // The session's context reading is 30 minutes old: not an active session.
    assert.deepEqual(names(m, 'agentmon_context_window_used_ratio'), []);
  });

  it('a newer rollout in the resets_at shape replaces the readings and adds the plan type and context fill', async () => {
    const file = join(codex, '2026', '05', '12', 'rollout-new-0197bbbb-0000-7000-8000-000000000002.jsonl');
    writeFileSync(file, [
      codexHeader({ ts: iso(NOW - 6000), id: '0197bbbb-0000-7000-8000-000000000002', cwd: '/home/dev/api' }),
      codexLimitsLine({ ts: iso(NOW - 5000), limitId: 'codex', planType: 'pro', primary: { usedPercent: 61.5, windowMinutes: 300, resetsAt: NOW_S + 3 * 3600 }, secondary: { usedPercent: 22, windowMinutes: 10080, resetsAt: NOW_S + 4 * 86400 } }),
      codexLimitsLine({ ts: iso(NOW - 4000), limitId: 'codex', planType: 'pro', primary: { usedPercent: 61.5, windowMinutes: 300, resetsAt: NOW_S + 3 * 3600 }, secondary: { usedPercent: 22, windowMinutes: 10080, resetsAt: NOW_S + 4 * 86400 }, usage: [64_600, 60_000, 300], contextWindow: 258_400 }),
    ].join('\n') + '\n');
    const m = await waitForMetrics(serve!.url, (x) => get(x, 'agentmon_plan_info', 'agent="codex",plan_type="pro"') === 1 && get(x, 'agentmon_context_window_used_ratio', 'agent="codex",project="api"') !== undefined);
    assert.equal(get(m, 'agentmon_plan_usage_ratio', 'agent="codex",window="5h"'), 0.615);
    assert.equal(get(m, 'agentmon_plan_usage_ratio', 'agent="codex",window="7d"'), 0.22);
    assert.equal(get(m, 'agentmon_plan_window_resets_timestamp_seconds', 'agent="codex",window="5h"'), NOW_S + 3 * 3600);
    assert.equal(get(m, 'agentmon_plan_window_resets_timestamp_seconds', 'agent="codex",window="7d"'), NOW_S + 4 * 86400);
    assert.equal(get(m, 'agentmon_context_window_used_ratio', 'agent="codex",project="api"'), 0.25);
    // The usage on the same line is still counted once.
    assert.equal(get(m, 'agentmon_tokens_total', 'agent="codex",project="api",model="gpt-5-codex",type="cache_read"'), 62_048);
  });

  it('agentmon statusline hands Claude Code\'s windows and context to serve', async () => {
    const r = await runStatusline(state, statusPayload({ session: 'sess-s', project: 'shop', fiveHour: [73, NOW_S + 2 * 3600], sevenDay: [18.5, NOW_S + 5 * 86400], contextPercent: 61 }));
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Opus 4\.6 · ctx 61% · 5h 73% \(\d+h\d\dm\) · 7d 19% \(\d+d\d+h\) · \$0\.25\n$/);
    const m = await waitForMetrics(serve!.url, (x) => get(x, 'agentmon_plan_usage_ratio', 'agent="claude-code",window="5h"') !== undefined);
    assert.equal(get(m, 'agentmon_plan_usage_ratio', 'agent="claude-code",window="5h"'), 0.73);
    assert.equal(get(m, 'agentmon_plan_usage_ratio', 'agent="claude-code",window="7d"'), 0.185);
    assert.equal(get(m, 'agentmon_plan_window_resets_timestamp_seconds', 'agent="claude-code",window="5h"'), NOW_S + 2 * 3600);
    assert.equal(get(m, 'agentmon_context_window_used_ratio', 'agent="claude-code",project="shop"'), 0.61);
    // Claude Code says nothing of its plan type: none is made up.
    assert.deepEqual(names(m, 'agentmon_plan_info'), ['agentmon_plan_info{agent="codex",plan_type="pro"}']);
    assert.equal(get(m, 'agentmon_lines_total', 'agent="claude-code",result="parsed"'), 1);
    // The landing page shows the same windows.
    const page = await (await fetch(`${serve!.url}/`)).text();
    const plan = page.slice(page.indexOf('<h2>Plan limits</h2>'), page.indexOf('<h2>Today'));
    assert.match(plan, /<p>Plan: codex: pro\.<\/p>/);
    for (const [agent, window, used] of [['codex', '5h', '62%'], ['codex', '7d', '22%'], ['claude-code', '5h', '73%'], ['claude-code', '7d', '19%']]) {
      assert.match(plan, new RegExp(`<tr><td>${agent}</td><td>${window}</td><td><span[^\n]*</span></span> ${used}</td>`), `${agent} ${window}`);
    }
    assert.match(plan, /<td>claude-code<\/td><td>shop<\/td><td><span[^\n]*<\/span><\/span> 61%<\/td>/);
  });

  it('a window whose reset time passes reads 0 and loses its reset time', async () => {
    const resetsAt = Math.floor(Date.now() / 1000) + 3;
    appendFileSync(join(codex, '2026', '05', '12', 'rollout-new-0197bbbb-0000-7000-8000-000000000002.jsonl'), codexLimitsLine({ ts: iso(Date.now()), limitId: 'codex_spark', primary: { usedPercent: 97, windowMinutes: 300, resetsAt } }) + '\n');
    const before = await waitForMetrics(serve!.url, (x) => get(x, 'agentmon_plan_usage_ratio', 'agent="codex",window="codex_spark_5h"') !== undefined);
    // Seen before its reset (unless the machine is very slow: then the 0 below is all there is to check).
    if (Date.now() < resetsAt * 1000 - 500) assert.equal(get(before, 'agentmon_plan_usage_ratio', 'agent="codex",window="codex_spark_5h"'), 0.97);
    const m = await waitForMetrics(serve!.url, (x) => get(x, 'agentmon_plan_usage_ratio', 'agent="codex",window="codex_spark_5h"') === 0);
    assert.ok(Date.now() >= resetsAt * 1000);
    assert.equal(get(m, 'agentmon_plan_usage_ratio', 'agent="codex",window="codex_spark_5h"'), 0);
    assert.equal(get(m, 'agentmon_plan_window_resets_timestamp_seconds', 'agent="codex",window="codex_spark_5h"'), undefined);
    // The main windows are not touched by another limit's reading.
    assert.equal(get(m, 'agentmon_plan_usage_ratio', 'agent="codex",window="5h"'), 0.615);
  });

  it('every value survives a restart from the checkpoint, with the logs and the spool gone', async () => {
    const beforeRestart = await scrape(serve!.url);
    await stop(serve!);
    serve = undefined;
    rmSync(codex, { recursive: true, force: true });
    mkdirSync(codex);
    rmSync(join(state, 'hooks'), { recursive: true, force: true });
    serve = await startServe(args());
    const m = await scrape(serve.url);
    for (const name of ['agentmon_plan_usage_ratio', 'agentmon_plan_window_resets_timestamp_seconds', 'agentmon_plan_info', 'agentmon_context_window_used_ratio']) {
      assert.deepEqual(names(m, name), names(beforeRestart, name), name);
      for (const k of names(m, name)) assert.equal(m.get(k), beforeRestart.get(k), k);
    }
    assert.equal(get(m, 'agentmon_plan_usage_ratio', 'agent="claude-code",window="5h"'), 0.73);
  });
});
