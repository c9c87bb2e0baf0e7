import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { METRICS } from '../../../exporter/src/metrics/catalogue.ts';
import { stale } from '../../../dashboards/generator/build.ts';
import { contentRevision } from '../../../dashboards/generator/grafana.ts';
import { ALERT_RULES, REPO } from '../paths.ts';
import { loadDashboards, metricNames, panelsOf, queriesOf, type Json } from './panels.ts';

/** Series that are not the exporter's catalogue but are fine to chart: Prometheus' own per-target series and
 * prom-client's process metrics, which the exporter serves beside the catalogue. */
const OUTSIDE_CATALOGUE = new Set([
  'up',
  'scrape_duration_seconds',
  'process_resident_memory_bytes',
  'process_cpu_seconds_total',
]);

const catalogue = new Set(
  Object.values(METRICS).flatMap((m) =>
    m.type === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name]
  )
);

const recordingRules = new Set(
  readdirSync(ALERT_RULES)
    .filter((f) => /\.ya?ml$/.test(f))
    .flatMap(
      (f) =>
        (
          parse(readFileSync(join(ALERT_RULES, f), 'utf8')) as {
            groups?: Array<{ rules?: Array<{ record?: string }> }>;
          }
        ).groups ?? []
    )
    .flatMap((g) => g.rules ?? [])
    .flatMap((r) => (r.record ? [r.record] : []))
);

const dashboards = loadDashboards();
const plugin = JSON.parse(readFileSync(join(REPO, 'grafana-plugin', 'src', 'plugin.json'), 'utf8')) as {
  includes: Array<{ type: string; path: string; name: string }>;
};

describe('dashboard conventions', () => {
  it('the JSON files are what dashboards/generator produces', () => {
    assert.deepEqual(stale(), []);
  });

  it("each dashboard's revision follows its content, so Grafana re-imports an edited one and only that one", () => {
    const revisions = new Map<number, string>();
    for (const [file, d] of loadDashboards()) {
      assert.equal(d.revision, contentRevision(d), `${file}: revision does not match the content`);
      assert.ok(Number.isSafeInteger(d.revision) && (d.revision as number) > 0, file);
      assert.ok(
        !revisions.has(d.revision as number),
        `${file} has the revision of ${revisions.get(d.revision as number)}`
      );
      revisions.set(d.revision as number, file);
      const edited = { ...d, title: `${d.title as string} (edited)` };
      assert.notEqual(contentRevision(edited), d.revision, `${file}: an edit must change the revision`);
    }
  });

  it('each dashboard has a unique uid equal to its file name, and the app bundles exactly these files', () => {
    const uids = [...dashboards].map(([file, d]) => [file, d.uid]);
    assert.deepEqual(
      uids.map(([f, u]) => `${u as string}.json`),
      uids.map(([f]) => f)
    );
    const bundled = plugin.includes
      .filter((i) => i.type === 'dashboard')
      .map((i) => i.path.replace('dashboards/', ''))
      .sort();
    assert.deepEqual(bundled, [...dashboards.keys()].sort());
    for (const i of plugin.includes.filter((x) => x.type === 'dashboard')) {
      assert.equal(
        i.name,
        dashboards.get(i.path.replace('dashboards/', ''))!.title,
        `plugin.json names ${i.path} differently`
      );
    }
  });

  for (const [file, d] of dashboards) {
    describe(file, () => {
      const panels = panelsOf(d).filter((p) => p.type !== 'row' && p.type !== 'text');
      const vars = ((d.templating as { list: Json[] }).list ?? []).map((v) => v.name);

      it('has the datasource, instance, user, agent, project and model variables', () => {
        assert.deepEqual(vars.slice(0, 6), ['datasource', 'instance', 'user', 'agent', 'project', 'model']);
      });

      it('queries the chosen datasource in every panel and target', () => {
        for (const p of panels) {
          assert.deepEqual(p.datasource, { type: 'prometheus', uid: '${datasource}' }, String(p.title));
          for (const t of p.targets as Json[]) {
            assert.deepEqual(t.datasource, { type: 'prometheus', uid: '${datasource}' }, String(p.title));
          }
        }
      });

      it('sets a unit and a description on every panel', () => {
        for (const p of panels) {
          const unit = ((p.fieldConfig as { defaults: { unit?: string } }).defaults ?? {}).unit;
          assert.ok(unit, `${String(p.title)} has no unit`);
          assert.ok(String(p.description ?? '').length > 10, `${String(p.title)} has no description`);
        }
      });

      it('shows money in dollars', () => {
        for (const q of queriesOf(file, d).filter(
          (x) => /agentmon_(cost|spend|budget)_usd|cost_usd_per_hour/.test(x.expr) && !/\//.test(x.expr)
        )) {
          const p = panels.find((x) => x.title === q.panel)!;
          const units = [
            (p.fieldConfig as { defaults: { unit: string } }).defaults.unit,
            ...(JSON.stringify((p.fieldConfig as Json).overrides).match(/currencyUSD/g) ?? []),
          ];
          assert.ok(units.includes('currencyUSD'), `${q.panel} shows dollars without the currencyUSD unit`);
        }
      });

      it("reads only catalogue metrics, recording rules and the exporter's process/scrape series", () => {
        for (const q of queriesOf(file, d)) {
          const names = metricNames(q.expr);
          assert.ok(names.length > 0, `${q.panel}/${q.refId}: no metric found in ${q.expr}`);
          for (const n of names) {
            assert.ok(
              catalogue.has(n) || recordingRules.has(n) || OUTSIDE_CATALOGUE.has(n),
              `${q.panel}/${q.refId}: ${n} is neither in the catalogue nor a recording rule`
            );
          }
        }
      });

      it("links to the app's Sessions, Live and Alerts pages and to the other agentmon dashboards", () => {
        const links = d.links as Json[];
        assert.deepEqual(
          links.filter((l) => l.type === 'link').map((l) => l.url),
          ['/a/agentmon-agents-app/sessions', '/a/agentmon-agents-app/live', '/a/agentmon-agents-app/alerts']
        );
        assert.ok(links.some((l) => l.type === 'dashboards' && (l.tags as string[]).includes('agentmon')));
        assert.ok((d.tags as string[]).includes('agentmon'));
      });

      it('lays panels out inside the 24-column grid without overlaps', () => {
        const cells = new Set<string>();
        for (const p of panelsOf(d)) {
          const g = p.gridPos as { x: number; y: number; w: number; h: number };
          assert.ok(g.x >= 0 && g.x + g.w <= 24, `${String(p.title)} leaves the grid`);
          for (let x = g.x; x < g.x + g.w; x++) {
            for (let y = g.y; y < g.y + g.h; y++) {
              assert.ok(!cells.has(`${x},${y}`), `${String(p.title)} overlaps another panel at ${x},${y}`);
              cells.add(`${x},${y}`);
            }
          }
        }
      });
    });
  }

  it('every dashboard that shows a cost also shows the unpriced requests that cost leaves out', () => {
    for (const [file, d] of dashboards) {
      const names = new Set(queriesOf(file, d).flatMap((q) => metricNames(q.expr)));
      const costs = [...names].some((n) => n === 'agentmon_cost_usd_total' || n.includes('cost_usd'));
      if (costs) {
        assert.ok(names.has('agentmon_unpriced_requests_total'), `${file} shows spend but not agentmon_unpriced_requests_total`);
      }
    }
  });

  it('uses some recording rules from alert-rules/ (shared with the alerts)', () => {
    const used = [...dashboards]
      .flatMap(([f, d]) => queriesOf(f, d))
      .flatMap((q) => metricNames(q.expr))
      .filter((n) => recordingRules.has(n));
    assert.ok(new Set(used).size >= 4, `only ${[...new Set(used)].join(', ')}`);
  });
});
