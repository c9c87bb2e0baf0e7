import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { testIds } from '../../components/testIds';
import { AM_ALERTS, amAlert } from '../../test/alerts';
import { requestsTo, resetBackend, route } from '../../test/fakeBackend';
import { AlertsList } from './AlertsList';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

describe('AlertsList', () => {
  beforeEach(() => {
    resetBackend();
    require('../../test/grafanaRuntime').resetRuntime();
  });

  it('reads firing and silenced alerts through the Alertmanager datasource proxy', async () => {
    route('GET', AM_ALERTS, {
      data: [
        amAlert('AgentmonCostSpike', {
          labels: { alertname: 'AgentmonCostSpike', severity: 'critical', agent: 'codex' },
        }),
        amAlert('AgentmonSessionStuck', { status: { state: 'suppressed', silencedBy: ['s-1'], inhibitedBy: [] } }),
      ],
    });
    render(<AlertsList alertmanagerUid="agentmon-alertmanager" />);
    const firing = await screen.findByTestId(testIds.alerts.firing);
    const silenced = screen.getByTestId(testIds.alerts.silenced);
    expect(within(firing).getAllByTestId(testIds.alerts.alert)).toHaveLength(1);
    expect(firing).toHaveTextContent('AgentmonCostSpike');
    expect(firing).toHaveTextContent('critical');
    expect(firing).toHaveTextContent('agent=codex');
    expect(within(silenced).getAllByTestId(testIds.alerts.alert)).toHaveLength(1);
    expect(silenced).toHaveTextContent('AgentmonSessionStuck');
    const q = new URL(requestsTo(AM_ALERTS)[0]!.url, 'http://g').searchParams;
    expect(q.get('silenced')).toBe('true');
    expect(q.get('active')).toBe('true');
  });

  it('links a firing alert to a pre-filled silence, its runbook and its source', async () => {
    route('GET', AM_ALERTS, { data: [amAlert('AgentmonCostSpike')] });
    render(<AlertsList alertmanagerUid="agentmon-alertmanager" />);
    const row = await screen.findByTestId(testIds.alerts.alert);
    const silence = new URL(within(row).getByText('Silence').closest('a')!.getAttribute('href')!, 'http://g');
    expect(silence.pathname).toBe('/alerting/silence/new');
    expect(silence.searchParams.get('alertmanager')).toBe('Alertmanager');
    expect(silence.searchParams.getAll('matcher').sort()).toEqual([
      'agent=claude-code',
      'alertname=AgentmonCostSpike',
      'project=webshop',
      'severity=warning',
    ]);
    expect(within(row).getByText('Runbook').closest('a')).toHaveAttribute(
      'href',
      'https://example.org/runbooks/AgentmonCostSpike'
    );
    expect(within(row).getByText('Source').closest('a')).toHaveAttribute(
      'href',
      'http://prometheus:9090/graph?g0.expr=AgentmonCostSpike'
    );
  });

  it('links a silenced alert to the silences that cover it', async () => {
    route('GET', AM_ALERTS, {
      data: [
        amAlert('AgentmonSessionStuck', {
          status: { state: 'suppressed', silencedBy: ['s-1', 's-2'], inhibitedBy: [] },
        }),
      ],
    });
    render(<AlertsList alertmanagerUid="agentmon-alertmanager" />);
    const silenced = await screen.findByTestId(testIds.alerts.silenced);
    await within(silenced).findByTestId(testIds.alerts.alert);
    const link = new URL(within(silenced).getByText('Silences').closest('a')!.getAttribute('href')!, 'http://g');
    expect(link.pathname).toBe('/alerting/silences');
    expect(link.searchParams.get('silenceIds')).toBe('s-1,s-2');
  });

  it('says what to do when the Alertmanager datasource is missing or unreachable', async () => {
    const { unmount } = render(<AlertsList alertmanagerUid="nope" />);
    expect(screen.getByTestId(testIds.problem)).toHaveTextContent('No Alertmanager datasource with uid "nope"');
    expect(requestsTo('/api/datasources')).toHaveLength(0);
    unmount();
    route('GET', AM_ALERTS, { status: 502, data: { message: 'dial tcp: connection refused' } });
    render(<AlertsList alertmanagerUid="agentmon-alertmanager" />);
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent('Grafana cannot reach Alertmanager');
  });
});
