// Renders docs/metrics.md from the catalogue, so the reference cannot drift from the code.
import { METRICS } from './catalogue.js';

/** Returns the metrics reference as Markdown. */
export function renderMetricsDoc(): string {
  const lines = [
    '# Metrics reference',
    '',
    'Generated from `exporter/src/metrics/catalogue.ts` by `npm run docs:metrics -w exporter`; a test fails when this file',
    'and the catalogue disagree. All names carry the `agentmon_` prefix; counters end in `_total`; values are in base',
    'units (seconds, US dollars, tokens). Static labels from `labels.static` in the config are added to every series.',
    '',
    '| metric | type | labels | persisted | description |',
    '|---|---|---|---|---|',
  ];
  for (const m of Object.values(METRICS)) {
    const labels = m.labels.length ? m.labels.map((l) => `\`${l}\``).join(', ') : '—';
    lines.push(`| \`${m.name}\` | ${m.type} | ${labels} | ${m.persisted ? 'yes' : 'no'} | ${m.help} |`);
  }
  lines.push(
    '',
    '## Label values',
    '',
    '- `agent`: `claude-code`, `codex`, `gemini`, and the `agent` name of each custom JSONL log in the config (`custom:`,',
    '  see docs/custom-logs.md; names are checked when the config is read, so the set stays bounded). Claude Code hook',
    '  events (docs/hooks.md) count under `claude-code`.',
    '- `event` on `agentmon_hook_events_total`: the hook event name (`SessionStart`, `PreToolUse`, `Notification`, ...) or `other`.',
    '- `project`: the last folder name of the session\'s working directory (never a full path); the first',
    '  `labels.maxProjects` (default 50) distinct projects get their own value, later ones are `other`.',
    '- `model`: the model id as the agent logged it (sanitized); beyond `labels.maxModels` (default 100), `other`.',
    '- `tool`: the tool name (e.g. `Bash`, `Read`, `exec_command`); beyond `labels.maxTools` (default 100), `other`.',
    '- `type` on `agentmon_tokens_total`: `input` (uncached input), `output` (includes reasoning/thinking),',
    '  `cache_read`, `cache_write_5m`, `cache_write_1h`. The same meaning for every agent.',
    '- `window` on the plan metrics: `5h` and `7d` for the rolling 5-hour and 7-day windows of both agents; other',
    '  windows by the agent\'s own name (Claude Code\'s statusLine key, e.g. `seven_day_opus`; Codex `primary`/`secondary`',
    '  when a window is not 300 or 10,080 minutes long), and Codex limits other than its main `codex` one prefixed with',
    '  their `limit_id`. Besides 5h and 7d, at most 6 windows per agent. See docs/statusline.md.',
    '- `plan_type` on `agentmon_plan_info`: the plan name the agent reports (Codex: `plus`, `pro`, `team`, ...), lowercased.',
    '',
    '## History: backfilled and live series',
    '',
    '`agentmon backfill` writes the history held in the logs as OpenMetrics with real timestamps (and, with',
    '`--blocks`, TSDB blocks via promtool). Label scheme: **backfilled series carry exactly the names and labels of',
    'the live series** — the catalogue labels, `labels.static`, and the scrape target\'s `job` and `instance` given',
    'with `--label` (default `job="agentmon"`, `instance="127.0.0.1:9477"`; the compose stack uses',
    '`instance="exporter:9477"`). History and live scrapes are therefore one counter series in Prometheus, and the',
    'backfill stops at `--until` (default: now − 3 h, the range Prometheus\' head block owns). The live exporter\'s',
    'first scrape already includes the whole history in its value, so the series continues without a reset, and',
    '`increase()`/`rate()` over any window count each token once — no `source` label to filter, nothing to',
    'deduplicate in dashboards or recording rules. Backfilled: tokens, cost, requests, unpriced requests, API',
    'errors, prompts, tool calls and errors, sessions (the histograms and the exporter\'s own I/O counters start at',
    'the first scrape). Samples are written where a series changes (and one step before, as a scrape would see',
    'it), at every UTC midnight and at the cut-off; raise Prometheus\' `--storage.tsdb.retention.time` to keep',
    'history older than its 15-day default.',
    '',
    '## New series: the first increment counts',
    '',
    'Prometheus takes a counter\'s first sample as its starting point: a series whose first sample already holds its',
    'value (a new project\'s or model\'s first request) would add nothing to `increase()`/`rate()`. So every series',
    'starts at 0 in Prometheus, and its first increment counts:',
    '',
    '- **Born in the history before the cut-off:** the backfill writes 0 one step before the series\' first change.',
    '- **Born after the cut-off but before `serve` read it** (the last hours before the backfill ran): the backfill',
    '  writes one sample, 0 at the cut-off, so the live exporter\'s first scrape adds the series\' whole value.',
    '- **Born while `serve` runs** (after the history read, or while catching up after a restart): `/metrics` shows',
    '  the series at 0 to each Prometheus scraper in its first scrape after the birth, and its value from the next',
    '  scrape on — one scrape interval late, never lost. Scrapers are recognized by the',
    '  `X-Prometheus-Scrape-Timeout-Seconds` header Prometheus (and Grafana Agent/Alloy, vmagent) send, and told',
    '  apart by address and `User-Agent` (two Prometheus servers of one version on one host count as one); anyone',
    '  else — a browser, `curl`, the API — always gets the values as they are. Series restored from the checkpoint',
    '  are never held back (Prometheus may already hold them: showing 0 would be a counter reset).',
    '',
    '"Persisted" counters are restored from the checkpoint at start, so they never go down, even when old log files',
    'are deleted. Session ids, prompts, file paths and other free text never appear in labels; per-session detail',
    'belongs to the exporter\'s API.',
    '',
  );
  return lines.join('\n');
}
