// PromQL behind the Overview page. Pure strings (no Grafana imports) so the dashboard tests run them against a
// real Prometheus too. `$agent` is the page's agent variable; `$__range` is the panel's time range.

const sel = 'agent=~"$agent"';

/**
 * Spend over a period and over the same period just before it ("vs previous"), and the requests of models without
 * a price in the period: their cost counts 0, so the spend beside them leaves them out.
 */
export const spend = (offset: string) => ({
  current: `sum(increase(agentmon_cost_usd_total{${sel}}[$__range])) or vector(0)`,
  previous: `sum(increase(agentmon_cost_usd_total{${sel}}[$__range] offset ${offset})) or vector(0)`,
  unpriced: `sum(increase(agentmon_unpriced_requests_total{${sel}}[$__range])) or vector(0)`,
});

/** Periods of the three spend tiles: time range, and how far back the previous period is. */
export const SPEND_PERIODS = [
  { title: 'Spend today', from: 'now/d', offset: '1d', previous: 'yesterday by this time' },
  { title: 'Spend, last 7 days', from: 'now-7d', offset: '7d', previous: 'previous 7 days' },
  { title: 'Spend, last 30 days', from: 'now-30d', offset: '30d', previous: 'previous 30 days' },
] as const;

/** Tokens per minute by type over time (a rate: per-step increases would need windows that tile exactly). */
export const tokensByType = `sum by (type) (rate(agentmon_tokens_total{${sel}}[$__rate_interval])) * 60`;

/** Cost by model over the page's range. */
export const costByModel = `sort_desc(sum by (model) (increase(agentmon_cost_usd_total{${sel}}[$__range])))`;

/** Cost by project over the page's range. */
export const costByProject = `sort_desc(sum by (project) (increase(agentmon_cost_usd_total{${sel}}[$__range])))`;

/** Sessions with activity in the exporter's active window, now. */
export const activeSessions = `sum(agentmon_sessions_active{${sel}}) or vector(0)`;

/** Share used of each plan usage window (0-1), per agent and window (5h, 7d, ...). */
export const planUsed = `max by (agent, window) (agentmon_plan_usage_ratio{${sel}})`;

/** Seconds until each plan window resets (absent once the reset has passed). */
export const planResetsIn = `max by (agent, window) (agentmon_plan_window_resets_timestamp_seconds{${sel}}) - time()`;

/** Share of each window used per hour at the last hour's pace (recording rule). */
export const planBurnRate = `max by (agent, window) (agentmon:plan_usage_ratio_per_hour:deriv1h{${sel}})`;

/** Share of each window used by its reset if the last hour's pace goes on (recording rule). */
export const planProjected = `max by (agent, window) (agentmon:plan_usage_ratio:projected_at_reset{${sel}})`;

/** Agents the page can filter on. */
export const agentValues = 'label_values(agentmon_requests_total, agent)';

/** Every query on the page, for tests. */
export const ALL_OVERVIEW_QUERIES: string[] = [
  ...SPEND_PERIODS.flatMap((p) => [spend(p.offset).current, spend(p.offset).previous, spend(p.offset).unpriced]),
  tokensByType,
  costByModel,
  costByProject,
  activeSessions,
  planUsed,
  planResetsIn,
  planBurnRate,
  planProjected,
];
