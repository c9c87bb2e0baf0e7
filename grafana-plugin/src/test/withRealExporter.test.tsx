// The app's pages against the real exporter (agentmon serve on the dashboard fixtures), through a stand-in for
// Grafana's plugin proxy that forwards over HTTP and adds the token: checks the app and the API agree.
import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { testIds } from '../components/testIds';
import { LiveFeed } from '../pages/Live/LiveFeed';
import { SessionDetailView } from '../pages/Sessions/SessionDetailView';
import { SessionsTable } from '../pages/Sessions/SessionsTable';
import { resetBackend } from './fakeBackend';
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
});
