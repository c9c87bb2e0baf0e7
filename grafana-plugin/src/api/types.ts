// Shapes of the exporter's HTTP API (/api/v1), as the exporter documents them. Kept as plain types: the exporter
// validates what it sends; the app only reads.

/** A session's state as the exporter classifies it. */
export type SessionStatus = 'active' | 'stuck' | 'looping' | 'ended';

/** Tokens by kind, with one meaning for every agent (output includes reasoning). */
export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

/** One row of GET /api/v1/sessions. */
export interface SessionSummary {
  /** `<agent>:<sessionId>`; URL-encode it in paths. */
  id: string;
  agent: string;
  sessionId: string;
  project: string;
  model: string;
  status: SessionStatus;
  startedAt: string;
  lastActivityAt: string;
  requests: number;
  costUsd: number;
  tokens: TokenCounts;
  prompts: number;
  toolCalls: number;
  toolErrors: number;
  apiErrors: number;
}

/** GET /api/v1/sessions answer. */
export interface SessionPage {
  total: number;
  items: SessionSummary[];
}

/** What a timeline entry records. */
export type TimelineKind = 'prompt' | 'response' | 'tool_call' | 'tool_result' | 'api_error';

/** One step of a session's timeline. */
export interface TimelineEntry {
  ts: string;
  kind: TimelineKind;
  model?: string;
  tokens?: Partial<TokenCounts>;
  costUsd?: number;
  tool?: string;
  ok?: boolean;
  errorCategory?: string;
  durationSeconds?: number;
  /** The log line's event as the exporter parsed it (secrets masked). */
  raw?: Record<string, unknown>;
  /** Several steps came from one log line: its event is the `raw` of the entry at this index. */
  sameRawAs?: number;
}

/** GET /api/v1/sessions/{id} answer. */
export interface SessionDetail extends SessionSummary {
  timeline: TimelineEntry[];
  progress?: { done: number; total: number };
  /** True when the session had more steps than the exporter returns at once (the first ones are shown). */
  truncated?: boolean;
  /** True when raw events were left out past the exporter's size budget for one answer. */
  rawTruncated?: boolean;
}

/** One event of the live feed. */
export interface LiveEvent {
  ts: string;
  agent: string;
  kind: string;
  sessionId: string;
  project: string;
  model?: string;
  tool?: string;
  ok?: boolean;
}

/** GET /api/v1/events?after=<cursor> answer. */
export interface EventBatch {
  /** The exporter's cursor: a number that grows with every event. */
  cursor: number | string;
  events: LiveEvent[];
}

/** One entry of GET /api/v1/health/sessions. */
export interface SessionHealth {
  agent: string;
  sessionId: string;
  project: string;
  status: 'stuck' | 'looping';
  reason: string;
  since: string;
}

/** Sort keys the sessions endpoint accepts. */
export type SessionSort = 'lastActivity' | 'started' | 'cost' | 'tokens';

/** Filters, sort and paging for GET /api/v1/sessions. Empty strings mean "any". */
export interface SessionQuery {
  agent?: string;
  project?: string;
  model?: string;
  status?: SessionStatus | '';
  from?: string;
  to?: string;
  sort?: SessionSort;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}
