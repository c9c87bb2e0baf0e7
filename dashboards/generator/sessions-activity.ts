// "agentmon / Sessions & activity": when and how much the agents work: sessions, prompts, requests per prompt,
// and an hour-of-day × weekday grid of model requests.
import { dashboard, m, stat, table, text, timeseries, type Json } from './grafana.ts';

const requests = m('agentmon_requests_total');
const prompts = m('agentmon_prompts_total');

/** Resolution of the hour × weekday grid: finer costs Prometheus more work over long ranges. */
const stepVariable = {
  type: 'custom',
  name: 'grid_step',
  label: 'Grid resolution',
  description: 'Sampling step of the hour-of-day × weekday grid.',
  query: '1h,30m,15m',
  current: { selected: true, text: '1h', value: '1h' },
  options: [
    { selected: true, text: '1h', value: '1h' },
    { selected: false, text: '30m', value: '30m' },
    { selected: false, text: '15m', value: '15m' },
  ],
  includeAll: false,
  multi: false,
  hide: 0,
};

/**
 * Model requests by hour of day and weekday (UTC) over the time range. For each grid step the requests made in it
 * are the total now minus the total one step ago (exact: no extrapolation, and steps tile without gaps, which
 * increase() over step-sized windows would not). count_values turns the step's own hour and weekday into labels;
 * sum_over_time adds the steps up per cell.
 */
export const HOUR_WEEKDAY_GRID =
  `sum by (weekday, hour) (sum_over_time((` +
  `clamp_min(sum(${requests}) - sum(${requests} offset $grid_step), 0) * on () group_right () ` +
  `(count_values("hour", hour(vector(time() - 1))) * on () group_left (weekday) count_values("weekday", day_of_week(vector(time() - 1))))` +
  `)[$__range:$grid_step]))`;

const WEEKDAYS: Record<string, string> = {
  '1': 'Mon',
  '2': 'Tue',
  '3': 'Wed',
  '4': 'Thu',
  '5': 'Fri',
  '6': 'Sat',
  '0': 'Sun',
};

/** The Sessions & activity dashboard. */
export function sessionsActivity(): Json {
  return dashboard({
    uid: 'agentmon-sessions-activity',
    title: 'agentmon / Sessions & activity',
    description: 'Sessions, prompts and model requests over time, how much agents do per prompt, and when they work.',
    time: 'now-7d',
    variables: [stepVariable],
    panels: [
      stat(
        { title: 'Sessions started', description: 'Sessions first seen in the time range.', unit: 'short' },
        { expr: `sum(increase(${m('agentmon_sessions_total')}[$__range])) or vector(0)` }
      ),
      stat(
        { title: 'Prompts', description: 'User prompts over the time range.', unit: 'short' },
        { expr: `sum(increase(${prompts}[$__range])) or vector(0)` }
      ),
      stat(
        {
          title: 'Requests per prompt',
          description: 'Model responses per user prompt: how far agents go on their own.',
          unit: 'short',
          decimals: 1,
        },
        { expr: `sum(increase(${requests}[$__range])) / sum(increase(${prompts}[$__range]))` }
      ),
      stat(
        { title: 'Tool calls per prompt', description: 'Tool calls per user prompt.', unit: 'short', decimals: 1 },
        { expr: `sum(increase(${m('agentmon_tool_calls_total')}[$__range])) / sum(increase(${prompts}[$__range]))` }
      ),
      stat(
        { title: 'Active sessions', description: 'Sessions with activity in the last 5 minutes (now).', unit: 'short' },
        { expr: `sum(${m('agentmon_sessions_active')}) or vector(0)` }
      ),
      stat(
        {
          title: 'Last activity',
          description: "Time of the newest event read from any agent's logs.",
          unit: 'dateTimeFromNow',
        },
        { expr: `max(${m('agentmon_last_event_timestamp_seconds')}) * 1000` }
      ),
      timeseries(
        {
          title: 'Active sessions by agent',
          description: 'Sessions with activity in the last 5 minutes.',
          unit: 'short',
          stacked: true,
        },
        { expr: `sum by (agent) (${m('agentmon_sessions_active')})`, legend: '{{agent}}' }
      ),
      timeseries(
        {
          title: 'Prompts and requests per hour',
          description: 'User prompts and the model responses they set off.',
          unit: 'short',
        },
        { expr: `sum(rate(${prompts}[$__rate_interval])) * 3600`, legend: 'prompts' },
        { expr: `sum(rate(${requests}[$__rate_interval])) * 3600`, legend: 'model requests' }
      ),
      timeseries(
        {
          title: 'Sessions started per hour by project',
          description: 'New sessions by project.',
          unit: 'short',
          stacked: true,
        },
        {
          expr: `sum by (project) (rate(${m('agentmon_sessions_total')}[$__rate_interval])) * 3600`,
          legend: '{{project}}',
        }
      ),
      timeseries(
        {
          title: 'Stuck and looping sessions',
          description: "Sessions the exporter flags now, by reason. The app's Sessions page lists them.",
          unit: 'short',
          stacked: true,
          links: [{ title: 'Sessions', url: '/a/agentmon-agents-app/sessions' }],
        },
        { expr: `sum by (reason) (${m('agentmon_sessions_stuck')})`, legend: 'stuck: {{reason}}' },
        { expr: `sum by (reason) (${m('agentmon_sessions_looping')})`, legend: 'looping: {{reason}}' }
      ),
      table(
        {
          title: 'Model requests by hour of day × weekday (UTC)',
          description: 'When agents work: model requests in each hour of the week over the time range, darker = more.',
          unit: 'short',
          w: 24,
          h: 11,
          columns: {},
          custom: { cellOptions: { type: 'color-background', mode: 'gradient' }, align: 'center' },
          transformations: [
            {
              id: 'convertFieldType',
              options: { conversions: [{ targetField: 'hour', destinationType: 'number' }], fields: {} },
            },
            {
              id: 'groupingToMatrix',
              options: { columnField: 'weekday', rowField: 'hour', valueField: 'Value', emptyValue: 'zero' },
            },
            { id: 'sortBy', options: { fields: {}, sort: [{ field: 'hour\\weekday', desc: false }] } },
            {
              id: 'organize',
              options: {
                excludeByName: {},
                renameByName: { 'hour\\weekday': 'Hour (UTC)', ...WEEKDAYS },
                indexByName: { 'hour\\weekday': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '0': 7 },
              },
            },
          ],
          overrides: [
            {
              matcher: { id: 'byName', options: 'Hour (UTC)' },
              properties: [
                { id: 'custom.cellOptions', value: { type: 'auto' } },
                { id: 'custom.width', value: 100 },
              ],
            },
          ],
        },
        { expr: HOUR_WEEKDAY_GRID }
      ),
      text(
        'Session detail',
        'Per-session figures (cost, tokens, tools, timeline) are not Prometheus series — session ids never become labels. Open the **[agentmon app → Sessions](/a/agentmon-agents-app/sessions)** to browse, compare and export sessions.',
        24,
        2
      ),
    ],
  });
}
