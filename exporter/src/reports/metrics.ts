// The numbers a report template may name, where each comes from, and which dimensions it can be split by.
// Usage metrics come from the ledger's hourly rollups (so they agree with `scan` to the cent), tool and prompt
// metrics from the report activity store, session metrics from the ledger's per-session summaries.

/** Ways to group rows: over time (in the report's time zone) or by a label. */
export const TIME_DIMENSIONS = ['hour', 'day', 'week', 'month'] as const;
export const LABEL_DIMENSIONS = ['agent', 'project', 'model', 'tool', 'errorCategory'] as const;
export const DIMENSIONS = [...TIME_DIMENSIONS, ...LABEL_DIMENSIONS] as const;
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];
export type LabelDimension = (typeof LABEL_DIMENSIONS)[number];
export type Dimension = (typeof DIMENSIONS)[number];

/** Where a metric's numbers come from. */
export type MetricSource = 'usage' | 'tools' | 'activity' | 'sessions';

export interface ReportMetric {
  /** What the report shows as the metric's name. */
  label: string;
  unit: 'usd' | 'count' | 'tokens' | 'ratio' | 'seconds' | 'minutes';
  source: MetricSource;
  /** Label dimensions this metric can be split by (time dimensions always work). */
  by: readonly LabelDimension[];
  /** Whether a rise is good (true), bad (false) or neither (undefined): colours the change vs the previous period. */
  higherIsBetter?: boolean;
}

const USAGE_BY = ['agent', 'project', 'model'] as const;
const TOOL_BY = ['agent', 'project', 'tool'] as const;

/** Every metric a template can name. */
export const REPORT_METRICS = {
  costUsd: { label: 'Cost (USD)', unit: 'usd', source: 'usage', by: USAGE_BY, higherIsBetter: false },
  requests: { label: 'Model requests', unit: 'count', source: 'usage', by: USAGE_BY },
  inputTokens: { label: 'Input tokens (uncached)', unit: 'tokens', source: 'usage', by: USAGE_BY },
  outputTokens: { label: 'Output tokens', unit: 'tokens', source: 'usage', by: USAGE_BY },
  cacheReadTokens: { label: 'Cache read tokens', unit: 'tokens', source: 'usage', by: USAGE_BY },
  cacheWriteTokens: { label: 'Cache write tokens', unit: 'tokens', source: 'usage', by: USAGE_BY },
  totalTokens: { label: 'All tokens', unit: 'tokens', source: 'usage', by: USAGE_BY },
  cacheHitRatio: { label: 'Cache hit ratio', unit: 'ratio', source: 'usage', by: USAGE_BY, higherIsBetter: true },
  toolCalls: { label: 'Tool calls', unit: 'count', source: 'tools', by: TOOL_BY },
  toolErrors: { label: 'Tool errors', unit: 'count', source: 'tools', by: [...TOOL_BY, 'errorCategory'], higherIsBetter: false },
  toolErrorRate: { label: 'Tool error rate', unit: 'ratio', source: 'tools', by: TOOL_BY, higherIsBetter: false },
  repeatedToolCalls: { label: 'Repeated identical tool calls', unit: 'count', source: 'tools', by: TOOL_BY, higherIsBetter: false },
  toolSeconds: { label: 'Time in tools (s)', unit: 'seconds', source: 'tools', by: TOOL_BY },
  prompts: { label: 'Prompts', unit: 'count', source: 'activity', by: ['agent', 'project'] },
  apiErrors: { label: 'API errors', unit: 'count', source: 'activity', by: ['agent', 'project'], higherIsBetter: false },
  sessions: { label: 'Sessions started', unit: 'count', source: 'sessions', by: USAGE_BY },
  costPerSession: { label: 'Cost per session (USD)', unit: 'usd', source: 'sessions', by: USAGE_BY, higherIsBetter: false },
  sessionMinutes: { label: 'Average session length (min)', unit: 'minutes', source: 'sessions', by: USAGE_BY },
} as const satisfies Record<string, ReportMetric>;

export type MetricName = keyof typeof REPORT_METRICS;
export const METRIC_NAMES = Object.keys(REPORT_METRICS) as [MetricName, ...MetricName[]];

/** Returns the metric's definition. */
export const metricDef = (name: MetricName): ReportMetric => REPORT_METRICS[name];

/** Returns whether `metric` can be grouped by `by`. */
export function canGroup(metric: MetricName, by: Dimension): boolean {
  return (TIME_DIMENSIONS as readonly string[]).includes(by) || (metricDef(metric).by as readonly string[]).includes(by);
}

/** Returns true for the time dimensions. */
export const isTimeDimension = (d: Dimension): d is TimeDimension => (TIME_DIMENSIONS as readonly string[]).includes(d);

/** Insights a template can ask for. */
export const INSIGHT_IDS = ['cacheEfficiency', 'modelRightSizing', 'repeatedToolCalls', 'toolErrorHotspots', 'slowestTools', 'sessionVelocity'] as const;
export type InsightId = (typeof INSIGHT_IDS)[number];
