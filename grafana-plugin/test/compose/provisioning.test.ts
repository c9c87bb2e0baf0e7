import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DEFAULT_ALERTMANAGER_UID, DEFAULT_PROMETHEUS_UID } from '../../src/constants.ts';
import { REPO } from '../paths.ts';
import { loadDashboards, type Json } from '../dashboards/panels.ts';

const yaml = (path: string) => parse(readFileSync(join(REPO, 'provisioning', 'grafana', path), 'utf8')) as Json;
const pluginId = (
  JSON.parse(readFileSync(join(REPO, 'grafana-plugin', 'src', 'plugin.json'), 'utf8')) as { id: string }
).id;

describe('Grafana provisioning for the compose stack', () => {
  const datasources = (yaml('datasources/agentmon.yaml').datasources as Json[]) ?? [];

  it('provisions Prometheus and Alertmanager with the uids the app and dashboards expect', () => {
    const byType = Object.fromEntries(datasources.map((d) => [d.type, d]));
    assert.equal(byType.prometheus?.uid, DEFAULT_PROMETHEUS_UID);
    assert.equal(byType.prometheus?.url, 'http://prometheus:9090');
    assert.equal(byType.alertmanager?.uid, DEFAULT_ALERTMANAGER_UID);
    assert.equal(byType.alertmanager?.url, 'http://alertmanager:9093');
    assert.equal((byType.alertmanager?.jsonData as Json).implementation, 'prometheus');
    for (const [file, d] of loadDashboards()) {
      const ds = ((d.templating as { list: Json[] }).list.find((v) => v.name === 'datasource')!.current as Json).value;
      assert.equal(ds, DEFAULT_PROMETHEUS_UID, file);
    }
  });

  it('enables the app with the exporter service address and the token from the environment, marked provisioned', () => {
    const apps = yaml('plugins/agentmon.yaml').apps as Json[];
    assert.equal(apps.length, 1);
    const app = apps[0]!;
    assert.equal(app.type, pluginId);
    assert.equal(app.disabled, false);
    assert.deepEqual(app.jsonData, {
      exporterUrl: 'http://exporter:9477',
      prometheusUid: DEFAULT_PROMETHEUS_UID,
      alertmanagerUid: DEFAULT_ALERTMANAGER_UID,
      // Grafana rewrites these at every start: the Configuration page shows them read-only when this is set.
      provisioned: true,
    });
    assert.deepEqual(app.secureJsonData, { exporterToken: '$AGENTMON_API_TOKEN' });
  });

  it('file-provisions only the custom folder: the shipped dashboards come with the app, once', () => {
    const providers = yaml('dashboards/custom.yaml').providers as Json[];
    assert.deepEqual(
      providers.map((p) => [p.name, p.folder, (p.options as Json).path]),
      [['custom', 'My dashboards', '/var/lib/grafana/dashboards/custom']]
    );
  });
});
