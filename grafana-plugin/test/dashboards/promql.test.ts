import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ALL_OVERVIEW_QUERIES } from '../../src/pages/Overview/queries.ts';
import { EXPORTER_CLI } from '../paths.ts';
import { claudeLines, codexLines } from './agent-logs.ts';
import { BUILTINS, loadDashboards, queriesOf, substitute, type PanelQuery } from './panels.ts';
import { startStack, waitFor, type PromResult, type Stack } from './stack.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

// Static labels and budgets give the Team and budget panels data; short health thresholds let the appended
// sessions show up as stuck (a prompt left unanswered) and looping (the same call three times).
const CONFIG = `
labels:
  static: { user: alice, team: web, host: dev-box }
budgets:
  total: { day: 5, month: 100 }
health:
  stuck: { noActivityAfterPromptSeconds: 1 }
  looping: { repeatedCalls: 3 }
tail: { rescanIntervalSeconds: 1, checkpointIntervalSeconds: 1 }
`;

/** Variable values: "All" everywhere (".*", as the dashboards set allValue), plus one narrowed run. */
const ALL = {
  ...BUILTINS,
  agent: '.*',
  project: '.*',
  model: '.*',
  instance: '.*',
  user: '.*',
  tool: '.*',
  job: '.*',
  group: 'user',
  grid_step: '2s',
};
const NARROWED = { ...ALL, agent: 'claude-code', project: 'webshop', user: 'alice', group: 'team' };

let stack: Stack;
/** Model requests the two appended bursts added, as the exporter counted them. */
let appendedRequests = 0;
/** Time (Unix seconds) of the last scrape before the first burst: panels over [it, a later scrape] see the bursts. */
let beforeBursts = 0;

/** Appends a burst of activity with current timestamps: Claude and Codex work, an error, a retry, a loop, a stall. */
function appendLiveActivity(round: number): void {
  const now = Date.now() - 20_000;
  const nowS = Math.floor(Date.now() / 1000);
  const write = (file: string, lines: string[]) => {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${lines.join('\n')}\n`);
  };
  const tag = `live${round}aa`.slice(0, 8);
  write(
    join(stack.claudeDir, '-home-dev-webshop', `7a1e0100-0000-4000-8000-00000000000${round}.jsonl`),
    claudeLines({
      sessionId: `7a1e0100-0000-4000-8000-00000000000${round}`,
      cwd: '/home/dev/webshop',
      model: 'claude-sonnet-4-5-20250929',
      startMs: now,
      tools: [
        { name: 'Bash', input: { command: 'npm test' }, ok: false, error: 'Exit code 1' },
        { name: 'Bash', input: { command: 'npm test' }, ok: false, error: 'Exit code 1' },
        { name: 'Bash', input: { command: 'npm test' }, ok: true },
        { name: 'Read', input: { file_path: '/home/dev/webshop/src/cart.ts' }, ok: true },
      ],
      apiError: true,
      tag,
    })
  );
  write(
    join(stack.claudeDir, '-home-dev-api', `7a1e0200-0000-4000-8000-00000000000${round}.jsonl`),
    claudeLines({
      sessionId: `7a1e0200-0000-4000-8000-00000000000${round}`,
      cwd: '/home/dev/api',
      model: 'claude-opus-4-1-20250805',
      startMs: now,
      tools: [],
      promptOnly: true,
      tag: `stall${round}a`.slice(0, 8),
    })
  );
  const d = new Date(now);
  const day = d.toISOString().slice(0, 10).split('-');
  write(
    join(stack.codexDir, day[0]!, day[1]!, day[2]!, `rollout-live-0197bbbb-0000-7000-8000-00000000000${round}.jsonl`),
    codexLines({
      id: `0197bbbb-0000-7000-8000-00000000000${round}`,
      cwd: '/home/dev/api',
      model: 'gpt-5-codex',
      startMs: now,
      commands: [
        { cmd: 'npm test', exitCode: 1 },
        { cmd: 'npm test', exitCode: 0 },
      ],
      rateLimits: { fiveHour: [30 + 5 * round, nowS + 3 * 3600], sevenDay: [12, nowS + 4 * 86400], planType: 'plus' },
    })
  );
  // Claude Code's plan windows and the webshop session's context, through the real `agentmon statusline`.
  const statusline = spawnSync(process.execPath, [EXPORTER_CLI, 'statusline', '--state-dir', stack.stateDir], {
    input: JSON.stringify({
      session_id: `7a1e0100-0000-4000-8000-00000000000${round}`,
      cwd: '/home/dev/webshop',
      workspace: { current_dir: '/home/dev/webshop', project_dir: '/home/dev/webshop' },
      model: { id: 'claude-sonnet-4-5-20250929', display_name: 'Sonnet 4.5' },
      context_window: { used_percentage: 20 + 10 * round, context_window_size: 200000 },
      rate_limits: {
        five_hour: { used_percentage: 40 + 10 * round, resets_at: nowS + 2 * 3600 },
        seven_day: { used_percentage: 15, resets_at: nowS + 5 * 86400 },
      },
    }),
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(statusline.status, 0, statusline.stderr);
}

const scalar = (r: PromResult) => Number(r.result[0]?.value?.[1] ?? NaN);

async function run(q: PanelQuery, values: Record<string, string>): Promise<PromResult> {
  const expr = substitute(q.expr, values);
  return q.instant ? stack.query(expr) : stack.queryRange(expr, 20);
}

const hasData = (r: PromResult) => r.result.some((s) => (s.value ? true : (s.values?.length ?? 0) > 0));

describe('every dashboard query against a real Prometheus scraping the exporter', () => {
  before(async () => {
    stack = await startStack(FIXTURES, CONFIG);
    // Two scrapes of the history first, so what is appended next shows up as an increase.
    await waitFor(
      'two scrapes',
      async () => scalar(await stack.query('count_over_time(agentmon_build_info[1m])')) >= 2
    );
    const before = scalar(await stack.query('sum(agentmon_requests_total)'));
    beforeBursts = scalar(await stack.query('timestamp(agentmon_build_info)'));
    appendLiveActivity(1);
    await waitFor(
      'the appended responses in Prometheus',
      async () => scalar(await stack.query('sum(agentmon_requests_total)')) > before
    );
    appendLiveActivity(2);
    await waitFor(
      'the second burst',
      async () => scalar(await stack.query('sum(agentmon_requests_total)')) >= before + 12
    );
    await waitFor(
      "both agents' plan windows and Claude Code's context fill",
      async () =>
        scalar(
          await stack.query(
            'count(agentmon:plan_usage_ratio:projected_at_reset) + count(agentmon_context_window_used_ratio{agent="claude-code"})'
          )
        ) >= 5
    );
    await waitFor(
      'a stuck and a looping session',
      async () => scalar(await stack.query('sum(agentmon_sessions_stuck) + sum(agentmon_sessions_looping)')) >= 2
    );
    // A few more scrapes and rule evaluations so every rate window holds several samples.
    await new Promise((r) => setTimeout(r, 5000));
    appendedRequests = scalar(await stack.query('sum(agentmon_requests_total)')) - before;
  });
  after(async () => {
    await stack?.stop();
  });

  it('sees the appended activity in the counters the dashboards read', async () => {
    assert.ok(scalar(await stack.query('sum(increase(agentmon_cost_usd_total[60s]))')) > 0, 'cost did not increase');
    assert.ok(scalar(await stack.query('sum(agentmon_sessions_active)')) >= 4, 'appended sessions are not active');
    assert.equal((await stack.query('agentmon_build_info{user="alice", team="web", host="dev-box"}')).result.length, 1);
  });

  const dashboards = loadDashboards();
  for (const [file, d] of dashboards) {
    // With every variable on "All" each query must return data; narrowed to one agent, project and user, each
    // panel must (a panel of stuck and looping counts may have only one of the two for one project).
    for (const [label, values, unit] of [
      ['All', ALL, 'query'],
      ['narrowed', NARROWED, 'panel'],
    ] as const) {
      it(`${file}: every query is valid PromQL and every ${unit} returns data (${label})`, async () => {
        const withData = new Map<string, boolean>();
        for (const q of queriesOf(file, d)) {
          let result: PromResult;
          try {
            result = await run(q, values);
          } catch (err) {
            assert.fail(`${q.panel}/${q.refId} failed: ${(err as Error).message}\n${substitute(q.expr, values)}`);
          }
          assert.deepEqual(result.warnings ?? [], [], `${q.panel}/${q.refId}`);
          const key = unit === 'query' ? `${q.panel}/${q.refId}: ${substitute(q.expr, values)}` : q.panel;
          withData.set(key, (withData.get(key) ?? false) || hasData(result));
        }
        const empty = [...withData].filter(([, has]) => !has).map(([key]) => key);
        assert.deepEqual(empty, [], `without data:\n${empty.join('\n')}`);
      });
    }
  }

  it('the hour × weekday grid puts this hour and weekday in its cells', async () => {
    const grid = queriesOf('agentmon-sessions-activity.json', dashboards.get('agentmon-sessions-activity.json')!).find(
      (q) => q.panel.startsWith('Model requests by hour')
    )!;
    const r = await run(grid, ALL);
    // All the data is from the last minute: every cell must be the weekday and hour (UTC) of a moment in it.
    const possible = new Set(
      [0, 30_000, 62_000].map((ago) => new Date(Date.now() - ago)).map((t) => `${t.getUTCDay()}/${t.getUTCHours()}`)
    );
    const cells = r.result.map((s) => `${s.metric.weekday}/${s.metric.hour}`);
    assert.ok(
      cells.length >= 1 && cells.every((c) => possible.has(c)),
      `cells ${cells.join(' ')} vs ${[...possible].join(' ')}`
    );
    // Exact: each burst is counted once, in the step where the exporter's total grew.
    assert.equal(appendedRequests, 14);
    assert.equal(
      r.result.reduce((sum, s) => sum + Number(s.value?.[1]), 0),
      appendedRequests
    );
  });

  it("key panels show the known answer: the bursts' exact counter growth, combined by the panel's meaning", async () => {
    // Over a range from the scrape before the bursts to the last scrape, increase() has no window edge to
    // extrapolate to; every series the bursts grew either existed before them or starts at 0 (new-series.ts), so
    // each panel must equal what the exporter's own counters grew by.
    const end = scalar(await stack.query('timestamp(agentmon_build_info)'));
    const rangeMs = Math.round((end - beforeBursts) * 1000);
    const at = (t: number, expr: string) => stack.queryAt(expr, t);
    const grown = async (expr: string): Promise<Map<string, number>> => {
      const [a, b] = [await at(beforeBursts, expr), await at(end, expr)];
      const old = new Map(a.result.map((s) => [JSON.stringify(s.metric), Number(s.value![1])]));
      return new Map(
        b.result.map((s) => [JSON.stringify(s.metric), Number(s.value![1]) - (old.get(JSON.stringify(s.metric)) ?? 0)])
      );
    };
    const tokens = await grown('sum by (type) (agentmon_tokens_total)');
    const t = (type: string) => tokens.get(JSON.stringify({ type })) ?? 0;
    const cost = [...(await grown('sum(agentmon_cost_usd_total)')).values()][0]!;
    const requests = [...(await grown('sum(agentmon_requests_total)')).values()][0]!;
    assert.equal(requests, appendedRequests);
    assert.ok(
      t('cache_read') > 0 && t('input') > 0 && cost > 0,
      'the bursts read from the cache, sent input and cost money'
    );
    const expected: Record<string, number> = {
      Spend: cost,
      'Cost per request': cost / requests,
      'Cache read share': t('cache_read') / (t('input') + t('cache_read') + t('cache_write_5m') + t('cache_write_1h')),
    };
    const d = dashboards.get('agentmon-cost-tokens.json')!;
    for (const [title, want] of Object.entries(expected)) {
      const q = queriesOf('agentmon-cost-tokens.json', d).find((x) => x.panel === title)!;
      const r = await at(end, substitute(q.expr, { ...ALL, __range: `${rangeMs}ms` }));
      const got = scalar(r);
      assert.ok(Math.abs(got - want) <= 1e-9 * Math.abs(want), `${title}: ${got}, expected ${want}`);
    }
  });

  it('the Team table splits by the static labels', async () => {
    const r = await stack.query(
      substitute('sum by ($group) (increase(agentmon_cost_usd_total[$__range]))', { ...ALL, group: 'team' })
    );
    assert.deepEqual(
      r.result.map((s) => s.metric.team),
      ['web']
    );
  });

  it("the app's Overview page queries are valid and return data too", async () => {
    for (const expr of ALL_OVERVIEW_QUERIES) {
      const r = await stack.queryRange(substitute(expr, ALL), 20);
      assert.ok(hasData(r), expr);
    }
  });
});
