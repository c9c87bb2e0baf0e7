import { ThresholdsMode } from '@grafana/data';
import { PanelBuilders, SceneFlexItem, SceneFlexLayout, SceneQueryRunner } from '@grafana/scenes';
import type { AppSettings } from '../../settings';
import * as q from './queries';

/** Shown in place of a value when no agent has reported its plan windows yet. */
export const NO_PLAN_DATA = 'No plan data yet (Claude Code: set agentmon statusline, see docs/statusline.md)';

const LEGEND = '{{agent}} {{window}}';
/** Green, orange from 75 %, red from 90 % (where AgentmonPlanWindowNearlyUsed fires). */
const WALL = {
  mode: ThresholdsMode.Absolute,
  steps: [
    { value: -Infinity, color: 'green' },
    { value: 0.75, color: 'orange' },
    { value: 0.9, color: 'red' },
  ],
};

/**
 * The plan-limits row: share used of each subscription usage window (Claude Code and Codex, 5-hour and 7-day), time to
 * its reset, the last hour's pace, and where that pace ends at the reset. Empty with a hint when no plan data exists.
 */
export function planLimitsRow(settings: AppSettings): SceneFlexLayout {
  const datasource = { type: 'prometheus', uid: settings.prometheusUid };
  const runner = (instant: boolean, ...queries: Array<[string, string]>) =>
    new SceneQueryRunner({
      datasource,
      queries: queries.map(([expr, legendFormat], i) => ({
        refId: String.fromCharCode(65 + i),
        expr,
        instant,
        range: !instant,
        legendFormat,
      })),
    });
  return new SceneFlexLayout({
    direction: 'row',
    minHeight: 260,
    children: [
      new SceneFlexItem({
        width: '25%',
        body: PanelBuilders.gauge()
          .setTitle('Plan window used')
          .setDescription(
            'Share of each plan usage window used, as the agent reported it (5h: rolling 5 hours; 7d: the week). Resets to 0 when the window resets.'
          )
          .setData(runner(true, [q.planUsed, LEGEND]))
          .setUnit('percentunit')
          .setMin(0)
          .setMax(1)
          .setThresholds(WALL)
          .setNoValue(NO_PLAN_DATA)
          .build(),
      }),
      new SceneFlexItem({
        width: '18%',
        body: PanelBuilders.stat()
          .setTitle('Time to reset')
          .setDescription('How long until each window resets, from the reset time the agent reported.')
          .setData(runner(true, [q.planResetsIn, LEGEND]))
          .setUnit('s')
          .setNoValue(NO_PLAN_DATA)
          .build(),
      }),
      new SceneFlexItem({
        width: '18%',
        body: PanelBuilders.stat()
          .setTitle('Burn rate (per hour)')
          .setDescription('Share of each window used per hour at the pace of the last hour.')
          .setData(runner(true, [q.planBurnRate, LEGEND]))
          .setUnit('percentunit')
          .setDecimals(1)
          .setNoValue(NO_PLAN_DATA)
          .build(),
      }),
      new SceneFlexItem({
        body: PanelBuilders.timeseries()
          .setTitle('Plan use and forecast at reset')
          .setDescription(
            "Share of each window used, and where the last hour's pace ends when the window resets: above 100 % it runs out first."
          )
          .setData(runner(false, [q.planUsed, `${LEGEND} used`], [q.planProjected, `${LEGEND} projected at reset`]))
          .setUnit('percentunit')
          .setNoValue(NO_PLAN_DATA)
          .build(),
      }),
    ],
  });
}
