import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { sceneGraph, SceneQueryRunner, VizPanel } from '@grafana/scenes';
import { EXPORTER_PROXY_URL } from '../../constants';
import { testIds } from '../../components/testIds';
import { withDefaults } from '../../settings';
import { AM_ALERTS, amAlert } from '../../test/alerts';
import { requestsTo, resetBackend, route } from '../../test/fakeBackend';
import { ConnectionStatus, FiringAlertsCard, SessionHealthCard } from './OverviewStatus';
import { overviewScene } from './overviewScene';
import { NO_PLAN_DATA } from './planLimits';
import * as q from './queries';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

const settings = withDefaults({ exporterUrl: 'http://exporter:9477' });
const PROM_QUERY = '/api/datasources/proxy/uid/agentmon-prometheus/api/v1/query';
const HEALTH = `${EXPORTER_PROXY_URL}/api/v1/health/sessions`;

describe('overviewScene', () => {
  it('queries the configured Prometheus with the page queries, spend tiles over their own periods', () => {
    const scene = overviewScene(withDefaults({ prometheusUid: 'my-prom' }));
    const runners = sceneGraph.findAllObjects(scene, (o) => o instanceof SceneQueryRunner) as SceneQueryRunner[];
    expect(runners.every((r) => r.state.datasource?.uid === 'my-prom')).toBe(true);
    const exprs = runners.flatMap((r) => r.state.queries.map((query) => String(query.expr)));
    // The plan row's gauge and forecast graph share one query.
    expect([...new Set(exprs)].sort()).toEqual([...new Set(q.ALL_OVERVIEW_QUERIES)].sort());
    const tiles = runners
      .filter((r) => r.state.$timeRange)
      .map((r) => [r.state.$timeRange!.state.from, r.state.queries.length]);
    expect(tiles).toEqual([
      ['now/d', 3],
      ['now-7d', 3],
      ['now-30d', 3],
    ]);
  });

  it('shows cost in dollars and has the agent variable', () => {
    const scene = overviewScene(settings);
    const panels = sceneGraph.findAllObjects(scene, (o) => o instanceof VizPanel) as VizPanel[];
    const byTitle = new Map(panels.map((p) => [p.state.title, p]));
    expect(byTitle.get('Spend today')?.state.fieldConfig.defaults.unit).toBe('currencyUSD');
    // Beside each spend, the unpriced requests it leaves out, as a count, orange when there are any.
    const unpriced = byTitle.get('Spend today')?.state.fieldConfig.overrides.find((o) => o.matcher.options === 'C');
    expect(unpriced?.properties.map((p) => p.id)).toEqual(['unit', 'decimals', 'thresholds']);
    expect(unpriced?.properties[0]?.value).toBe('short');
    expect(byTitle.get('Cost by model')?.state.fieldConfig.defaults.unit).toBe('currencyUSD');
    expect(sceneGraph.getVariables(scene).state.variables.map((v) => v.state.name)).toEqual(['agent']);
  });

  it('has a plan-limits row: use as a 0-100 % gauge, time to reset, pace and forecast, a hint without plan data', () => {
    const scene = overviewScene(settings);
    const panels = sceneGraph.findAllObjects(scene, (o) => o instanceof VizPanel) as VizPanel[];
    const byTitle = new Map(panels.map((p) => [p.state.title, p]));
    const used = byTitle.get('Plan window used')!;
    expect(used.state.pluginId).toBe('gauge');
    expect(used.state.fieldConfig.defaults).toMatchObject({
      unit: 'percentunit',
      min: 0,
      max: 1,
      noValue: NO_PLAN_DATA,
    });
    expect(used.state.fieldConfig.defaults.thresholds?.steps.map((s) => [s.value, s.color])).toEqual([
      [-Infinity, 'green'],
      [0.75, 'orange'],
      [0.9, 'red'],
    ]);
    expect(byTitle.get('Time to reset')?.state.fieldConfig.defaults.unit).toBe('s');
    expect(byTitle.get('Burn rate (per hour)')?.state.fieldConfig.defaults.unit).toBe('percentunit');
    const forecast = byTitle.get('Plan use and forecast at reset')!;
    const runner = forecast.state.$data as SceneQueryRunner;
    expect(runner.state.queries.map((x) => [x.expr, x.range])).toEqual([
      [q.planUsed, true],
      [q.planProjected, true],
    ]);
    // Every plan query follows the page's agent filter.
    for (const expr of [q.planUsed, q.planResetsIn, q.planBurnRate, q.planProjected]) {
      expect(expr).toContain('agent=~"$agent"');
    }
  });

  it('compares each spend period with the one before it', () => {
    expect(q.spend('7d').previous).toContain('[$__range] offset 7d');
    expect(q.spend('7d').current).not.toContain('offset');
  });
});

describe('ConnectionStatus', () => {
  beforeEach(() => {
    resetBackend();
    require('../../test/grafanaRuntime').resetRuntime();
  });

  it('stays silent when Prometheus scrapes an exporter', async () => {
    route('GET', PROM_QUERY, {
      data: {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: { version: '0.1.0' }, value: [1, '1'] }] },
      },
    });
    render(<ConnectionStatus settings={settings} />);
    await waitFor(() => expect(requestsTo(PROM_QUERY)).toHaveLength(1));
    expect(new URL(requestsTo(PROM_QUERY)[0]!.url, 'http://g').searchParams.get('query')).toBe('agentmon_build_info');
    // Silent once the answer is in: wait for it, not for a while.
    await waitFor(() =>
      expect(screen.getByTestId(testIds.overview.connection)).toHaveAttribute('data-state', 'checked')
    );
    expect(screen.getByTestId(testIds.overview.connection)).toBeEmptyDOMElement();
  });

  it('warns when Prometheus has no agentmon data, and says how to add the target', async () => {
    route('GET', PROM_QUERY, { data: { status: 'success', data: { resultType: 'vector', result: [] } } });
    render(<ConnectionStatus settings={settings} />);
    expect(await screen.findByText('Prometheus has no data from the agentmon exporter')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.overview.connection)).toHaveTextContent("targets: ['exporter:9477']");
  });

  it('says Prometheus is unreachable, or that the datasource does not exist', async () => {
    route('GET', PROM_QUERY, { status: 502, data: {} });
    const { unmount } = render(<ConnectionStatus settings={settings} />);
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent('Grafana cannot reach Prometheus');
    unmount();
    render(<ConnectionStatus settings={withDefaults({ prometheusUid: 'gone' })} />);
    expect(screen.getByTestId(testIds.problem)).toHaveTextContent('No Prometheus datasource with uid "gone"');
  });
});

describe('SessionHealthCard', () => {
  beforeEach(() => resetBackend());

  it('counts stuck and looping sessions and links each to its timeline', async () => {
    route('GET', HEALTH, {
      data: [
        {
          agent: 'claude-code',
          sessionId: 'a1',
          project: 'webshop',
          status: 'stuck',
          reason: 'no activity for 12 minutes after a tool call',
          since: '2025-06-02T09:00:00Z',
        },
        {
          agent: 'codex',
          sessionId: 'b2',
          project: 'api',
          status: 'looping',
          reason: 'same tool call repeated 9 times',
          since: '2025-06-02T09:05:00Z',
        },
        {
          agent: 'codex',
          sessionId: 'b3',
          project: 'api',
          status: 'looping',
          reason: 'same error 5 times',
          since: '2025-06-02T09:06:00Z',
        },
      ],
    });
    render(<SessionHealthCard settings={settings} />);
    expect(await screen.findByText('1 stuck · 2 looping')).toBeInTheDocument();
    expect(screen.getByText(/same tool call repeated 9 times/)).toBeInTheDocument();
    const links = [...screen.getByTestId(testIds.overview.health).querySelectorAll('a')].map((a) =>
      a.getAttribute('href')
    );
    expect(links).toContain('/a/agentmon-agents-app/sessions/view/codex%3Ab2');
  });

  it('says the exporter is unconfigured or down', async () => {
    const { unmount } = render(<SessionHealthCard settings={withDefaults({})} />);
    expect(screen.getByTestId(testIds.problem)).toHaveTextContent('The agentmon exporter is not configured');
    unmount();
    route('GET', HEALTH, { status: 504, data: {} });
    render(<SessionHealthCard settings={settings} />);
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent('Grafana cannot reach the agentmon exporter');
  });
});

describe('FiringAlertsCard', () => {
  beforeEach(() => {
    resetBackend();
    require('../../test/grafanaRuntime').resetRuntime();
  });

  it('counts only firing alerts and names them', async () => {
    route('GET', AM_ALERTS, {
      data: [
        amAlert('AgentmonCostSpike'),
        amAlert('AgentmonCostSpike', { fingerprint: 'x' }),
        amAlert('Quiet', { status: { state: 'suppressed', silencedBy: ['s'], inhibitedBy: [] } }),
      ],
    });
    render(<FiringAlertsCard settings={settings} />);
    expect(await screen.findByText('2 firing')).toHaveAttribute('href', '/a/agentmon-agents-app/alerts');
    expect(screen.getByTestId(testIds.overview.alerts)).toHaveTextContent('2 firing: AgentmonCostSpike');
    expect(screen.getByTestId(testIds.overview.alerts)).not.toHaveTextContent('Quiet');
  });
});
