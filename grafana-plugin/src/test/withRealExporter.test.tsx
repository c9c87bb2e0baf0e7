// The app's pages against the real exporter (agentmon serve on the dashboard fixtures), through a stand-in for
// Grafana's plugin proxy that forwards over HTTP and adds the token: checks the app and the API agree.
import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { dateTime, type PanelProps } from '@grafana/data';
import { runFileUrl } from '../api/reports';
import { testIds } from '../components/testIds';
import { DEFAULT_OPTIONS, type ReportPanelOptions } from '../panels/report/options';
import { ReportPanel } from '../panels/report/ReportPanel';
import { LiveFeed } from '../pages/Live/LiveFeed';
import { ReportsView } from '../pages/Reports/ReportsView';
import { SessionDetailView } from '../pages/Sessions/SessionDetailView';
import { SessionsTable } from '../pages/Sessions/SessionsTable';
import { fakeBackendSrv, resetBackend } from './fakeBackend';
import { proxyPluginRoute, startExporter, type RealExporter } from './realExporter';

jest.mock('@grafana/runtime', () => require('./grafanaRuntime').runtimeMock());
jest.setTimeout(60_000);

const TOKEN = 'test-token-0123456789abcdef';
const range = { from: '2025-01-01T00:00:00.000Z', to: '2035-01-01T00:00:00.000Z' };
const WEBSHOP = 'claude-code:7a1e0001-0000-4000-8000-000000000001';
let exporter: RealExporter;

beforeAll(async () => {
  exporter = await startExporter(TOKEN);
});
afterAll(async () => {
  await exporter?.stop();
});
beforeEach(() => {
  resetBackend();
  proxyPluginRoute(exporter, TOKEN);
});

const rows = () => screen.getAllByTestId(testIds.sessions.row);
// 2025-06-03 and 06-04 (UTC): the Opus and Codex sessions; the day before holds the webshop one.
const REPORT_RANGE = { from: Date.UTC(2025, 5, 3), to: Date.UTC(2025, 5, 5) };

describe('the app against a real exporter', () => {
  it("lists the fixture sessions with the exporter's figures, most expensive first", async () => {
    render(<SessionsTable configured range={range} />);
    await screen.findByText('Sessions 1–3 of 3');
    fireEvent.click(within(screen.getByTestId(testIds.sessions.sort)).getByLabelText('Cost'));
    // scan --json over the same files: api $0.081915 (Opus; the unpriced model adds 0), webshop $0.033378, codex $0.01075
    await waitFor(() =>
      expect(
        rows().map((r) => [r.children[2]?.textContent, r.children[3]?.textContent, r.children[9]?.textContent])
      ).toEqual([
        ['claude-code', 'api', '$0.082'],
        ['claude-code', 'webshop', '$0.033'],
        ['codex', 'api', '$0.011'],
      ])
    );
  });

  it('filters by agent on the exporter', async () => {
    render(<SessionsTable configured range={range} />);
    await screen.findByText('Sessions 1–3 of 3');
    fireEvent.click(within(screen.getByTestId(testIds.sessions.agent)).getByLabelText('codex'));
    await screen.findByText('Sessions 1–1 of 1');
    expect(rows()[0]).toHaveTextContent('gpt-5-codex');
  });

  it("shows a session's timeline with raw events from the log", async () => {
    render(<SessionDetailView id={WEBSHOP} configured />);
    const entries = await screen.findAllByTestId(testIds.session.entry);
    const text = entries.map((e) => e.textContent ?? '');
    expect(text.filter((t) => t.includes('Tool call'))).toHaveLength(3);
    expect(text.some((t) => t.includes('Bash · error'))).toBe(true);
    expect(text.some((t) => t.includes('API error'))).toBe(true);
    fireEvent.click(within(entries.find((e) => e.textContent?.includes('Tool callBash'))!).getByText('Raw JSON'));
    expect(screen.getByTestId(testIds.session.raw)).toHaveTextContent('"type": "assistant"');
  });

  it('tells the user to fix the token when Grafana sends the wrong one', async () => {
    resetBackend();
    proxyPluginRoute(exporter, 'not-the-token-at-all-000000');
    render(<SessionsTable configured range={range} />);
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent('The exporter rejected the API token');
  });

  it('shows new log lines on the Live page within seconds', async () => {
    render(<LiveFeed configured intervalMs={200} />);
    await screen.findByText(/Updated/);
    const ts = new Date().toISOString();
    exporter.append('-home-dev-webshop/7a1e0001-0000-4000-8000-000000000001.jsonl', [
      JSON.stringify({
        parentUuid: null,
        isSidechain: false,
        userType: 'external',
        cwd: '/home/dev/webshop',
        sessionId: '7a1e0001-0000-4000-8000-000000000001',
        version: '2.1.40',
        type: 'user',
        message: { role: 'user', content: 'one more thing' },
        uuid: '7a1e0001-0000-4000-8000-0000000000ff',
        timestamp: ts,
      }),
    ]);
    const event = await screen.findByTestId(testIds.live.event, {}, { timeout: 15_000 });
    expect(event).toHaveTextContent('prompt');
    expect(event).toHaveTextContent('webshop');
    expect(event.querySelector('a')).toHaveAttribute(
      'href',
      `/a/agentmon-agents-app/sessions/view/${encodeURIComponent(WEBSHOP)}`
    );
  });

  it("previews the exporter's real report for the time range, saves a run and serves its file", async () => {
    const downloads: string[][] = [];
    render(<ReportsView configured range={REPORT_RANGE} download={(url, name) => downloads.push([url, name])} />);
    expect(
      (await screen.findAllByTestId(testIds.reports.template)).map((r) => r.querySelector('code')?.textContent)
    ).toEqual(['daily', 'monthly', 'weekly']);
    const frame = await screen.findByTestId(testIds.reports.preview);
    const html = frame.getAttribute('srcdoc') ?? '';
    // `agentmon report --template daily --from 2025-06-03 --to 2025-06-04` over the same files: $0.092665 (and $0.033378 the day before).
    expect(html).toContain('<title>Daily digest (2025-06-03 to 2025-06-04)</title>');
    expect(html).toContain('$0.0927');
    expect(html).not.toContain('<script');
    fireEvent.click(within(screen.getByTestId(testIds.reports.download)).getByRole('button', { name: 'Markdown' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const [url, name] = downloads[0]!;
    expect(name).toBe('daily-2025-06-03_2025-06-04.md');
    const runId = /runs\/([^/]+)\/files\/md$/.exec(url!)?.[1] ?? '';
    expect(url).toBe(runFileUrl(runId, 'md'));
    // The file the browser would download, through the same plugin route.
    const file = await new Promise<string>((resolve, reject) =>
      fakeBackendSrv.fetch<string>({ url: url! }).subscribe({ next: (r) => resolve(r.data), error: reject })
    );
    expect(file).toContain('# Daily digest');
    expect(file).toContain('$0.0927');
    // (A scheduled run could join it if the test ran at 08:00 UTC: pick the one saved here.)
    const run = await waitFor(() => {
      const saved = screen.getAllByTestId(testIds.reports.run).find((r) => r.textContent?.includes('on demand'));
      expect(saved).toBeDefined();
      return saved!;
    });
    expect(run).toHaveTextContent('ok');
    expect(run).toHaveTextContent('2025-06-03 to 2025-06-04');
    expect(run).toHaveTextContent('$0.0927');
  });

  it("shows the real weekly report's summary and insights in the report panel", async () => {
    const props = {
      options: { ...DEFAULT_OPTIONS, template: 'weekly' },
      timeRange: { from: dateTime(REPORT_RANGE.from), to: dateTime(REPORT_RANGE.to), raw: { from: 'x', to: 'y' } },
      width: 800,
      height: 600,
      replaceVariables: (v: string) => v,
    } as unknown as PanelProps<ReportPanelOptions>;
    render(<ReportPanel {...props} />);
    const cost = (await screen.findAllByTestId(testIds.panel.metric))[0]!;
    // claude-experimental-x has no price: the cost says it leaves it out.
    expect(cost).toHaveTextContent('Cost (USD)$0.0927*▲ +177.6% vs $0.0334');
    const insights = screen.getAllByTestId(testIds.panel.insight);
    expect(insights.map((i) => i.querySelector('strong')?.textContent)).toContain('Model right-sizing');
    // One failed exec_command priced as one Codex request of the period, with the assumption it rests on.
    const errors = insights.find((i) => i.textContent?.includes('Tool error hotspots'));
    expect(errors).toHaveTextContent('Estimated saving: $0.0054');
    expect(errors).toHaveTextContent('Assumption: Each failed call cost one extra model request');
    // Two timed calls give no percentile: the panel says it was not assessed rather than guessing.
    expect(insights.find((i) => i.textContent?.includes('Slowest tools'))).toHaveTextContent(
      /not assessed.*Too few timed calls/
    );
  });
});
