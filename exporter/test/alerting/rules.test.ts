// alert-rules/: promtool accepts the rules and their unit tests pass; every rule uses only catalogue metrics (and
// `up`); every alert has severity, summary, description and a runbook that exists, appears in docs/alerts.md, and is
// seen firing and then resolved in a promtool test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { METRICS } from '../../src/metrics/catalogue.js';
import { ensureTools, REPO, RULES_DIR } from './tools.js';

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const ruleFiles = readdirSync(RULES_DIR).filter((f) => f.endsWith('.rules.yml')).map((f) => join(RULES_DIR, f));
const testFiles = readdirSync(join(RULES_DIR, 'tests')).filter((f) => f.endsWith('.test.yml')).map((f) => join(RULES_DIR, 'tests', f));
const rules: Rule[] = ruleFiles.flatMap((f) => (parse(readFileSync(f, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules));
const alerts = rules.filter((r) => r.alert);
const alertNames = [...new Set(alerts.map((r) => r.alert!))];

before(() => ensureTools());

describe('promtool', () => {
  it('check rules: every rule file is valid', () => {
    const r = spawnSync('promtool', ['check', 'rules', ...ruleFiles], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
  it('test rules: every unit test passes', () => {
    const r = spawnSync('promtool', ['test', 'rules', ...testFiles], { encoding: 'utf8', cwd: join(RULES_DIR, 'tests') });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal((r.stdout.match(/SUCCESS/g) ?? []).length, testFiles.length);
  });
});

describe('rules read only what the exporter exports', () => {
  const exported = new Set<string>(['up']);
  for (const m of Object.values(METRICS)) {
    exported.add(m.name);
    if (m.type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) exported.add(m.name + s);
  }
  const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
  it('every metric named in an expression is in the catalogue, is `up`, or is recorded here', () => {
    for (const r of rules) {
      const names = r.expr.replace(/"[^"]*"/g, '""').match(/\b(agentmon[a-z0-9_:]*|up)\b(?=\s*[{[)\s]|$)/g) ?? [];
      for (const n of names) assert.ok(exported.has(n) || recorded.has(n), `${r.alert ?? r.record}: unknown metric ${n}`);
    }
  });
});

describe('every alert', () => {
  for (const a of alerts) {
    it(`${a.alert} (${a.labels?.severity}) has severity, summary, description and a runbook that exists`, () => {
      assert.ok(['critical', 'warning', 'info'].includes(a.labels?.severity ?? ''), 'severity');
      assert.ok((a.annotations?.summary ?? '').length > 10, 'summary');
      assert.match(a.annotations?.description ?? '', /\$value|\$labels/, 'description shows the value or labels');
      const url = a.annotations?.runbook_url ?? '';
      assert.equal(url, `https://github.com/agentmon/agentmon/blob/main/docs/runbooks/${a.alert}.md`);
      assert.ok(existsSync(join(REPO, 'docs', 'runbooks', `${a.alert}.md`)), `docs/runbooks/${a.alert}.md`);
    });
  }
  it('is a row of the table in docs/alerts.md', () => {
    const doc = readFileSync(join(REPO, 'docs', 'alerts.md'), 'utf8');
    for (const name of alertNames) assert.match(doc, new RegExp(`^\\| \\[\`${name}\`\\]`, 'm'), name);
  });
  it('is seen firing, and later silent, in one promtool test group', () => {
    const seen = new Map<string, { fired: boolean; resolvedAfter: boolean }>();
    for (const f of testFiles) {
      const doc = parse(readFileSync(f, 'utf8')) as { tests: { alert_rule_test?: { eval_time: string; alertname: string; exp_alerts: unknown[] }[] }[] };
      for (const group of doc.tests) {
        const cases = (group.alert_rule_test ?? []).map((c) => ({ ...c, at: seconds(c.eval_time) }));
        for (const c of cases) {
          const s = seen.get(c.alertname) ?? { fired: false, resolvedAfter: false };
          if (c.exp_alerts.length > 0) {
            s.fired = true;
            if (cases.some((d) => d.alertname === c.alertname && d.at > c.at && d.exp_alerts.length < c.exp_alerts.length)) s.resolvedAfter = true;
          }
          seen.set(c.alertname, s);
        }
      }
    }
    for (const name of alertNames) assert.deepEqual({ name, ...seen.get(name) }, { name, fired: true, resolvedAfter: true });
  });
});

/** Parses a Prometheus duration like 7d1h10m into seconds. */
function seconds(d: string): number {
  const unit: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };
  let total = 0;
  for (const [, n, u] of d.matchAll(/(\d+)([dhms])/g)) total += Number(n) * unit[u!]!;
  return total;
}
