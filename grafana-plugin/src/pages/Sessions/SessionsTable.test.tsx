import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { EXPORTER_PROXY_URL } from '../../constants';
import { testIds } from '../../components/testIds';
import { requestsTo, resetBackend, route } from '../../test/fakeBackend';
import { session } from '../../test/fixtures';
import { SessionsTable } from './SessionsTable';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

const SESSIONS = `${EXPORTER_PROXY_URL}/api/v1/sessions`;
const range = { from: '2025-06-01T00:00:00.000Z', to: '2025-06-08T00:00:00.000Z' };

/** Answers like the exporter: 120 sessions in total, a page of `limit` starting at `offset`. */
function exporterWith120Sessions() {
  route('GET', SESSIONS, (url) => {
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const n = Math.max(0, Math.min(limit, 120 - offset));
    return {
      data: {
        total: 120,
        items: Array.from({ length: n }, (_, i) =>
          session({ id: `claude-code:s${offset + i}`, sessionId: `s${offset + i}`, costUsd: offset + i })
        ),
      },
    };
  });
}

const lastQuery = () => new URL(requestsTo(SESSIONS).at(-1)!.url, 'http://g').searchParams;

describe('SessionsTable', () => {
  beforeEach(() => {
    resetBackend();
    require('../../test/grafanaRuntime').resetRuntime();
  });

  it('lists the first page with the time range, default sort and page size', async () => {
    exporterWith120Sessions();
    render(<SessionsTable configured range={range} />);
    await waitFor(() => expect(screen.getAllByTestId(testIds.sessions.row)).toHaveLength(50));
    expect(screen.getByTestId(testIds.sessions.total)).toHaveTextContent('Sessions 1–50 of 120');
    const q = lastQuery();
    expect(Object.fromEntries(q)).toEqual({
      from: range.from,
      to: range.to,
      sort: 'lastActivity',
      order: 'desc',
      limit: '50',
      offset: '0',
    });
  });

  it('pages forward and back, and stops at the last page', async () => {
    exporterWith120Sessions();
    render(<SessionsTable configured range={range} />);
    await screen.findByText('Sessions 1–50 of 120');
    fireEvent.click(screen.getByTestId(testIds.sessions.next));
    await screen.findByText('Sessions 51–100 of 120');
    fireEvent.click(screen.getByTestId(testIds.sessions.next));
    await screen.findByText('Sessions 101–120 of 120');
    expect(screen.getAllByTestId(testIds.sessions.row)).toHaveLength(20);
    expect(screen.getByTestId(testIds.sessions.next)).toBeDisabled();
    fireEvent.click(screen.getByTestId(testIds.sessions.prev));
    await screen.findByText('Sessions 51–100 of 120');
    expect(lastQuery().get('offset')).toBe('50');
  });

  it('sends filters and sort to the exporter and starts again at the first page', async () => {
    exporterWith120Sessions();
    render(<SessionsTable configured range={range} />);
    await screen.findByText('Sessions 1–50 of 120');
    fireEvent.click(screen.getByTestId(testIds.sessions.next));
    await screen.findByText('Sessions 51–100 of 120');
    fireEvent.click(within(screen.getByTestId(testIds.sessions.status)).getByLabelText('Stuck'));
    fireEvent.click(within(screen.getByTestId(testIds.sessions.agent)).getByLabelText('codex'));
    fireEvent.click(within(screen.getByTestId(testIds.sessions.sort)).getByLabelText('Cost'));
    fireEvent.click(screen.getByLabelText('Descending'));
    const project = screen.getByTestId(testIds.sessions.project);
    fireEvent.change(project, { target: { value: ' webshop ' } });
    fireEvent.blur(project);
    await waitFor(() => expect(lastQuery().get('project')).toBe('webshop'));
    expect(Object.fromEntries(lastQuery())).toMatchObject({
      status: 'stuck',
      agent: 'codex',
      sort: 'cost',
      order: 'asc',
      offset: '0',
    });
  });

  it('keeps the filters and the page in the URL, leaving defaults out', async () => {
    const { page } = require('../../test/grafanaRuntime');
    exporterWith120Sessions();
    render(<SessionsTable configured range={range} />);
    await screen.findByText('Sessions 1–50 of 120');
    fireEvent.click(within(screen.getByTestId(testIds.sessions.status)).getByLabelText('Stuck'));
    fireEvent.click(within(screen.getByTestId(testIds.sessions.sort)).getByLabelText('Cost'));
    fireEvent.click(screen.getByTestId(testIds.sessions.next));
    await screen.findByText('Sessions 51–100 of 120');
    expect(Object.fromEntries(page.search)).toEqual({ status: 'stuck', sort: 'cost', offset: '50' });
    fireEvent.click(within(screen.getByTestId(testIds.sessions.status)).getByLabelText('Any status'));
    await screen.findByText('Sessions 1–50 of 120');
    expect(Object.fromEntries(page.search)).toEqual({ sort: 'cost' });
  });

  it('opens with the filters and page of its URL, ignoring values the page does not offer', async () => {
    const { page } = require('../../test/grafanaRuntime');
    page.search = new URLSearchParams('agent=codex&status=looping&project=webshop&order=asc&offset=50&sort=bogus');
    exporterWith120Sessions();
    render(<SessionsTable configured range={range} />);
    await screen.findByText('Sessions 51–100 of 120');
    expect(Object.fromEntries(lastQuery())).toMatchObject({
      agent: 'codex',
      status: 'looping',
      project: 'webshop',
      sort: 'lastActivity',
      order: 'asc',
      offset: '50',
    });
    expect(within(screen.getByTestId(testIds.sessions.agent)).getByLabelText('codex')).toBeChecked();
  });

  it('shows each session with its figures and a link to its timeline', async () => {
    route('GET', SESSIONS, { data: { total: 1, items: [session()] } });
    render(<SessionsTable configured range={range} />);
    const row = await screen.findByTestId(testIds.sessions.row);
    expect(row).toHaveTextContent('webshop');
    expect(row).toHaveTextContent('$1.25');
    expect(row).toHaveTextContent('37.0k'); // 1000 + 2000 + 30000 + 4000 tokens
    expect(within(row).getByRole('link')).toHaveAttribute(
      'href',
      '/a/agentmon-agents-app/sessions/view/claude-code%3A1b2c3d4e-0000-4000-8000-000000000001'
    );
  });

  it('compares exactly two ticked sessions, keeping the last two ticked', async () => {
    exporterWith120Sessions();
    const navigate = jest.fn();
    render(<SessionsTable configured range={range} navigate={navigate} />);
    await screen.findByText('Sessions 1–50 of 120');
    const compare = screen.getByTestId(testIds.sessions.compare);
    // A button with a tooltip stays focusable: Grafana marks it aria-disabled instead of disabled.
    expect(compare).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(screen.getByLabelText('select claude-code:s0'));
    fireEvent.click(compare);
    expect(navigate).not.toHaveBeenCalled();
    fireEvent.click(screen.getByLabelText('select claude-code:s1'));
    fireEvent.click(screen.getByLabelText('select claude-code:s2'));
    expect(compare).toHaveTextContent('Compare 2/2');
    expect(compare).not.toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(compare);
    expect(navigate).toHaveBeenCalledWith('/a/agentmon-agents-app/sessions/compare/claude-code%3As1/claude-code%3As2');
  });

  it('offers CSV and JSON exports of the whole filtered list through the plugin route', async () => {
    exporterWith120Sessions();
    render(<SessionsTable configured range={range} />);
    await screen.findByText('Sessions 1–50 of 120');
    const csv = new URL(screen.getByTestId(testIds.sessions.exportCsv).getAttribute('href')!, 'http://g');
    expect(csv.pathname).toBe('/api/plugin-proxy/agentmon-agents-app/exporter/api/v1/sessions');
    expect(csv.searchParams.get('format')).toBe('csv');
    expect(csv.searchParams.get('limit')).toBeNull();
    expect(csv.searchParams.get('from')).toBe(range.from);
    // A new tab: Grafana's link handler would turn a same-tab click on an app link into page navigation.
    expect(screen.getByTestId(testIds.sessions.exportCsv)).toHaveAttribute('target', '_blank');
    expect(
      new URL(screen.getByTestId(testIds.sessions.exportJson).getAttribute('href')!, 'http://g').searchParams.get(
        'format'
      )
    ).toBe('json');
  });

  it('says how to fix an unreachable exporter instead of showing an empty table', async () => {
    route('GET', SESSIONS, { status: 502, data: { message: 'Bad Gateway' } });
    render(<SessionsTable configured range={range} />);
    const alert = await screen.findByTestId(testIds.problem);
    expect(alert).toHaveTextContent('Grafana cannot reach the agentmon exporter');
    expect(alert).toHaveTextContent('http://exporter:9477');
  });

  it('shows the exporter message for a rejected filter and the token fix for a 401', async () => {
    route('GET', SESSIONS, { status: 400, data: { error: 'status must be one of active, stuck, looping, ended' } });
    const { unmount } = render(<SessionsTable configured range={range} />);
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent(
      'status must be one of active, stuck, looping, ended'
    );
    unmount();
    route('GET', SESSIONS, { status: 401, data: { error: 'missing bearer token' } });
    render(<SessionsTable configured range={range} />);
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent('The exporter rejected the API token');
  });

  it('asks for the exporter URL when none is configured, without calling anything', async () => {
    render(<SessionsTable configured={false} range={range} />);
    expect(screen.getByTestId(testIds.problem)).toHaveTextContent('The agentmon exporter is not configured');
    expect(requestsTo(SESSIONS)).toHaveLength(0);
  });
});
