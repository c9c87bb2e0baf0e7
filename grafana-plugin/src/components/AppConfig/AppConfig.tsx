import React, { useState, type ChangeEvent } from 'react';
import { css } from '@emotion/css';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps, PluginMeta } from '@grafana/data';
import { DataSourcePicker, getBackendSrv, locationService } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, SecretInput, Stack, useStyles2 } from '@grafana/ui';
import { lastValueFrom } from 'rxjs';
import { withDefaults, type AppJsonData } from '../../settings';
import { testIds } from '../testIds';
import { testConnection, type CheckResult } from './connectionTest';

/** Props Grafana passes to the app's configuration page. */
export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppJsonData>> {}

interface Form {
  exporterUrl: string;
  prometheusUid: string;
  alertmanagerUid: string;
  token: string;
  /** The saved token is kept unless the user typed a new one or reset it. */
  tokenSet: boolean;
}

/** Returns why url cannot be an exporter URL, or undefined when it can. */
export function exporterUrlError(url: string): string | undefined {
  if (url === '') {
    return 'Enter the exporter URL, e.g. http://exporter:9477.';
  }
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      return 'Use an http:// or https:// URL.';
    }
  } catch {
    return 'Not a URL: use the form http://host:9477.';
  }
  return undefined;
}

const postSettings = async (pluginId: string, data: Partial<PluginMeta<AppJsonData>>) =>
  lastValueFrom(getBackendSrv().fetch({ url: `/api/plugins/${pluginId}/settings`, method: 'POST', data }));

/** The app's Configuration page: exporter URL and token, datasources, and a connection test. */
const AppConfig = ({ plugin }: AppConfigProps) => {
  const s = useStyles2(getStyles);
  const { enabled, pinned, jsonData, secureJsonFields } = plugin.meta;
  const saved = withDefaults(jsonData);
  const [form, setForm] = useState<Form>({
    exporterUrl: saved.exporterUrl,
    prometheusUid: saved.prometheusUid,
    alertmanagerUid: saved.alertmanagerUid,
    token: '',
    tokenSet: Boolean(secureJsonFields?.exporterToken),
  });
  const [saveError, setSaveError] = useState<string>();
  const [results, setResults] = useState<CheckResult[]>();
  const [testing, setTesting] = useState(false);
  // Provisioned settings are rewritten from the provisioning file at every Grafana start: editing them here would
  // seem to work and be undone at the next restart, so the page shows them read-only and says where they come from.
  const provisioned = jsonData?.provisioned === true;
  const urlError = exporterUrlError(form.exporterUrl.trim());
  const dirty =
    form.exporterUrl.trim() !== saved.exporterUrl ||
    form.prometheusUid !== saved.prometheusUid ||
    form.alertmanagerUid !== saved.alertmanagerUid ||
    form.tokenSet !== Boolean(secureJsonFields?.exporterToken) ||
    form.token !== '';

  const onSave = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaveError(undefined);
    try {
      await postSettings(plugin.meta.id, {
        enabled,
        pinned,
        jsonData: {
          exporterUrl: form.exporterUrl.trim(),
          prometheusUid: form.prometheusUid,
          alertmanagerUid: form.alertmanagerUid,
        },
        // Sent only when changed: secureJsonData never comes back to the browser, so an empty field means "keep".
        secureJsonData:
          form.token !== '' ? { exporterToken: form.token } : form.tokenSet ? undefined : { exporterToken: '' },
      });
      // Grafana caches the app's settings in the page; reloading is how the pages pick up the new ones.
      locationService.reload();
    } catch (err) {
      setSaveError(`Saving failed: ${(err as { data?: { message?: string } }).data?.message ?? String(err)}`);
    }
  };

  const onTest = async () => {
    setTesting(true);
    setResults(await testConnection(saved));
    setTesting(false);
  };

  return (
    <form onSubmit={onSave} data-testid={testIds.appConfig.container}>
      {provisioned && (
        <Alert title="These settings are provisioned" severity="info" data-testid={testIds.appConfig.provisioned}>
          Grafana applies <code>provisioning/grafana/plugins/agentmon.yaml</code> at every start, over anything saved
          here. Change the exporter URL and datasources in that file, and the API token with{' '}
          <code>AGENTMON_API_TOKEN</code> in <code>.env</code>, then restart Grafana. The connection test below uses the
          settings in force.
        </Alert>
      )}
      <FieldSet label="Exporter" className={s.marginTop} disabled={provisioned}>
        <Field
          label="Exporter URL"
          description="Where Grafana's server reaches `agentmon serve` (port 9477). The browser never calls it directly: the app goes through Grafana's plugin proxy."
          invalid={urlError !== undefined && form.exporterUrl !== ''}
          error={urlError}
        >
          <Input
            width={60}
            id="exporter-url"
            data-testid={testIds.appConfig.exporterUrl}
            value={form.exporterUrl}
            placeholder="http://exporter:9477"
            onChange={(e: ChangeEvent<HTMLInputElement>) => setForm({ ...form, exporterUrl: e.target.value })}
          />
        </Field>
        <Field
          label="API token"
          description="The exporter's bearer token (AGENTMON_API_TOKEN), if it requires one. Stored encrypted by Grafana."
        >
          <SecretInput
            width={60}
            id="exporter-token"
            data-testid={testIds.appConfig.token}
            value={form.token}
            isConfigured={form.tokenSet && form.token === ''}
            placeholder="leave empty if the exporter has no token"
            onChange={(e: ChangeEvent<HTMLInputElement>) => setForm({ ...form, token: e.target.value.trim() })}
            onReset={() => setForm({ ...form, token: '', tokenSet: false })}
          />
        </Field>
      </FieldSet>
      <FieldSet label="Datasources" disabled={provisioned}>
        <Field
          label="Prometheus"
          description="The Prometheus that scrapes the exporter; the Overview page and dashboards query it."
        >
          <div data-testid={testIds.appConfig.prometheus}>
            <DataSourcePicker
              pluginId="prometheus"
              current={form.prometheusUid}
              noDefault
              width={60}
              onChange={(ds) => setForm({ ...form, prometheusUid: ds.uid })}
            />
          </div>
        </Field>
        <Field
          label="Alertmanager"
          description="The Alertmanager that receives agentmon's alerts; the Alerts page reads it."
        >
          <div data-testid={testIds.appConfig.alertmanager}>
            <DataSourcePicker
              pluginId="alertmanager"
              current={form.alertmanagerUid}
              noDefault
              width={60}
              onChange={(ds) => setForm({ ...form, alertmanagerUid: ds.uid })}
            />
          </div>
        </Field>
      </FieldSet>
      {saveError && <Alert title={saveError} severity="error" />}
      <Stack direction="row" gap={1}>
        <Button
          type="submit"
          data-testid={testIds.appConfig.submit}
          disabled={provisioned || urlError !== undefined || !dirty}
        >
          Save settings
        </Button>
        <Button
          type="button"
          variant="secondary"
          data-testid={testIds.appConfig.test}
          disabled={testing || dirty}
          tooltip={dirty ? 'Save first: the test uses the saved settings, as Grafana does.' : undefined}
          onClick={onTest}
        >
          {testing ? 'Testing…' : 'Test connection'}
        </Button>
      </Stack>
      {results && (
        <div data-testid={testIds.appConfig.testResult} className={s.marginTop}>
          {results.map((r) => (
            <Alert key={r.name} title={r.name} severity={!r.ok ? 'error' : r.warning ? 'warning' : 'success'}>
              {r.message}
            </Alert>
          ))}
        </div>
      )}
    </form>
  );
};

export default AppConfig;

const getStyles = (theme: GrafanaTheme2) => ({
  marginTop: css({ marginTop: theme.spacing(3) }),
});
