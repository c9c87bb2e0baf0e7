// The metric catalogue: every series agentmon exports, defined once. docs/metrics.md is generated from it and
// tests check dashboards and rules against it.

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricDef {
  name: string;
  type: MetricType;
  help: string;
  labels: readonly string[];
  buckets?: readonly number[];
  /** The stored integer is multiplied by this when exposed (cost is kept in nano-dollars). */
  scale?: number;
  /** Whether the value survives restarts through the checkpoint. */
  persisted: boolean;
}

const def = <const T extends MetricDef>(d: T): T => d;

/**
 * Returns a stored integer in the metric's unit. A fractional scale divides (nano-dollars / 1e9) rather than
 * multiplies: division rounds once, so the double is the one nearest the exact decimal and prints as it
 * (0.194127, where 194127000 * 1e-9 prints 0.19412700000000002) for every value up to 15 significant digits.
 */
export function scaled(value: number, scale = 1): number {
  return scale < 1 ? value / Math.round(1 / scale) : value * scale;
}

export const METRICS = {
  tokens: def({ name: 'agentmon_tokens_total', type: 'counter', persisted: true, labels: ['agent', 'project', 'model', 'type'],
    help: 'Tokens used by model requests, by type: input (uncached input), output (includes reasoning), cache_read, cache_write_5m, cache_write_1h.' }),
  cost: def({ name: 'agentmon_cost_usd_total', type: 'counter', persisted: true, labels: ['agent', 'project', 'model'], scale: 1e-9,
    help: 'Estimated cost of model requests in US dollars, from the price table (unpriced models count 0).' }),
  requests: def({ name: 'agentmon_requests_total', type: 'counter', persisted: true, labels: ['agent', 'project', 'model'],
    help: 'Model responses counted, each once however many log lines or files repeat it.' }),
  unpriced: def({ name: 'agentmon_unpriced_requests_total', type: 'counter', persisted: true, labels: ['agent', 'model'],
    help: 'Model responses whose model has no price in the price table; their cost is counted as 0.' }),
  duplicates: def({ name: 'agentmon_duplicate_responses_total', type: 'counter', persisted: true, labels: ['agent'],
    help: 'Log lines that repeated a response already counted (streamed parts, resumed or forked sessions) and added no new usage.' }),
  apiErrors: def({ name: 'agentmon_api_errors_total', type: 'counter', persisted: true, labels: ['agent', 'project', 'kind'],
    help: 'Failed model API attempts recorded by agents, by kind: rate_limit, overloaded, server, auth, context, other.' }),
  prompts: def({ name: 'agentmon_prompts_total', type: 'counter', persisted: true, labels: ['agent', 'project'],
    help: 'User prompts sent to agents.' }),
  toolCalls: def({ name: 'agentmon_tool_calls_total', type: 'counter', persisted: true, labels: ['agent', 'project', 'tool'],
    help: 'Tool calls made by agents.' }),
  toolErrors: def({ name: 'agentmon_tool_errors_total', type: 'counter', persisted: true, labels: ['agent', 'project', 'tool', 'category'],
    help: 'Tool calls that returned an error, by category: rejected, not_found, permission, timeout, exit_code, invalid_input, other.' }),
  toolDuration: def({ name: 'agentmon_tool_duration_seconds', type: 'histogram', persisted: true, labels: ['agent', 'tool'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    help: 'Time from a tool call to its result, in seconds.' }),
  responseDuration: def({ name: 'agentmon_response_duration_seconds', type: 'histogram', persisted: true, labels: ['agent', 'model'],
    buckets: [0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300],
    help: 'Time from a prompt or tool result to the first line of the model response it triggered, in seconds.' }),
  toolRunDuration: def({ name: 'agentmon_tool_run_duration_seconds', type: 'histogram', persisted: true, labels: ['agent', 'tool'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    help: 'Exact time from a Claude Code PreToolUse hook to the PostToolUse or PostToolUseFailure hook of the same call, in seconds (sessions with agentmon hook installed).' }),
  permissionWait: def({ name: 'agentmon_permission_wait_seconds', type: 'histogram', persisted: true, labels: ['agent'],
    buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    help: 'Time a permission prompt waited for the user before the session moved on, in seconds (from Claude Code hooks).' }),
  hookEvents: def({ name: 'agentmon_hook_events_total', type: 'counter', persisted: true, labels: ['agent', 'event'],
    help: 'Hook events recorded by agentmon hook and read by the exporter, by hook event name (SessionStart, PreToolUse, Notification, ...).' }),
  sessions: def({ name: 'agentmon_sessions_total', type: 'counter', persisted: true, labels: ['agent', 'project'],
    help: 'Agent sessions seen, each counted once.' }),
  sessionsActive: def({ name: 'agentmon_sessions_active', type: 'gauge', persisted: false, labels: ['agent', 'project'],
    help: 'Sessions with activity in the last active window (default 5 minutes).' }),
  lastEvent: def({ name: 'agentmon_last_event_timestamp_seconds', type: 'gauge', persisted: true, labels: ['agent'],
    help: 'Unix time of the newest event read from an agent\'s logs.' }),
  lines: def({ name: 'agentmon_lines_total', type: 'counter', persisted: true, labels: ['agent', 'result'],
    help: 'Log lines read, by result: parsed, ignored (known but unused), unknown_type, malformed, too_long.' }),
  bytesRead: def({ name: 'agentmon_bytes_read_total', type: 'counter', persisted: true, labels: ['agent'],
    help: 'Bytes of agent logs read.' }),
  fileEvents: def({ name: 'agentmon_file_events_total', type: 'counter', persisted: true, labels: ['agent', 'event'],
    help: 'Changes seen in log files, by event: discovered, truncated, rotated, deleted, unreadable, too_deep (a folder nested more than 32 levels below a log root, not read; once per folder).' }),
  filesWatched: def({ name: 'agentmon_files_watched', type: 'gauge', persisted: false, labels: ['agent'],
    help: 'Log files currently tracked.' }),
  checkpoints: def({ name: 'agentmon_checkpoint_writes_total', type: 'counter', persisted: false, labels: ['result'],
    help: 'Attempts to write the state checkpoint, by result: success or failure.' }),
  lastCheckpoint: def({ name: 'agentmon_checkpoint_last_success_timestamp_seconds', type: 'gauge', persisted: false, labels: [],
    help: 'Unix time of the last state checkpoint written successfully.' }),
  initialScanDone: def({ name: 'agentmon_initial_scan_complete', type: 'gauge', persisted: false, labels: [],
    help: '1 once the history found at start has been read, else 0.' }),
  budget: def({ name: 'agentmon_budget_usd', type: 'gauge', persisted: false, labels: ['scope', 'project', 'period'],
    help: 'Spending limit from the config (budgets:) in US dollars per UTC day or month; scope is total or project (project label only then).' }),
  spend: def({ name: 'agentmon_spend_usd', type: 'gauge', persisted: false, labels: ['scope', 'project', 'period'],
    help: 'Estimated spend so far in the current UTC day or month in US dollars, from the logs (not from scrape history); in total and per project.' }),
  sessionsStuck: def({ name: 'agentmon_sessions_stuck', type: 'gauge', persisted: false, labels: ['agent', 'project', 'reason'],
    help: 'Recent sessions that look stuck, by reason: permission_wait (a permission prompt unanswered, from Claude Code hooks), tool_pending (a tool call without result far longer than usual), response_pending (no model response), no_activity (nothing after a prompt).' }),
  sessionsLooping: def({ name: 'agentmon_sessions_looping', type: 'gauge', persisted: false, labels: ['agent', 'project', 'reason'],
    help: 'Recent sessions that look like a loop, by reason: repeated_tool_call (one tool with the same input again and again), token_burn (tokens per minute far above normal).' }),
  planUsage: def({ name: 'agentmon_plan_usage_ratio', type: 'gauge', persisted: true, labels: ['agent', 'window'],
    help: 'Share of a subscription plan\'s usage window used (0-1), as the agent last reported it (Codex logs, Claude Code through agentmon statusline): window 5h and 7d for the rolling windows, other windows by the agent\'s own name. 0 once the window\'s reset time has passed without a newer reading; absent until the agent reports one.' }),
  planResets: def({ name: 'agentmon_plan_window_resets_timestamp_seconds', type: 'gauge', persisted: true, labels: ['agent', 'window'],
    help: 'Unix time at which a plan usage window resets, as the agent last reported it; absent once that time has passed (until a newer reading) and for windows the agent gives no reset time for.' }),
  planInfo: def({ name: 'agentmon_plan_info', type: 'gauge', persisted: true, labels: ['agent', 'plan_type'],
    help: 'Always 1; plan_type is the subscription plan the agent last reported (Codex: plus, pro, team, ...). Absent for agents that do not report it.' }),
  contextUsed: def({ name: 'agentmon_context_window_used_ratio', type: 'gauge', persisted: true, labels: ['agent', 'project'],
    help: 'Fill of the fullest context window among the active sessions of an agent in a project (0-1): the latest request\'s input tokens, cached included, over the model\'s context window (Claude Code through agentmon statusline, Codex from token_count).' }),
  buildInfo: def({ name: 'agentmon_build_info', type: 'gauge', persisted: false, labels: ['version', 'nodejs_version'],
    help: 'Always 1; labels carry the agentmon and Node.js versions.' }),
} as const satisfies Record<string, MetricDef>;

export type MetricKey = keyof typeof METRICS;
