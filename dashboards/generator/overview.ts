// "agentmon / Overview": the one-screen answer to "what are my agents costing and doing?", and how close the plan's
// usage windows are to their limit.
import { bars, dashboard, m, stat, timeseries, type Json } from './grafana.ts';
import { planLimitsRow } from './plan-limits.ts';

const cost = m('agentmon_cost_usd_total');
const tokens = m('agentmon_tokens_total');

/** The Overview dashboard. */
export function overview(): Json {
  return dashboard({
    uid: 'agentmon-overview',
    title: 'agentmon / Overview',
    description: 'Spend, tokens, requests, sessions and errors of AI coding agents, from their own logs.',
    panels: [
      stat(
        {
          title: 'Spend',
          description: 'Estimated cost over the time range, from the price table. Requests of models without a price count 0: see Unpriced requests.',
          unit: 'currencyUSD',
          decimals: 2,
        },
        { expr: `sum(increase(${cost}[$__range])) or vector(0)` }
      ),
      stat(
        {
          title: 'Unpriced requests',
          description:
            'Requests of models missing from the price table, counted with cost 0: Spend leaves them out. Add their prices under prices: in the config.',
          unit: 'short',
          w: 3,
          thresholds: [
            [null, 'green'],
            [1, 'orange'],
          ],
        },
        { expr: `sum(increase(${m('agentmon_unpriced_requests_total')}[$__range])) or vector(0)` }
      ),
      stat(
        {
          title: 'Tokens',
          description: 'All tokens over the time range: input, output (incl. reasoning), cache reads and writes.',
          unit: 'short',
        },
        { expr: `sum(increase(${tokens}[$__range])) or vector(0)` }
      ),
      stat(
        {
          title: 'Model requests',
          description: 'Model responses, each counted once however many log lines repeat it.',
          unit: 'short',
        },
        { expr: `sum(increase(${m('agentmon_requests_total')}[$__range])) or vector(0)` }
      ),
      stat(
        { title: 'Sessions started', description: 'Sessions first seen in the time range.', unit: 'short', w: 3 },
        { expr: `sum(increase(${m('agentmon_sessions_total')}[$__range])) or vector(0)` }
      ),
      stat(
        {
          title: 'Active sessions',
          description: 'Sessions with activity in the last 5 minutes (now).',
          unit: 'short',
          w: 3,
          links: [{ title: 'Sessions', url: '/a/agentmon-agents-app/sessions' }],
        },
        { expr: `sum(${m('agentmon_sessions_active')}) or vector(0)` }
      ),
      stat(
        {
          title: 'Stuck / looping now',
          description: 'Sessions the exporter flags as stuck or looping; open the app to see which.',
          unit: 'short',
          w: 3,
          thresholds: [
            [null, 'green'],
            [1, 'orange'],
          ],
          links: [{ title: 'Sessions', url: '/a/agentmon-agents-app/sessions' }],
        },
        { expr: `sum(${m('agentmon_sessions_stuck')}) or vector(0)`, legend: 'stuck' },
        { expr: `sum(${m('agentmon_sessions_looping')}) or vector(0)`, legend: 'looping' }
      ),
      timeseries(
        {
          title: 'Cost per hour by agent',
          description: 'Spend rate in US dollars per hour.',
          unit: 'currencyUSD',
          stacked: true,
        },
        { expr: `sum by (agent) (rate(${cost}[$__rate_interval])) * 3600`, legend: '{{agent}}' }
      ),
      timeseries(
        {
          title: 'Tokens per minute by type',
          description: 'input = uncached input; output includes reasoning; cache_read and cache writes apart.',
          unit: 'short',
          stacked: true,
        },
        { expr: `sum by (type) (rate(${tokens}[$__rate_interval])) * 60`, legend: '{{type}}' }
      ),
      bars(
        {
          title: 'Cost by project',
          description: 'Top projects by spend over the time range.',
          unit: 'currencyUSD',
          decimals: 2,
        },
        { expr: `topk(10, sum by (project) (increase(${cost}[$__range])))`, legend: '{{project}}' }
      ),
      bars(
        {
          title: 'Cost by model',
          description: 'Top models by spend over the time range. A model without a price shows no spend here: see Unpriced requests.',
          unit: 'currencyUSD',
          decimals: 2,
        },
        { expr: `topk(10, sum by (model) (increase(${cost}[$__range])))`, legend: '{{model}}' }
      ),
      bars(
        {
          title: 'Errors',
          description: 'Failed tool calls and failed model API attempts over the time range.',
          unit: 'short',
          thresholds: [
            [null, 'green'],
            [1, 'orange'],
          ],
        },
        { expr: `sum(increase(${m('agentmon_tool_errors_total')}[$__range])) or vector(0)`, legend: 'tool errors' },
        { expr: `sum(increase(${m('agentmon_api_errors_total')}[$__range])) or vector(0)`, legend: 'API errors' }
      ),
      ...planLimitsRow(),
    ],
  });
}
