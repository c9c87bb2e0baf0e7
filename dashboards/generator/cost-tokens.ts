// "agentmon / Cost & tokens": where the money goes, by model, project and token type; budgets; cache savings.
import { bars, dashboard, gauge, m, r, stat, table, timeseries, type Json } from './grafana.ts';

const cost = m('agentmon_cost_usd_total');
const tokens = m('agentmon_tokens_total');
const inputKinds = 'type=~"input|cache_read|cache_write_5m|cache_write_1h"';

/** The Cost & tokens dashboard. */
/** Spend against the configured total budget for a UTC day or month, as a share (empty when no budget is set). */
function budgetGauge(period: 'day' | 'month', when: string, configKey: string) {
  const sel = `scope="total", period="${period}", instance=~"$instance", user=~"$user"`;
  return gauge(
    {
      title: `Budget used ${when} (UTC)`,
      description: `Spend so far ${when} against ${configKey} in the exporter config. Empty when no budget is set.`,
      unit: 'percentunit',
      min: 0,
      max: 1.2,
      thresholds: [
        [null, 'green'],
        [0.8, 'orange'],
        [1, 'red'],
      ],
      w: 8,
    },
    { expr: `max(agentmon_spend_usd{${sel}} / agentmon_budget_usd{${sel}})`, legend: period }
  );
}

export function costTokens(): Json {
  return dashboard({
    uid: 'agentmon-cost-tokens',
    title: 'agentmon / Cost & tokens',
    description: 'Estimated spend by model and project, tokens by type, cache efficiency and budgets.',
    time: 'now-7d',
    panels: [
      stat(
        { title: 'Spend', description: 'Estimated cost over the time range.', unit: 'currencyUSD', decimals: 2 },
        { expr: `sum(increase(${cost}[$__range])) or vector(0)` }
      ),
      stat(
        {
          title: 'Spend today / this month (UTC)',
          description: 'From the logs (not from scrape history): what budgets are checked against.',
          unit: 'currencyUSD',
          decimals: 2,
          w: 6,
        },
        {
          expr: 'sum(agentmon_spend_usd{scope="total", period="day", instance=~"$instance", user=~"$user"}) or vector(0)',
          legend: 'today',
        },
        {
          expr: 'sum(agentmon_spend_usd{scope="total", period="month", instance=~"$instance", user=~"$user"}) or vector(0)',
          legend: 'this month',
        }
      ),
      stat(
        {
          title: 'Cost per request',
          description: 'Average estimated cost of one model response over the time range.',
          unit: 'currencyUSD',
          decimals: 4,
        },
        { expr: `sum(increase(${cost}[$__range])) / sum(increase(${m('agentmon_requests_total')}[$__range]))` }
      ),
      stat(
        {
          title: 'Cache read share',
          description:
            'Share of prompt tokens served from the prompt cache over the time range (cache reads are the cheapest input).',
          unit: 'percentunit',
          decimals: 1,
          min: 0,
          max: 1,
        },
        {
          expr: `sum(increase(${m('agentmon_tokens_total', 'type="cache_read"')}[$__range])) / sum(increase(${m('agentmon_tokens_total', inputKinds)}[$__range]))`,
        }
      ),
      stat(
        {
          title: 'Unpriced requests',
          description:
            'Responses from models missing in the price table: counted with cost 0. Add them under prices: in the config.',
          unit: 'short',
          thresholds: [
            [null, 'green'],
            [1, 'orange'],
          ],
          w: 6,
        },
        {
          expr: 'sum(increase(agentmon_unpriced_requests_total{agent=~"$agent", model=~"$model", instance=~"$instance", user=~"$user"}[$__range])) or vector(0)',
        }
      ),
      timeseries(
        {
          title: 'Spend per day (UTC)',
          description: 'Estimated cost per UTC day.',
          unit: 'currencyUSD',
          bars: true,
          stacked: true,
          interval: '1d',
        },
        { expr: `sum by (agent) (increase(${cost}[1d]))`, legend: '{{agent}}' }
      ),
      timeseries(
        { title: 'Cost per hour by model', description: 'Spend rate by model.', unit: 'currencyUSD', stacked: true },
        { expr: `sum by (model) (rate(${cost}[$__rate_interval])) * 3600`, legend: '{{model}}' }
      ),
      timeseries(
        {
          title: 'Cost per hour by project (1 h average)',
          description: 'Hourly spend by project, from the recording rule agentmon:cost_usd_per_hour:rate1h.',
          unit: 'currencyUSD',
          stacked: true,
        },
        {
          expr: `sum by (project) (${r('agentmon:cost_usd_per_hour:rate1h', ['agent', 'project'])})`,
          legend: '{{project}}',
        }
      ),
      timeseries(
        {
          title: 'Tokens per minute by type',
          description: 'input = uncached input; output includes reasoning.',
          unit: 'short',
          stacked: true,
        },
        { expr: `sum by (type) (rate(${tokens}[$__rate_interval])) * 60`, legend: '{{type}}' }
      ),
      timeseries(
        {
          title: 'Cache read share by agent and project (1 h)',
          description:
            'cache_read / (input + cache_read + cache writes) over the last hour, from the recording rule agentmon:cache_read_ratio:rate1h. Low values mean prompts are re-sent uncached.',
          unit: 'percentunit',
          min: 0,
          max: 1,
        },
        { expr: `${r('agentmon:cache_read_ratio:rate1h', ['agent', 'project'])}`, legend: '{{agent}} {{project}}' }
      ),
      table(
        {
          title: 'By model',
          description: 'Spend and tokens per model over the time range.',
          unit: 'short',
          w: 24,
          columns: {
            model: 'Model',
            'Value #A': 'Cost',
            'Value #B': 'Requests',
            'Value #C': 'Input',
            'Value #D': 'Output',
            'Value #E': 'Cache read',
            'Value #F': 'Cache write',
          },
          sortBy: 'Cost',
          overrides: [
            {
              matcher: { id: 'byName', options: 'Cost' },
              properties: [
                { id: 'unit', value: 'currencyUSD' },
                { id: 'decimals', value: 2 },
              ],
            },
          ],
        },
        { expr: `sum by (model) (increase(${cost}[$__range]))` },
        { expr: `sum by (model) (increase(${m('agentmon_requests_total')}[$__range]))` },
        { expr: `sum by (model) (increase(${m('agentmon_tokens_total', 'type="input"')}[$__range]))` },
        { expr: `sum by (model) (increase(${m('agentmon_tokens_total', 'type="output"')}[$__range]))` },
        { expr: `sum by (model) (increase(${m('agentmon_tokens_total', 'type="cache_read"')}[$__range]))` },
        {
          expr: `sum by (model) (increase(${m('agentmon_tokens_total', 'type=~"cache_write_5m|cache_write_1h"')}[$__range]))`,
        }
      ),
      bars(
        {
          title: 'Cost by project',
          description: 'Top projects by spend over the time range.',
          unit: 'currencyUSD',
          decimals: 2,
        },
        { expr: `topk(15, sum by (project) (increase(${cost}[$__range])))`, legend: '{{project}}' }
      ),
      budgetGauge('day', 'today', 'budgets.total.day'),
      budgetGauge('month', 'this month', 'budgets.total.month'),
    ],
  });
}
