import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AppPluginMeta, PluginConfigPageProps, PluginMeta } from '@grafana/data';
import { EXPORTER_PROXY_URL } from '../../constants';
import type { AppJsonData } from '../../settings';
import { AM_ALERTS, amAlert } from '../../test/alerts';
import { requests, requestsTo, resetBackend, route } from '../../test/fakeBackend';
import { testIds } from '../testIds';
import AppConfig, { exporterUrlError, type AppConfigProps } from './AppConfig';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

const SETTINGS = '/api/plugins/agentmon-agents-app/settings';
const PROM_QUERY = '/api/datasources/proxy/uid/agentmon-prometheus/api/v1/query';

function props(jsonData: AppJsonData, tokenSet = false): AppConfigProps {
  const meta = {
    id: 'agentmon-agents-app',
    enabled: true,
    pinned: true,
    jsonData,
    secureJsonFields: tokenSet ? { exporterToken: true } : {},
  } as unknown as AppPluginMeta<AppJsonData>;
  return {
    plugin: { meta } as PluginConfigPageProps<AppPluginMeta<AppJsonData>>['plugin'],
    query: {} as PluginMeta['jsonData'],
  } as AppConfigProps;
}

const navigations = () => require('../../test/grafanaRuntime').navigations as string[];
const saved = () =>
  requestsTo(SETTINGS)[0]?.body as { jsonData: AppJsonData; secureJsonData?: { exporterToken: string } };

describe('AppConfig', () => {
  beforeEach(() => {
    resetBackend();
    require('../../test/grafanaRuntime').resetRuntime();
    route('POST', SETTINGS, { data: { message: 'Plugin settings updated' } });
  });

  it('saves the exporter URL, datasources and a new token, then reloads so pages use them', async () => {
    render(<AppConfig {...props({})} />);
    fireEvent.change(screen.getByTestId(testIds.appConfig.exporterUrl), {
      target: { value: ' http://exporter:9477 ' },
    });
    fireEvent.change(screen.getByTestId(testIds.appConfig.token), { target: { value: 's3cret' } });
    fireEvent.change(screen.getByLabelText('prometheus datasource'), { target: { value: 'prom-2' } });
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    await waitFor(() => expect(navigations()).toEqual(['reload']));
    expect(saved()).toMatchObject({
      enabled: true,
      jsonData: {
        exporterUrl: 'http://exporter:9477',
        prometheusUid: 'prom-2',
        alertmanagerUid: 'agentmon-alertmanager',
      },
      secureJsonData: { exporterToken: 's3cret' },
    });
  });

  it('keeps a saved token it cannot see, and clears it when reset', async () => {
    const { unmount } = render(<AppConfig {...props({ exporterUrl: 'http://exporter:9477' }, true)} />);
    fireEvent.change(screen.getByTestId(testIds.appConfig.exporterUrl), { target: { value: 'http://other:9477' } });
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    await waitFor(() => expect(requestsTo(SETTINGS)).toHaveLength(1));
    expect(saved().secureJsonData).toBeUndefined();
    unmount();
    resetBackend();
    route('POST', SETTINGS, { data: {} });
    render(<AppConfig {...props({ exporterUrl: 'http://exporter:9477' }, true)} />);
    fireEvent.click(screen.getByText('Reset'));
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    await waitFor(() => expect(requestsTo(SETTINGS)).toHaveLength(1));
    expect(saved().secureJsonData).toEqual({ exporterToken: '' });
  });

  it('shows provisioned settings read-only, says where to change them, and still tests the connection', async () => {
    route('GET', '/api/plugin-proxy/agentmon-agents-app/exporter/healthz', { data: 'ok' });
    render(<AppConfig {...props({ exporterUrl: 'http://exporter:9477', provisioned: true })} />);
    expect(screen.getByTestId(testIds.appConfig.provisioned)).toHaveTextContent(
      'provisioning/grafana/plugins/agentmon.yaml'
    );
    expect(screen.getByTestId(testIds.appConfig.exporterUrl)).toBeDisabled();
    expect(screen.getByTestId(testIds.appConfig.token)).toBeDisabled();
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeDisabled();
    expect(screen.getByTestId(testIds.appConfig.test)).toBeEnabled();
    fireEvent.click(screen.getByTestId(testIds.appConfig.test));
    await waitFor(() => expect(screen.getByTestId(testIds.appConfig.testResult)).toBeInTheDocument());
    expect(requestsTo(SETTINGS)).toHaveLength(0);
  });

  it('settings saved on this page are editable when nothing provisions them', () => {
    render(<AppConfig {...props({ exporterUrl: 'http://exporter:9477' })} />);
    expect(screen.queryByTestId(testIds.appConfig.provisioned)).not.toBeInTheDocument();
    expect(screen.getByTestId(testIds.appConfig.exporterUrl)).toBeEnabled();
  });

  it('refuses a URL that is not http(s) and says why', () => {
    render(<AppConfig {...props({})} />);
    fireEvent.change(screen.getByTestId(testIds.appConfig.exporterUrl), { target: { value: 'exporter:9477' } });
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeDisabled();
    expect(screen.getByText('Use an http:// or https:// URL.')).toBeInTheDocument();
    expect(exporterUrlError('not a url')).toBe('Not a URL: use the form http://host:9477.');
    expect(exporterUrlError('https://agentmon.example:9477')).toBeUndefined();
  });

  it('tests the saved connection through Grafana and reports each service', async () => {
    route('GET', `${EXPORTER_PROXY_URL}/api/v1/sessions`, { data: { total: 42, items: [] } });
    route('GET', PROM_QUERY, {
      data: {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: { version: '0.1.0' }, value: [1, '1'] }] },
      },
    });
    route('GET', AM_ALERTS, { data: [amAlert('A')] });
    render(<AppConfig {...props({ exporterUrl: 'http://exporter:9477' })} />);
    fireEvent.click(screen.getByTestId(testIds.appConfig.test));
    const result = await screen.findByTestId(testIds.appConfig.testResult);
    expect(result).toHaveTextContent('The exporter answered through Grafana: 42 sessions.');
    expect(result).toHaveTextContent('Prometheus answered: 1 exporter target(s), version 0.1.0.');
    expect(result).toHaveTextContent('Alertmanager answered: 1 alert(s).');
    expect(
      new URL(requestsTo(`${EXPORTER_PROXY_URL}/api/v1/sessions`)[0]!.url, 'http://g').searchParams.get('limit')
    ).toBe('1');
  });

  it('reports a wrong token and a down Prometheus with what to do', async () => {
    route('GET', `${EXPORTER_PROXY_URL}/api/v1/sessions`, { status: 401, data: { error: 'invalid bearer token' } });
    route('GET', PROM_QUERY, { status: 502, data: {} });
    route('GET', AM_ALERTS, { data: [] });
    render(<AppConfig {...props({ exporterUrl: 'http://exporter:9477' })} />);
    fireEvent.click(screen.getByTestId(testIds.appConfig.test));
    const result = await screen.findByTestId(testIds.appConfig.testResult);
    expect(result).toHaveTextContent('The exporter rejected the API token');
    expect(result).toHaveTextContent('AGENTMON_API_TOKEN');
    expect(result).toHaveTextContent('Grafana cannot reach Prometheus');
  });

  it('asks to save before testing changed settings', () => {
    render(<AppConfig {...props({ exporterUrl: 'http://exporter:9477' })} />);
    fireEvent.change(screen.getByTestId(testIds.appConfig.exporterUrl), { target: { value: 'http://elsewhere:9477' } });
    fireEvent.click(screen.getByTestId(testIds.appConfig.test));
    expect(requests).toHaveLength(0);
    expect(screen.queryByTestId(testIds.appConfig.testResult)).toBeNull();
  });
});
