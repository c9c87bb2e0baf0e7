// Reads the shipped dashboards and their queries, and substitutes Grafana variables the way Grafana would
// before sending a query to Prometheus.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARDS } from '../paths.ts';

export type Json = Record<string, unknown>;

/** One query of one panel. */
export interface PanelQuery {
  dashboard: string;
  panel: string;
  panelType: string;
  refId: string;
  expr: string;
  instant: boolean;
  /** The panel's `interval` (e.g. "1d"), if set. */
  interval?: string;
}

/** Shipped dashboards by file name. */
export function loadDashboards(): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const f of readdirSync(DASHBOARDS)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    out.set(f, JSON.parse(readFileSync(join(DASHBOARDS, f), 'utf8')) as Json);
  }
  return out;
}

/** All panels of a dashboard, rows' nested panels included. */
export function panelsOf(d: Json): Json[] {
  const top = (d.panels as Json[] | undefined) ?? [];
  return top.flatMap((p) => [p, ...(((p.panels as Json[] | undefined) ?? []) as Json[])]);
}

/** Every Prometheus query in a dashboard. */
export function queriesOf(file: string, d: Json): PanelQuery[] {
  return panelsOf(d).flatMap((p) =>
    ((p.targets as Json[] | undefined) ?? []).map((t) => ({
      dashboard: file,
      panel: String(p.title),
      panelType: String(p.type),
      refId: String(t.refId),
      expr: String(t.expr),
      instant: t.instant === true,
      ...(typeof p.interval === 'string' ? { interval: p.interval } : {}),
    }))
  );
}

/** Grafana's built-in variables as the test sets them: Prometheus here holds well under a minute of data. */
export const BUILTINS: Record<string, string> = {
  __range: '60s',
  __rate_interval: '4s',
  __interval: '2s',
  __range_s: '60',
};

/** Replaces $name, ${name} and ${name:format} with values[name]; throws on a variable nobody set. */
export function substitute(expr: string, values: Record<string, string>): string {
  return expr.replace(
    /\$\{(\w+)(?::\w+)?\}|\$(\w+)/g,
    (whole, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const v = values[name];
      if (v === undefined) {
        throw new Error(`no value for variable ${whole} in ${expr}`);
      }
      return v;
    }
  );
}

/** Metric and recording-rule names an expression reads (identifiers followed by a selector or range). */
export function metricNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const names = new Set<string>();
  const FUNCS = new Set([
    'sum',
    'by',
    'without',
    'rate',
    'increase',
    'topk',
    'or',
    'and',
    'unless',
    'on',
    'ignoring',
    'group_left',
    'group_right',
    'vector',
    'histogram_quantile',
    'max',
    'min',
    'avg',
    'count',
    'count_values',
    'time',
    'hour',
    'day_of_week',
    'sum_over_time',
    'sort_desc',
    'offset',
    'bool',
  ]);
  for (const m of withoutStrings.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{|\[)/g)) {
    const name = m[1]!;
    if (!FUNCS.has(name)) {
      names.add(name);
    }
  }
  return [...names];
}
