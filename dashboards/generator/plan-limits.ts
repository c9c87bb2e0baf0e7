// The plan-limits row of the Overview dashboard: how much of each subscription usage window (Claude Code and Codex,
// 5-hour and 7-day) is used, when it resets, the pace of the last hour and where that pace ends at the reset, and how
// full the context windows of active sessions are. Empty (not zero) for agents that report no plan windows.
import { bars, gauge, m, r, row, stat, timeseries, type PanelSpec } from './grafana.ts';

const used = m('agentmon_plan_usage_ratio');
const resets = m('agentmon_plan_window_resets_timestamp_seconds');
const pace = r('agentmon:plan_usage_ratio_per_hour:deriv1h', ['agent']);
const projected = r('agentmon:plan_usage_ratio:projected_at_reset', ['agent']);
const LEGEND = '{{agent}} {{window}}';
/** Green, then orange from 75 %, red from 90 % (where AgentmonPlanWindowNearlyUsed fires). */
const WALL: Array<[number | null, string]> = [
  [null, 'green'],
  [0.75, 'orange'],
  [0.9, 'red'],
];

/** The row header and its panels. */
export function planLimitsRow(): PanelSpec[] {
  return [
    row('Plan limits'),
    gauge(
      {
        title: 'Plan window used',
        description:
          'Share of each subscription usage window used, as the agent reported it (Codex logs; Claude Code through agentmon statusline, see docs/statusline.md). 5h and 7d are the rolling 5-hour and weekly windows; a window whose reset has passed reads 0.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        w: 8,
        h: 7,
        thresholds: WALL,
      },
      { expr: `max by (agent, window) (${used})`, legend: LEGEND }
    ),
    stat(
      {
        title: 'Time to reset',
        description:
          'How long until each window resets, from the reset time the agent reported. Empty once it has passed (until the next reading).',
        unit: 's',
        w: 8,
        h: 7,
      },
      { expr: `max by (agent, window) (${resets}) - time()`, legend: LEGEND }
    ),
    stat(
      {
        title: 'Burn rate (per hour)',
        description:
          'Share of each window used per hour at the pace of the last hour (recording rule agentmon:plan_usage_ratio_per_hour:deriv1h).',
        unit: 'percentunit',
        decimals: 1,
        w: 8,
        h: 7,
      },
      { expr: `max by (agent, window) (${pace})`, legend: LEGEND }
    ),
    timeseries(
      {
        title: 'Plan use and forecast at reset',
        description:
          "Share of each window used, and where the last hour's pace ends when the window resets (agentmon:plan_usage_ratio:projected_at_reset). Above 100 % the window runs out before it resets: AgentmonPlanWindowForecastExhausted.",
        unit: 'percentunit',
        w: 16,
        h: 8,
      },
      { expr: `max by (agent, window) (${used})`, legend: `${LEGEND} used` },
      {
        expr: `max by (agent, window) (${projected})`,
        legend: `${LEGEND} projected at reset`,
      }
    ),
    bars(
      {
        title: 'Context window fill (active sessions)',
        description:
          "How full the fullest context window of each agent and project is, among sessions active in the last 5 minutes: the latest request's input tokens over the model's context window.",
        unit: 'percentunit',
        min: 0,
        max: 1,
        w: 8,
        h: 8,
        thresholds: [
          [null, 'green'],
          [0.8, 'orange'],
        ],
      },
      {
        expr: `max by (agent, project) (${m('agentmon_context_window_used_ratio')})`,
        legend: '{{agent}} {{project}}',
      }
    ),
  ];
}
