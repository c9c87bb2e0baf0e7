import {
  EmbeddedScene,
  PanelBuilders,
  QueryVariable,
  SceneControlsSpacer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  SceneReactObject,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneVariableSet,
  VariableValueSelectors,
} from '@grafana/scenes';
import type { ComponentType } from 'react';
import type { AppSettings } from '../../settings';
import { ConnectionStatus, DashboardLinks, FiringAlertsCard, SessionHealthCard } from './OverviewStatus';
import { planLimitsRow } from './planLimits';
import * as q from './queries';

const prom = (uid: string) => ({ type: 'prometheus', uid });

function spendTile(settings: AppSettings, period: (typeof q.SPEND_PERIODS)[number]) {
  const expr = q.spend(period.offset);
  return new SceneFlexItem({
    minWidth: 220,
    height: 140,
    body: PanelBuilders.stat()
      .setTitle(period.title)
      .setDescription(
        `Estimated cost from the price table, compared with the ${period.previous}. Unpriced requests are those of models without a price: their cost counts 0 here (add their prices under prices: in the exporter config).`
      )
      .setData(
        new SceneQueryRunner({
          $timeRange: new SceneTimeRange({ from: period.from, to: 'now' }),
          datasource: prom(settings.prometheusUid),
          queries: [
            { refId: 'A', expr: expr.current, instant: true, legendFormat: 'this period' },
            { refId: 'B', expr: expr.previous, instant: true, legendFormat: period.previous },
            { refId: 'C', expr: expr.unpriced, instant: true, legendFormat: 'unpriced requests' },
          ],
        })
      )
      .setUnit('currencyUSD')
      .setDecimals(2)
      .setOverrides((o) =>
        o
          .matchFieldsByQuery('C')
          .overrideUnit('short')
          .overrideDecimals(0)
          .overrideThresholds({
            mode: 'absolute' as never,
            steps: [
              { value: -Infinity, color: 'text' },
              { value: 1, color: 'orange' },
            ],
          })
      )
      .build(),
  });
}

/** Builds the Overview scene: spend, plan limits, tokens, cost by model and project, sessions, alerts. */
export function overviewScene(settings: AppSettings): EmbeddedScene {
  const ds = prom(settings.prometheusUid);
  const runner = (expr: string, instant: boolean, legendFormat: string) =>
    new SceneQueryRunner({ datasource: ds, queries: [{ refId: 'A', expr, instant, legendFormat, range: !instant }] });
  const react = <P extends object>(component: ComponentType<P>, props: P) => new SceneReactObject({ component, props });

  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-24h', to: 'now' }),
    $variables: new SceneVariableSet({
      variables: [
        new QueryVariable({
          name: 'agent',
          label: 'Agent',
          datasource: ds,
          query: { query: q.agentValues, refId: 'agent' },
          isMulti: true,
          includeAll: true,
          defaultToAll: true,
          allValue: '.*',
        }),
      ],
    }),
    controls: [
      new VariableValueSelectors({}),
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ intervals: ['30s', '1m', '5m'], isOnCanvas: true }),
    ],
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({ body: react(ConnectionStatus, { settings }) }),
        new SceneFlexLayout({
          direction: 'row',
          wrap: 'wrap',
          children: q.SPEND_PERIODS.map((p) => spendTile(settings, p)),
        }),
        planLimitsRow(settings),
        new SceneFlexLayout({
          direction: 'row',
          minHeight: 300,
          children: [
            new SceneFlexItem({
              body: PanelBuilders.timeseries()
                .setTitle('Tokens per minute by type')
                .setDescription('input = uncached input; output includes reasoning; cache reads and writes apart.')
                .setData(runner(q.tokensByType, false, '{{type}}'))
                .setUnit('short')
                .setCustomFieldConfig('fillOpacity', 60)
                .setCustomFieldConfig('stacking', { mode: 'normal' } as never)
                .build(),
            }),
            new SceneFlexItem({
              width: '25%',
              body: PanelBuilders.bargauge()
                .setTitle('Cost by model')
                .setData(runner(q.costByModel, true, '{{model}}'))
                .setUnit('currencyUSD')
                .setDecimals(2)
                .build(),
            }),
            new SceneFlexItem({
              width: '25%',
              body: PanelBuilders.bargauge()
                .setTitle('Cost by project')
                .setData(runner(q.costByProject, true, '{{project}}'))
                .setUnit('currencyUSD')
                .setDecimals(2)
                .build(),
            }),
          ],
        }),
        new SceneFlexLayout({
          direction: 'row',
          minHeight: 200,
          children: [
            new SceneFlexItem({
              width: '20%',
              body: PanelBuilders.stat()
                .setTitle('Active sessions')
                .setDescription('Sessions with activity in the last 5 minutes.')
                .setData(runner(q.activeSessions, true, 'active'))
                .build(),
            }),
            new SceneFlexItem({ body: react(SessionHealthCard, { settings }) }),
            new SceneFlexItem({ body: react(FiringAlertsCard, { settings }) }),
          ],
        }),
        new SceneFlexItem({ body: react(DashboardLinks, {}) }),
      ],
    }),
  });
}
