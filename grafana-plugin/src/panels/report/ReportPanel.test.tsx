import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { dateTime, type PanelProps } from '@grafana/data';
import { REPORTS_API } from '../../api/reports';
import { testIds } from '../../components/testIds';
import { requestsTo, resetBackend, route } from '../../test/fakeBackend';
import { WEEKLY_REPORT } from '../../test/reportDocument';
import { DEFAULT_OPTIONS, type ReportPanelOptions } from './options';
import { templateOptions } from './module';
import { ReportPanel } from './ReportPanel';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

const FROM = Date.UTC(2025, 5, 3);
const TO = Date.UTC(2025, 5, 5);
const SETTINGS = '/api/plugins/agentmon-agents-app/settings';

/** The panel as a dashboard renders it, for the dashboard range [from, to) and the $template variable = weekly. */
function panel(options: Partial<ReportPanelOptions> = {}, from = FROM, to = TO) {
  const props = {
    options: { ...DEFAULT_OPTIONS, ...options },
    timeRange: { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } },
    width: 800,
    height: 600,
    replaceVariables: (s: string) => s.replace('$template', 'weekly'),
  } as unknown as PanelProps<ReportPanelOptions>;
  return <ReportPanel {...props} />;
}

const previewAnswers = () => route('POST', `${REPORTS_API}/preview`, { data: WEEKLY_REPORT });
/** What each preview asked for: a POST whose JSON body's values are shown as text. */
const previewParams = () =>
  requestsTo(`${REPORTS_API}/preview`).map((r) => {
    expect(r.method).toBe('POST');
    return Object.fromEntries(Object.entries(r.body as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  });
const tiles = () =>
  screen
    .getAllByTestId(testIds.panel.metric)
    .map((t) => [
      t.children[0]?.textContent,
      t.children[1]?.textContent,
      t.children[2]?.textContent ?? null,
      t.querySelector('[aria-label]')?.getAttribute('aria-label') ?? null,
    ]);

describe('ReportPanel', () => {
  beforeEach(() => resetBackend());

  it("asks the exporter for the dashboard's range through the app's plugin route", async () => {
    previewAnswers();
    render(panel({ template: '$template' }));
    await screen.findByTestId(testIds.panel.summary);
    expect(previewParams()).toEqual([{ template: 'weekly', from: String(FROM), to: String(TO), format: 'json' }]);
    expect(requestsTo('/api/plugin-proxy/agentmon-agents-app/exporter/api/v1/reports/preview')).toHaveLength(1);
    expect(screen.getByTestId(testIds.panel.heading).textContent).toBe(
      'Weekly progress: 2025-06-03 to 2025-06-04 (UTC), compared with the period before'
    );
  });

  it('shows every summary figure with its change against the previous period, coloured by whether it is good', async () => {
    previewAnswers();
    render(panel());
    await screen.findByTestId(testIds.panel.summary);
    expect(tiles()).toEqual([
      // The fixture's claude-experimental-x has no price: the cost says it leaves that out.
      ['Cost (USD)', '$0.0927*', '▲ +177.6% vs $0.0334', 'change bad'],
      ['Sessions started', '2', '▲ +100.0% vs 1', 'change neutral'],
      ['Cost per session (USD)', '$0.0463*', '▲ +38.8% vs $0.0334', 'change bad'],
      ['Model requests', '5', '▲ +25.0% vs 4', 'change neutral'],
      ['Output tokens', '490', '▲ +63.3% vs 300', 'change neutral'],
      ['Cache hit ratio', '75.1%', '▼ -14.8% vs 88.2%', 'change bad'],
      ['Tool calls', '3', '+0.0% vs 3', 'change neutral'],
      ['Tool error rate', '33.3%', '+0.0% vs 33.3%', 'change neutral'],
      // No change when the previous period had none: the previous value alone.
      ['Repeated identical tool calls', '0', 'previous period: 0', null],
    ]);
  });

  it('shows the insights with their estimated savings, the assumptions behind them, and what it could not assess', async () => {
    previewAnswers();
    render(panel());
    const items = await screen.findAllByTestId(testIds.panel.insight);
    expect(items.map((i) => [i.querySelector('strong')?.textContent, i.children[0]?.textContent])).toEqual([
      ['Cache efficiency', 'not assessedCache efficiency'],
      ['Model right-sizing', 'not assessedModel right-sizing'],
      ['Repeated identical tool calls', 'goodRepeated identical tool calls'],
      ['Tool error hotspots', 'noteTool error hotspotsEstimated saving: $0.0054'],
      ['Slowest tools', 'not assessedSlowest tools'],
      ['Session velocity and cost per session', 'goodSession velocity and cost per session'],
    ]);
    expect(items[3]).toHaveTextContent('Assumption: Each failed call cost one extra model request');
    expect(items[3]).toHaveTextContent('Failing commands');
    expect(items[4]).toHaveTextContent('Too few timed calls to rank tools by duration');
    expect(screen.getByTestId(testIds.panel.summary)).toHaveTextContent(
      '* leaves out requests of models without a price'
    );
  });

  it('shows only the sections and insights the options ask for', async () => {
    previewAnswers();
    render(panel({ showSummary: false, onlyActionable: true, maxInsights: 2 }));
    const items = await screen.findAllByTestId(testIds.panel.insight);
    expect(items.map((i) => i.querySelector('strong')?.textContent)).toEqual(['Tool error hotspots']);
    expect(screen.queryByTestId(testIds.panel.summary)).toBeNull();
  });

  it('follows the dashboard when its time range changes', async () => {
    previewAnswers();
    const { rerender } = render(panel());
    await screen.findByTestId(testIds.panel.summary);
    rerender(panel({}, Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 8)));
    await waitFor(() => expect(previewParams()).toHaveLength(2));
    expect(previewParams()[1]).toMatchObject({ from: String(Date.UTC(2025, 5, 1)), to: String(Date.UTC(2025, 5, 8)) });
  });

  it('names the known templates when the template does not exist, without asking about the app', async () => {
    route('POST', `${REPORTS_API}/preview`, {
      status: 404,
      data: { error: 'no template named "weeky"; known: daily, monthly, weekly' },
    });
    render(panel({ template: 'weeky' }));
    const problem = await screen.findByTestId(testIds.problem);
    expect(problem).toHaveTextContent('No such report template');
    expect(problem).toHaveTextContent('known: daily, monthly, weekly');
    expect(requestsTo(SETTINGS)).toEqual([]);
  });

  it('tells apart an unreachable exporter, a disabled app, an unconfigured app and a missing app', async () => {
    const cases: Array<[unknown, string]> = [
      [
        { data: { enabled: true, jsonData: { exporterUrl: 'http://exporter:9477' } } },
        'Grafana cannot reach the agentmon exporter',
      ],
      [{ data: { enabled: false, jsonData: {} } }, 'The agentmon app is not enabled'],
      [{ data: { enabled: true, jsonData: {} } }, 'The agentmon exporter is not configured'],
      [{ status: 404, data: { message: 'Plugin not found' } }, 'The agentmon app is not installed'],
    ];
    for (const [settings, title] of cases) {
      resetBackend();
      route('GET', SETTINGS, settings as { data: unknown });
      // No preview route: the fake answers 502 like Grafana's proxy when the exporter is down.
      const { unmount } = render(panel());
      expect(await screen.findByTestId(testIds.problem)).toHaveTextContent(title);
      unmount();
    }
  });

  it("offers the exporter's templates in the options, and the built-ins when it cannot be asked", async () => {
    route('GET', `${REPORTS_API}/templates`, { data: { items: [{ name: 'team-weekly', title: 'Team weekly' }] } });
    expect(await templateOptions()).toEqual([
      { label: 'Team weekly', value: 'team-weekly', description: 'team-weekly' },
    ]);
    resetBackend();
    expect((await templateOptions()).map((o) => o.value)).toEqual(['daily', 'weekly', 'monthly']);
  });

  it('does not claim a comparison the template does not make', async () => {
    const summary = WEEKLY_REPORT.sections[0]!;
    const withoutCompare = {
      ...WEEKLY_REPORT,
      sections: [
        {
          ...summary,
          items: summary.type === 'summary' ? summary.items.map(({ previous, change, ...rest }) => rest) : [],
        },
      ],
    };
    route('POST', `${REPORTS_API}/preview`, { data: withoutCompare });
    render(panel());
    await screen.findByTestId(testIds.panel.summary);
    expect(screen.getByTestId(testIds.panel.heading).textContent).toBe(
      'Weekly progress: 2025-06-03 to 2025-06-04 (UTC)'
    );
    expect(tiles()[0]).toEqual(['Cost (USD)', '$0.0927*', null, null]);
  });
});
