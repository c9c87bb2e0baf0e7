import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { EXPORTER_PROXY_URL } from '../../constants';
import { testIds } from '../../components/testIds';
import { requestsTo, resetBackend, route } from '../../test/fakeBackend';
import { detail } from '../../test/fixtures';
import { SessionDetailView } from './SessionDetailView';
import { toolUsage } from './summary';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

const ID = 'claude-code:1b2c3d4e-0000-4000-8000-000000000001';
const PATH = `${EXPORTER_PROXY_URL}/api/v1/sessions/${encodeURIComponent(ID)}`;
// Raw events have their own plugin route, guarded by the transcripts:read action (plugin.json).
const RAW = `${EXPORTER_PROXY_URL}/api/v1/raw/sessions/${encodeURIComponent(ID)}`;

describe('SessionDetailView', () => {
  beforeEach(() => resetBackend());

  it('fetches the session by its URL-encoded id and shows its figures and todo progress', async () => {
    route('GET', RAW, { data: detail() });
    render(<SessionDetailView id={ID} configured />);
    const summary = await screen.findByTestId(testIds.session.summary);
    expect(requestsTo(RAW)).toHaveLength(1);
    expect(requestsTo(PATH)).toHaveLength(0);
    expect(summary).toHaveTextContent('Cost$1.25');
    expect(summary).toHaveTextContent('Duration30m 00s');
    expect(summary).toHaveTextContent('Cache read30.0k');
    expect(screen.getByTestId(testIds.session.progress)).toHaveTextContent('2/5');
  });

  it('lists every timeline step in order with tool outcome, duration, tokens and cost', async () => {
    route('GET', RAW, { data: detail() });
    render(<SessionDetailView id={ID} configured />);
    const rows = await screen.findAllByTestId(testIds.session.entry);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Prompt'),
      expect.stringContaining('claude-sonnet-4-5 · 100 tokens · $0.020'),
      expect.stringContaining('Tool callBash'),
      expect.stringContaining('Bash · error (exit_code) · 3.0 s'),
      expect.stringContaining('Tool callRead'),
      expect.stringContaining('Read · ok · 500 ms'),
      expect.stringContaining('API erroroverloaded'),
    ]);
    expect(rows[3]).toHaveTextContent('9.0 s'); // 9 s after the session started
  });

  it("shows an entry's raw event JSON on demand", async () => {
    route('GET', RAW, { data: detail() });
    render(<SessionDetailView id={ID} configured />);
    const rows = await screen.findAllByTestId(testIds.session.entry);
    expect(screen.queryByTestId(testIds.session.raw)).toBeNull();
    expect(within(rows[0]!).queryByText('Raw JSON')).toBeNull(); // the prompt has no raw event
    fireEvent.click(within(rows[1]!).getByText('Raw JSON'));
    expect(JSON.parse(screen.getByTestId(testIds.session.raw).textContent!)).toEqual({
      type: 'assistant',
      id: 'msg_1',
    });
    fireEvent.click(within(rows[1]!).getByText('Hide JSON'));
    expect(screen.queryByTestId(testIds.session.raw)).toBeNull();
  });

  it('offers the session as CSV and JSON through the plugin route', async () => {
    route('GET', RAW, { data: detail() });
    render(<SessionDetailView id={ID} configured />);
    await screen.findByTestId(testIds.session.summary);
    expect(screen.getByText('CSV').closest('a')).toHaveAttribute('href', `${PATH}?format=csv`);
    expect(screen.getByText('JSON').closest('a')).toHaveAttribute('href', `${PATH}?format=json`);
    expect(screen.getByText('JSON').closest('a')).toHaveAttribute('target', '_blank');
  });

  it('says when the exporter cut a long timeline short', async () => {
    route('GET', RAW, { data: detail({ truncated: true }) });
    render(<SessionDetailView id={ID} configured />);
    expect(await screen.findByText(/Long session: the first steps are shown/)).toBeInTheDocument();
  });

  it('explains a session the exporter does not know', async () => {
    route('GET', RAW, { status: 404, data: { error: 'no such session' } });
    render(<SessionDetailView id={ID} configured />);
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent('Not found on the exporter');
  });
});

describe('toolUsage', () => {
  it('counts calls, errors and time per tool, most used first', () => {
    const t = detail().timeline;
    expect(toolUsage([...t, { ts: 'x', kind: 'tool_call', tool: 'Bash' }])).toEqual([
      { tool: 'Bash', calls: 2, errors: 1, seconds: 3 },
      { tool: 'Read', calls: 1, errors: 0, seconds: 0.5 },
    ]);
  });

  it('without the transcripts permission (Grafana answers 403) shows the timeline without raw events, and says why', async () => {
    route('GET', RAW, { status: 403, data: { message: 'plugin proxy route access denied' } });
    route('GET', PATH, { data: detail({ timeline: detail().timeline.map(({ raw, ...e }) => e) }) });
    render(<SessionDetailView id={ID} configured />);
    const rows = await screen.findAllByTestId(testIds.session.entry);
    expect(rows).toHaveLength(7);
    expect(screen.getByTestId(testIds.session.rawHidden)).toHaveTextContent('Transcripts reader role');
    expect(screen.queryByText('Raw JSON')).toBeNull();
  });

  it("steps that came from one log line show that line's raw event", async () => {
    const timeline = detail().timeline;
    timeline[2] = { ...timeline[2]!, sameRawAs: 1 };
    route('GET', RAW, { data: detail({ timeline }) });
    render(<SessionDetailView id={ID} configured />);
    const rows = await screen.findAllByTestId(testIds.session.entry);
    expect(screen.queryByTestId(testIds.session.rawHidden)).toBeNull();
    fireEvent.click(within(rows[2]!).getByText('Raw JSON'));
    expect(JSON.parse(screen.getByTestId(testIds.session.raw).textContent!)).toEqual({
      type: 'assistant',
      id: 'msg_1',
    });
  });
});
