import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDashboards } from './panels.ts';
import { dashboardJsonSchema, schemaErrors } from './schema.ts';

describe('dashboards against the JSON Schema of @grafana/schema Dashboard', () => {
  const dashboards = loadDashboards();

  it('has the six shipped dashboards', () => {
    assert.deepEqual(
      [...dashboards.keys()],
      [
        'agentmon-cost-tokens.json',
        'agentmon-exporter-health.json',
        'agentmon-overview.json',
        'agentmon-sessions-activity.json',
        'agentmon-team.json',
        'agentmon-tools-errors.json',
      ]
    );
  });

  for (const [file, d] of dashboards) {
    it(`${file} is valid`, () => {
      assert.deepEqual(schemaErrors(d), []);
    });
  }

  it('is strict: it rejects an unknown field, a panel without type and a wrongly typed schemaVersion', () => {
    const d = structuredClone(dashboards.get('agentmon-overview.json')!) as {
      panels: Array<Record<string, unknown>>;
      schemaVersion: unknown;
      colour?: string;
    };
    d.colour = 'blue';
    delete d.panels[0]!.type;
    d.schemaVersion = '42';
    const errors = schemaErrors(d);
    assert.ok(
      errors.some((e) => e.includes('(colour)')),
      errors.join('\n')
    );
    assert.ok(
      errors.some((e) => e.startsWith('/panels/0') && e.includes("'type'")),
      errors.join('\n')
    );
    assert.ok(
      errors.some((e) => e.startsWith('/schemaVersion')),
      errors.join('\n')
    );
  });

  it('comes from the Dashboard type (panels, templating and links are described)', () => {
    const schema = dashboardJsonSchema() as { definitions: Record<string, { properties?: Record<string, unknown> }> };
    const dash = schema.definitions.Dashboard!;
    for (const key of ['panels', 'templating', 'links', 'schemaVersion', 'uid']) {
      assert.ok(dash.properties?.[key], `Dashboard.${key} missing from the derived schema`);
    }
  });
});
