import React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LiveEvent } from '../../api/types';
import { EXPORTER_PROXY_URL } from '../../constants';
import { testIds } from '../../components/testIds';
import { requestsTo, resetBackend, route } from '../../test/fakeBackend';
import { LiveFeed } from './LiveFeed';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

const EVENTS = `${EXPORTER_PROXY_URL}/api/v1/events`;

const ev = (n: number, over: Partial<LiveEvent> = {}): LiveEvent => ({
  ts: `2025-06-02T09:00:${String(n).padStart(2, '0')}Z`,
  agent: 'claude-code',
  kind: 'tool_call',
  sessionId: `sess-${n}`,
  project: 'webshop',
  tool: `Tool${n}`,
  ...over,
});

/** An exporter whose feed holds `log`; each poll returns what came after the cursor (a number, as the exporter's). */
function exporterFeed(log: LiveEvent[], fail: { now: boolean } = { now: false }) {
  route('GET', EVENTS, (url) => {
    if (fail.now) {
      return { status: 502, data: { message: 'Bad Gateway' } };
    }
    const after = Number(url.searchParams.get('after'));
    return { data: { cursor: log.length, events: log.slice(after) } };
  });
}

const shownTools = () => screen.queryAllByTestId(testIds.live.event).map((r) => r.children[4]?.textContent);
const cursors = () => requestsTo(EVENTS).map((r) => new URL(r.url, 'http://g').searchParams.get('after'));

describe('LiveFeed', () => {
  beforeEach(() => resetBackend());

  it('polls with the returned cursor and puts new events on top', async () => {
    const log = [ev(1), ev(2)];
    exporterFeed(log);
    render(<LiveFeed configured intervalMs={20} />);
    await waitFor(() => expect(shownTools()).toEqual(['Tool2', 'Tool1']));
    log.push(ev(3), ev(4));
    await waitFor(() => expect(shownTools()).toEqual(['Tool4', 'Tool3', 'Tool2', 'Tool1']));
    await waitFor(() => expect(cursors()).toContain('4'));
    expect(cursors().slice(0, 2)).toEqual(['0', '2']);
    expect(shownTools()).toHaveLength(4); // polling past the end adds nothing twice
  });

  it('stops polling while paused and catches up on resume', async () => {
    // The page's clock is jest's: "ten polling intervals passed" is then a fact, not a sleep that a busy machine
    // could cut short.
    jest.useFakeTimers();
    try {
      const log = [ev(1)];
      exporterFeed(log);
      render(<LiveFeed configured intervalMs={20} />);
      await waitFor(() => expect(shownTools()).toEqual(['Tool1']));
      fireEvent.click(screen.getByTestId(testIds.live.pause));
      expect(screen.getByTestId(testIds.live.status)).toHaveTextContent('Paused');
      const polls = requestsTo(EVENTS).length;
      log.push(ev(2));
      await act(() => jest.advanceTimersByTimeAsync(10 * 20));
      expect(requestsTo(EVENTS).length).toBeLessThanOrEqual(polls + 1); // at most the poll already in flight
      expect(shownTools()).toEqual(['Tool1']);
      fireEvent.click(screen.getByTestId(testIds.live.pause));
      await waitFor(() => expect(shownTools()).toEqual(['Tool2', 'Tool1']));
    } finally {
      jest.useRealTimers();
    }
  });

  it('says the exporter is unreachable, keeps the events, and recovers on its own', async () => {
    const log = [ev(1)];
    const fail = { now: false };
    exporterFeed(log, fail);
    render(<LiveFeed configured intervalMs={20} />);
    await waitFor(() => expect(shownTools()).toEqual(['Tool1']));
    fail.now = true;
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent('Grafana cannot reach the agentmon exporter');
    expect(shownTools()).toEqual(['Tool1']);
    fail.now = false;
    log.push(ev(2));
    await waitFor(() => expect(shownTools()).toEqual(['Tool2', 'Tool1']), { timeout: 3000 });
    expect(screen.queryByTestId(testIds.problem)).toBeNull();
  });

  it('filters by agent and keeps only the newest events', async () => {
    exporterFeed([ev(1), ev(2, { agent: 'codex', tool: 'shell' }), ev(3), ev(4)]);
    render(<LiveFeed configured intervalMs={20} keep={3} />);
    await waitFor(() => expect(shownTools()).toEqual(['Tool4', 'Tool3', 'shell']));
    fireEvent.click(screen.getByLabelText('codex'));
    expect(shownTools()).toEqual(['shell']);
  });

  it('links each event to its session', async () => {
    exporterFeed([ev(1, { agent: 'codex', sessionId: 'abc' })]);
    render(<LiveFeed configured intervalMs={20} />);
    const row = await screen.findByTestId(testIds.live.event);
    expect(row.querySelector('a')).toHaveAttribute('href', '/a/agentmon-agents-app/sessions/view/codex%3Aabc');
  });
});
