// Small builders for Grafana dashboard JSON (schemaVersion 42). They write only fields @grafana/schema's
// Dashboard type knows, so the generated files pass its JSON Schema with additional properties forbidden.
import { createHash } from 'node:crypto';
import { METRICS } from '../../exporter/src/metrics/catalogue.ts';

/** The app's id: dashboards link to its pages. */
export const APP_URL = '/a/agentmon-agents-app';

/** Every dashboard carries this tag: the "agentmon dashboards" dropdown lists them by it. */
export const TAG = 'agentmon';

export type Json = Record<string, unknown>;

/** A panel before layout: width in grid columns (of 24) and height in rows. */
export interface PanelSpec {
  panel: Json;
  w: number;
  h: number;
}

const DS = { type: 'prometheus', uid: '${datasource}' };

/** Labels each metric carries (catalogue), plus what Prometheus and the exporter's static labels add. */
const labelsOf = (metric: string): readonly string[] => {
  const def = Object.values(METRICS).find((m) => m.name === metric || `${m.name}_bucket` === metric);
  if (!def) {
    throw new Error(`${metric} is not in the exporter's metric catalogue`);
  }
  return def.labels;
};

/** Dashboard filters: the variable each label is filtered by. */
const FILTERS: Record<string, string> = { agent: 'agent', project: 'project', model: 'model' };

/** A catalogue metric with the dashboard's filters for the labels it has, e.g. m('agentmon_cost_usd_total'). */
export function m(metric: string, extra = ''): string {
  const parts = labelsOf(metric)
    .filter((l) => FILTERS[l])
    .map((l) => `${l}=~"$${FILTERS[l]}"`);
  parts.push('instance=~"$instance"', 'user=~"$user"');
  if (extra) {
    parts.push(extra);
  }
  return `${metric}{${parts.join(', ')}}`;
}

/** A recording rule (alert-rules/agentmon-recording.rules.yml) with filters for the labels it keeps. */
export function r(rule: string, labels: string[], extra = ''): string {
  const parts = labels.filter((l) => FILTERS[l]).map((l) => `${l}=~"$${FILTERS[l]}"`);
  parts.push('instance=~"$instance"', 'user=~"$user"');
  if (extra) {
    parts.push(extra);
  }
  return `${rule}{${parts.join(', ')}}`;
}

/** One query of a panel. */
export interface Query {
  expr: string;
  legend?: string;
  instant?: boolean;
  table?: boolean;
}

const targets = (queries: Query[]) =>
  queries.map((q, i) => ({
    datasource: DS,
    refId: String.fromCharCode(65 + i),
    expr: q.expr,
    legendFormat: q.legend ?? '__auto',
    range: !q.instant,
    instant: Boolean(q.instant),
    ...(q.table ? { format: 'table' } : {}),
    editorMode: 'code',
  }));

interface Common {
  title: string;
  description: string;
  unit: string;
  w?: number;
  h?: number;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: Array<[number | null, string]>;
  links?: Array<{ title: string; url: string }>;
  interval?: string;
}

const fieldConfig = (c: Common, custom: Json = {}, overrides: Json[] = []) => ({
  defaults: {
    unit: c.unit,
    ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
    ...(c.min !== undefined ? { min: c.min } : {}),
    ...(c.max !== undefined ? { max: c.max } : {}),
    color: { mode: c.thresholds ? 'thresholds' : 'palette-classic' },
    thresholds: {
      mode: 'absolute',
      steps: (c.thresholds ?? [[null, 'green']]).map(([value, color]) => ({ value, color })),
    },
    ...(c.links ? { links: c.links } : {}),
    custom,
  },
  overrides,
});

const base = (type: string, c: Common, queries: Query[]) => ({
  type,
  title: c.title,
  description: c.description,
  datasource: DS,
  targets: targets(queries),
  ...(c.interval ? { interval: c.interval } : {}),
});

/** A single number (or a few side by side), e.g. spend over the range. */
export function stat(c: Common, ...queries: Query[]): PanelSpec {
  return {
    w: c.w ?? 4,
    h: c.h ?? 4,
    panel: {
      ...base(
        'stat',
        c,
        queries.map((q) => ({ instant: true, ...q }))
      ),
      fieldConfig: fieldConfig({ thresholds: [[null, 'blue']], ...c }),
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'value',
        graphMode: 'none',
        textMode: 'auto',
        justifyMode: 'auto',
        orientation: 'auto',
        wideLayout: true,
        showPercentChange: false,
      },
    },
  };
}

/** A time series graph; `stacked` bars for amounts per interval, lines for rates and ratios. */
export function timeseries(c: Common & { stacked?: boolean; bars?: boolean }, ...queries: Query[]): PanelSpec {
  return {
    w: c.w ?? 12,
    h: c.h ?? 8,
    panel: {
      ...base('timeseries', c, queries),
      fieldConfig: fieldConfig(c, {
        drawStyle: c.bars ? 'bars' : 'line',
        lineWidth: 1,
        fillOpacity: c.bars || c.stacked ? 70 : 10,
        showPoints: 'never',
        spanNulls: false,
        stacking: { mode: c.stacked ? 'normal' : 'none', group: 'A' },
        axisSoftMin: 0,
      }),
      options: {
        legend: { displayMode: 'table', placement: 'right', showLegend: true, calcs: ['sum'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },
  };
}

/** Horizontal bars ranking label values, e.g. cost by model over the range. */
export function bars(c: Common, ...queries: Query[]): PanelSpec {
  return {
    w: c.w ?? 8,
    h: c.h ?? 8,
    panel: {
      ...base(
        'bargauge',
        c,
        queries.map((q) => ({ instant: true, ...q }))
      ),
      fieldConfig: fieldConfig({ thresholds: [[null, 'blue']], ...c }),
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        orientation: 'horizontal',
        displayMode: 'gradient',
        showUnfilled: true,
        valueMode: 'color',
        namePlacement: 'auto',
        sizing: 'auto',
        minVizHeight: 16,
        minVizWidth: 8,
        maxVizHeight: 300,
      },
    },
  };
}

/** A gauge from 0 to max, e.g. share of the budget spent. */
export function gauge(c: Common, ...queries: Query[]): PanelSpec {
  return {
    w: c.w ?? 6,
    h: c.h ?? 6,
    panel: {
      ...base(
        'gauge',
        c,
        queries.map((q) => ({ instant: true, ...q }))
      ),
      fieldConfig: fieldConfig(c),
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        orientation: 'auto',
        showThresholdLabels: false,
        showThresholdMarkers: true,
        minVizHeight: 75,
        minVizWidth: 75,
        sizing: 'auto',
      },
    },
  };
}

/** A table of instant queries merged on their labels; `columns` renames "Value #A"... and orders them (unless keepOrder). */
export function table(
  c: Common & {
    columns: Record<string, string>;
    keepOrder?: boolean;
    exclude?: string[];
    sortBy?: string;
    transformations?: Json[];
    custom?: Json;
    overrides?: Json[];
  },
  ...queries: Query[]
): PanelSpec {
  const indexByName = Object.fromEntries(Object.values(c.columns).map((name, i) => [name, i]));
  return {
    w: c.w ?? 12,
    h: c.h ?? 8,
    panel: {
      ...base(
        'table',
        c,
        queries.map((q) => ({ instant: true, table: true, ...q }))
      ),
      fieldConfig: fieldConfig(
        c,
        { align: 'auto', cellOptions: { type: 'auto' }, inspect: false, ...(c.custom ?? {}) },
        c.overrides ?? []
      ),
      options: {
        showHeader: true,
        cellHeight: 'sm',
        footer: { show: false, reducer: ['sum'], fields: '' },
        ...(c.sortBy ? { sortBy: [{ displayName: c.sortBy, desc: true }] } : {}),
      },
      transformations: c.transformations ?? [
        { id: 'merge', options: {} },
        {
          id: 'organize',
          options: {
            excludeByName: Object.fromEntries(['Time', ...(c.exclude ?? [])].map((f) => [f, true])),
            renameByName: c.columns,
            indexByName: c.keepOrder ? {} : indexByName,
          },
        },
      ],
    },
  };
}

/** Markdown text, e.g. how to get data into an empty dashboard. */
export function text(title: string, content: string, w = 24, h = 3): PanelSpec {
  return {
    w,
    h,
    panel: {
      type: 'text',
      title,
      options: {
        mode: 'markdown',
        content,
        code: { language: 'plaintext', showLineNumbers: false, showMiniMap: false },
      },
    },
  };
}

/** A collapsible row header. */
export function row(title: string): PanelSpec {
  return { w: 24, h: 1, panel: { type: 'row', title, collapsed: false, panels: [] } };
}

/** Lays panels out left to right, wrapping at 24 columns, and numbers them. */
export function layout(specs: PanelSpec[]): Json[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return specs.map((s, i) => {
    if (x + s.w > 24 || s.panel.type === 'row') {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { ...s.panel, id: i + 1, gridPos: { x, y, w: s.w, h: s.h } };
    x += s.w;
    rowHeight = Math.max(rowHeight, s.h);
    if (s.panel.type === 'row') {
      x = 24;
    }
    return placed;
  });
}

/** A multi-value query variable with "All", filled from a label_values() query. */
export const queryVar = (name: string, label: string, query: string, extra: Json = {}) => ({
  type: 'query',
  name,
  label,
  datasource: DS,
  query: { query, refId: `agentmon-${name}` },
  refresh: 2,
  includeAll: true,
  multi: true,
  allValue: '.*',
  current: { selected: true, text: ['All'], value: ['$__all'] },
  options: [],
  sort: 1,
  regex: '',
  hide: 0,
  ...extra,
});

/** The variables every agentmon dashboard has: datasource, instance, user, agent, project, model. */
export function standardVariables(): Json[] {
  return [
    {
      type: 'datasource',
      name: 'datasource',
      label: 'Datasource',
      query: 'prometheus',
      current: { selected: true, text: 'Prometheus', value: 'agentmon-prometheus' },
      options: [],
      refresh: 1,
      regex: '',
      hide: 0,
    },
    queryVar('instance', 'Instance', 'label_values(agentmon_build_info, instance)'),
    queryVar('user', 'User', 'label_values(agentmon_build_info, user)', {
      description: "From labels.static in each exporter's config; empty when no install sets a user label.",
    }),
    queryVar('agent', 'Agent', 'label_values(agentmon_last_event_timestamp_seconds{instance=~"$instance"}, agent)'),
    queryVar(
      'project',
      'Project',
      'label_values(agentmon_requests_total{instance=~"$instance", agent=~"$agent"}, project)'
    ),
    queryVar(
      'model',
      'Model',
      'label_values(agentmon_requests_total{instance=~"$instance", agent=~"$agent", project=~"$project"}, model)'
    ),
  ];
}

const link = (title: string, url: string, tooltip: string) => ({
  title,
  type: 'link',
  url,
  icon: 'external link',
  tooltip,
  asDropdown: false,
  includeVars: false,
  keepTime: true,
  tags: [],
  targetBlank: false,
});

/** Links shown on every dashboard: the other agentmon dashboards, and the app's pages. */
export function standardLinks(): Json[] {
  return [
    {
      title: 'agentmon dashboards',
      type: 'dashboards',
      tags: [TAG],
      asDropdown: true,
      includeVars: true,
      keepTime: true,
      icon: 'external link',
      tooltip: '',
      targetBlank: false,
    },
    link('Sessions', `${APP_URL}/sessions`, 'Every session with its timeline (agentmon app)'),
    link('Live', `${APP_URL}/live`, 'Events as they happen (agentmon app)'),
    link('Alerts', `${APP_URL}/alerts`, 'Firing and silenced alerts (agentmon app)'),
  ];
}

/**
 * The revision Grafana compares with the imported copy's when the app's version changes: a different number re-imports
 * the dashboard (grafana/grafana pkg/services/plugindashboards/service/dashboard_updater.go, `ImportedRevision !=
 * Revision`). Derived from the content, so every edit and only an edit changes it: 48 bits of SHA-256 of the JSON
 * without its revision, an integer JSON and Grafana's int64 both hold exactly.
 */
export function contentRevision(d: Json): number {
  const { revision: _ignored, ...content } = d;
  return parseInt(createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12), 16);
}

/** A whole dashboard, its revision derived from its content (contentRevision). */
export function dashboard(d: {
  uid: string;
  title: string;
  description: string;
  panels: PanelSpec[];
  variables?: Json[];
  time?: string;
}): Json {
  const json: Json = {
    uid: d.uid,
    title: d.title,
    description: d.description,
    tags: [TAG],
    editable: true,
    graphTooltip: 1,
    schemaVersion: 42,
    revision: 0,
    version: 1,
    refresh: '1m',
    time: { from: d.time ?? 'now-24h', to: 'now' },
    timepicker: { refresh_intervals: ['30s', '1m', '5m', '15m', '1h'] },
    timezone: 'browser',
    fiscalYearStartMonth: 0,
    weekStart: '',
    liveNow: false,
    links: standardLinks(),
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    templating: { list: [...standardVariables(), ...(d.variables ?? [])] },
    panels: layout(d.panels),
  };
  json.revision = contentRevision(json);
  return json;
}

/** Link from a table cell to the app's Sessions page. */
export const sessionsLink = { title: 'Sessions in the agentmon app', url: `${APP_URL}/sessions` };
