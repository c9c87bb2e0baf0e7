// "agentmon / Tools & errors": which tools agents call, how long they take, how often they fail and why; model API
// errors and response latency.
import { bars, dashboard, m, queryVar, r, stat, table, timeseries, type Json } from './grafana.ts';

const c = m('agentmon_tool_calls_total', 'tool=~"$tool"');
const e = m('agentmon_tool_errors_total', 'tool=~"$tool"');
const apiErrors = m('agentmon_api_errors_total');
const toolBuckets = m('agentmon_tool_duration_seconds_bucket', 'tool=~"$tool"');
const responseBuckets = m('agentmon_response_duration_seconds_bucket');

/** The tool filter, only on this dashboard. */
const toolVariable = queryVar(
  'tool',
  'Tool',
  'label_values(agentmon_tool_calls_total{instance=~"$instance", agent=~"$agent", project=~"$project"}, tool)'
);

/** The Tools & errors dashboard. */
export function toolsErrors(): Json {
  return dashboard({
    uid: 'agentmon-tools-errors',
    title: 'agentmon / Tools & errors',
    description: 'Tool calls, durations and failures by tool and category; model API errors and response latency.',
    variables: [toolVariable],
    panels: [
      stat(
        { title: 'Tool calls', description: 'Tool calls over the time range.', unit: 'short' },
        { expr: `sum(increase(${c}[$__range])) or vector(0)` }
      ),
      stat(
        {
          title: 'Tool error ratio',
          description: 'Failed tool calls / tool calls over the time range (rejections by the user included).',
          unit: 'percentunit',
          decimals: 1,
          thresholds: [
            [null, 'green'],
            [0.1, 'orange'],
            [0.25, 'red'],
          ],
        },
        { expr: `(sum(increase(${e}[$__range])) or vector(0)) / sum(increase(${c}[$__range]))` }
      ),
      stat(
        {
          title: 'API errors',
          description: 'Failed model API attempts (retries included) over the time range.',
          unit: 'short',
          thresholds: [
            [null, 'green'],
            [1, 'orange'],
          ],
        },
        { expr: `sum(increase(${apiErrors}[$__range])) or vector(0)` }
      ),
      stat(
        {
          title: 'API error ratio (1 h)',
          description:
            'Failed API attempts / (failed attempts + responses) over the last hour (recording rule agentmon:api_error_ratio:rate1h).',
          unit: 'percentunit',
          decimals: 1,
          thresholds: [
            [null, 'green'],
            [0.05, 'orange'],
            [0.2, 'red'],
          ],
          w: 4,
        },
        { expr: `max(${r('agentmon:api_error_ratio:rate1h', ['agent', 'project'])})` }
      ),
      stat(
        {
          title: 'Response time p95 (15 min)',
          description: 'Slowest 5% of model responses over the last 15 minutes, worst model (recording rule).',
          unit: 's',
          decimals: 1,
          w: 8,
        },
        { expr: `max(${r('agentmon:response_duration_seconds:p95_rate15m', ['agent', 'model'])})` }
      ),
      timeseries(
        {
          title: 'Tool calls per minute by tool',
          description: 'How often each tool is called.',
          unit: 'short',
          stacked: true,
        },
        { expr: `sum by (tool) (rate(${c}[$__rate_interval])) * 60`, legend: '{{tool}}' }
      ),
      timeseries(
        {
          title: 'Tool errors per minute by category',
          description: 'rejected (by the user), not_found, permission, timeout, exit_code, invalid_input, other.',
          unit: 'short',
          stacked: true,
        },
        { expr: `sum by (category) (rate(${e}[$__rate_interval])) * 60`, legend: '{{category}}' }
      ),
      timeseries(
        {
          title: 'Tool duration p95 by tool',
          description: 'Time from a tool call to its result: slowest 5%.',
          unit: 's',
        },
        {
          expr: `histogram_quantile(0.95, sum by (le, tool) (rate(${toolBuckets}[$__rate_interval])))`,
          legend: '{{tool}}',
        }
      ),
      timeseries(
        {
          title: 'Tool error ratio by agent and project (1 h)',
          description:
            'Failed calls / calls, user rejections left out (recording rule agentmon:tool_error_ratio:rate1h).',
          unit: 'percentunit',
          min: 0,
          max: 1,
        },
        { expr: `${r('agentmon:tool_error_ratio:rate1h', ['agent', 'project'])}`, legend: '{{agent}} {{project}}' }
      ),
      table(
        {
          title: 'Tools',
          description: 'Calls, failures and median duration per tool over the time range.',
          unit: 'short',
          w: 12,
          columns: {
            tool: 'Tool',
            'Value #A': 'Calls',
            'Value #B': 'Errors',
            'Value #C': 'Error ratio',
            'Value #D': 'Median duration',
          },
          sortBy: 'Calls',
          overrides: [
            {
              matcher: { id: 'byName', options: 'Error ratio' },
              properties: [
                { id: 'unit', value: 'percentunit' },
                { id: 'decimals', value: 1 },
              ],
            },
            {
              matcher: { id: 'byName', options: 'Median duration' },
              properties: [
                { id: 'unit', value: 's' },
                { id: 'decimals', value: 2 },
              ],
            },
          ],
        },
        { expr: `sum by (tool) (increase(${c}[$__range]))` },
        { expr: `sum by (tool) (increase(${e}[$__range]))` },
        { expr: `sum by (tool) (increase(${e}[$__range])) / sum by (tool) (increase(${c}[$__range]))` },
        { expr: `histogram_quantile(0.5, sum by (le, tool) (increase(${toolBuckets}[$__range])))` }
      ),
      bars(
        {
          title: 'Tool errors by category',
          description: 'Why tool calls failed over the time range.',
          unit: 'short',
          w: 6,
        },
        { expr: `sum by (category) (increase(${e}[$__range]))`, legend: '{{category}}' }
      ),
      bars(
        {
          title: 'API errors by kind',
          description: 'rate_limit, overloaded, server, auth, context, other.',
          unit: 'short',
          w: 6,
        },
        { expr: `sum by (kind) (increase(${apiErrors}[$__range]))`, legend: '{{kind}}' }
      ),
      timeseries(
        {
          title: 'API errors per minute by kind',
          description: 'Failed model API attempts, retries included.',
          unit: 'short',
          stacked: true,
        },
        { expr: `sum by (kind) (rate(${apiErrors}[$__rate_interval])) * 60`, legend: '{{kind}}' }
      ),
      timeseries(
        {
          title: 'Model response time by model',
          description: 'Time from a prompt or tool result to the first line of the model response: median and p95.',
          unit: 's',
        },
        {
          expr: `histogram_quantile(0.5, sum by (le, model) (rate(${responseBuckets}[$__rate_interval])))`,
          legend: 'p50 {{model}}',
        },
        {
          expr: `histogram_quantile(0.95, sum by (le, model) (rate(${responseBuckets}[$__rate_interval])))`,
          legend: 'p95 {{model}}',
        }
      ),
    ],
  });
}
