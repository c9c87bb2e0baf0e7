import React from 'react';
import { render, screen } from '@testing-library/react';
import { EXPORTER_PROXY_URL } from '../../constants';
import { testIds } from '../../components/testIds';
import { resetBackend, route } from '../../test/fakeBackend';
import { detail } from '../../test/fixtures';
import { change, SessionCompareView } from './SessionCompareView';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

const A = 'claude-code:aaaa1111';
const B = 'codex:bbbb2222';
const path = (id: string) => `${EXPORTER_PROXY_URL}/api/v1/sessions/${encodeURIComponent(id)}`;

describe('SessionCompareView', () => {
  beforeEach(() => resetBackend());

  it('lines up both sessions figure by figure with the change from the first to the second', async () => {
    route('GET', path(A), { data: detail({ id: A, sessionId: 'aaaa1111', costUsd: 2, requests: 10 }) });
    route('GET', path(B), {
      data: detail({
        id: B,
        agent: 'codex',
        sessionId: 'bbbb2222',
        costUsd: 3,
        requests: 5,
        timeline: [{ ts: '2025-06-02T09:00:00Z', kind: 'tool_call', tool: 'shell' }],
      }),
    });
    render(<SessionCompareView a={A} b={B} configured />);
    const table = await screen.findByTestId(testIds.compare.table);
    const row = (label: string) =>
      [...table.querySelectorAll('tr')].find((tr) => tr.firstChild?.textContent === label)?.textContent;
    expect(row('Cost')).toBe('Cost$2.00$3.00+50%');
    expect(row('Model requests')).toBe('Model requests105−50%');
    expect(row('Calls to Bash')).toBe('Calls to Bash10−100%');
    expect(row('Calls to shell')).toBe('Calls to shell01');
    expect(table).toHaveTextContent('codex bbbb2222');
  });

  it('reports a failure of either session', async () => {
    route('GET', path(A), { data: detail({ id: A }) });
    route('GET', path(B), { status: 502, data: {} });
    render(<SessionCompareView a={A} b={B} configured />);
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent('Grafana cannot reach the agentmon exporter');
  });
});

describe('change', () => {
  it('is a signed whole percentage, empty from zero', () => {
    expect([change(4, 5), change(4, 3), change(4, 4), change(0, 2), change(0, 0)]).toEqual([
      '+25%',
      '−25%',
      '0%',
      '',
      '0%',
    ]);
  });
});
