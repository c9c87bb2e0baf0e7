// "agentmon / Team": one row per person, host or team, from the static labels each exporter adds to its series
// (labels.static in its config) and Prometheus' instance label.
import { bars, dashboard, m, table, text, timeseries, type Json } from './grafana.ts';

/** What the rows are: any static label the team's exporters set, or the scrape instance (one per machine). */
const groupVariable = {
  type: 'custom',
  name: 'group',
  label: 'Group by',
  description: 'A label every exporter sets through labels.static (user, team, host), or instance.',
  query: 'user,team,host,instance',
  current: { selected: true, text: 'user', value: 'user' },
  options: ['user', 'team', 'host', 'instance'].map((v, i) => ({ selected: i === 0, text: v, value: v })),
  includeAll: false,
  multi: false,
  hide: 0,
};

const by = (expr: string) => `sum by ($group) (${expr})`;

/** The Team dashboard. */
export function team(): Json {
  const cost = m('agentmon_cost_usd_total');
  return dashboard({
    uid: 'agentmon-team',
    title: 'agentmon / Team',
    description: "Spend, tokens, sessions and errors per person, machine or team, from each exporter's static labels.",
    time: 'now-7d',
    variables: [groupVariable],
    panels: [
      text(
        'Setting up',
        'Each person runs an exporter with `labels.static` in its config, e.g. `labels: { static: { user: alice, team: web, host: alice-laptop } }`; one Prometheus scrapes them all. Rows without the chosen label show as an empty name.',
        24,
        2
      ),
      table(
        {
          title: 'Per $group',
          description: 'Totals over the time range. Cost leaves out Unpriced (requests of models without a price, counted with cost 0).',
          unit: 'short',
          w: 24,
          h: 9,
          keepOrder: true,
          columns: {
            'Value #A': 'Cost',
            'Value #B': 'Tokens',
            'Value #C': 'Requests',
            'Value #D': 'Sessions',
            'Value #E': 'Prompts',
            'Value #F': 'Tool errors',
            'Value #G': 'API errors',
            'Value #H': 'Unpriced',
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
        { expr: by(`increase(${cost}[$__range])`) },
        { expr: by(`increase(${m('agentmon_tokens_total')}[$__range])`) },
        { expr: by(`increase(${m('agentmon_requests_total')}[$__range])`) },
        { expr: by(`increase(${m('agentmon_sessions_total')}[$__range])`) },
        { expr: by(`increase(${m('agentmon_prompts_total')}[$__range])`) },
        { expr: by(`increase(${m('agentmon_tool_errors_total')}[$__range])`) },
        { expr: by(`increase(${m('agentmon_api_errors_total')}[$__range])`) },
        { expr: by(`increase(${m('agentmon_unpriced_requests_total')}[$__range])`) }
      ),
      timeseries(
        { title: 'Cost per hour by $group', description: 'Spend rate.', unit: 'currencyUSD', stacked: true },
        { expr: `${by(`rate(${cost}[$__rate_interval])`)} * 3600`, legend: `{{$group}}` }
      ),
      timeseries(
        {
          title: 'Tokens per minute by $group',
          description: 'All token kinds together.',
          unit: 'short',
          stacked: true,
        },
        { expr: `${by(`rate(${m('agentmon_tokens_total')}[$__rate_interval])`)} * 60`, legend: `{{$group}}` }
      ),
      bars(
        {
          title: 'Active sessions by $group',
          description: 'Sessions with activity in the last 5 minutes (now).',
          unit: 'short',
          w: 8,
        },
        { expr: by(m('agentmon_sessions_active')), legend: `{{$group}}` }
      ),
      bars(
        {
          title: 'Cost by $group and model',
          description: 'Who uses which model, over the time range.',
          unit: 'currencyUSD',
          decimals: 2,
          w: 8,
        },
        { expr: `topk(15, sum by ($group, model) (increase(${cost}[$__range])))`, legend: `{{$group}} {{model}}` }
      ),
      bars(
        {
          title: 'Last activity by $group',
          description: 'Seconds since the newest event each exporter read.',
          unit: 's',
          w: 8,
        },
        { expr: `time() - max by ($group) (${m('agentmon_last_event_timestamp_seconds')})`, legend: `{{$group}}` }
      ),
    ],
  });
}
