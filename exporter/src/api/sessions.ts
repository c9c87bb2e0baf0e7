// Session summaries for the API, from the ledger's per-session aggregates plus session health.
import type { SessionEntry } from '../accounting/ledger.js';
import type { AgentId } from '../adapters/types.js';
import { nanoToUsd } from '../pricing/pricing.js';

export type SessionStatus = 'active' | 'stuck' | 'looping' | 'ended';

export interface SessionSummary {
  id: string;
  agent: AgentId;
  sessionId: string;
  project: string;
  model: string;
  status: SessionStatus;
  startedAt: string;
  lastActivityAt: string;
  requests: number;
  costUsd: number;
  tokens: { input: number; output: number; cacheRead: number; cacheWrite5m: number; cacheWrite1h: number };
  prompts: number;
  toolCalls: number;
  toolErrors: number;
  apiErrors: number;
  progress?: { done: number; total: number };
}

/** Returns the API id of a session: `<agent>:<sessionId>`. */
export const sessionApiId = (agent: string, sessionId: string): string => `${agent}:${sessionId}`;

/** Returns the summary the API serves for a session. */
export function summarize(s: SessionEntry, status: SessionStatus): SessionSummary {
  const [input = 0, output = 0, cacheRead = 0, cacheWrite5m = 0, cacheWrite1h = 0] = s.tokens;
  return {
    id: sessionApiId(s.agent, s.sessionId),
    agent: s.agent,
    sessionId: s.sessionId,
    project: s.project,
    model: s.lastModel,
    status,
    startedAt: new Date(s.firstMs).toISOString(),
    lastActivityAt: new Date(s.lastMs).toISOString(),
    requests: s.requests,
    costUsd: nanoToUsd(s.costNano),
    tokens: { input, output, cacheRead, cacheWrite5m, cacheWrite1h },
    prompts: s.prompts,
    toolCalls: s.toolCalls,
    toolErrors: s.toolErrors,
    apiErrors: s.apiErrors,
    ...(s.progress ? { progress: { done: s.progress[0], total: s.progress[1] } } : {}),
  };
}

export const SUMMARY_CSV_COLUMNS = [
  'id', 'agent', 'sessionId', 'project', 'model', 'status', 'startedAt', 'lastActivityAt', 'requests', 'costUsd',
  'tokens.input', 'tokens.output', 'tokens.cacheRead', 'tokens.cacheWrite5m', 'tokens.cacheWrite1h',
  'prompts', 'toolCalls', 'toolErrors', 'apiErrors',
] as const;

const totalTokens = (s: SessionSummary): number => s.tokens.input + s.tokens.output + s.tokens.cacheRead + s.tokens.cacheWrite5m + s.tokens.cacheWrite1h;

/** Sort keys the list accepts, each as a comparator value. */
export const SORT_KEYS = {
  lastActivity: (s: SessionSummary) => s.lastActivityAt,
  started: (s: SessionSummary) => s.startedAt,
  cost: (s: SessionSummary) => s.costUsd,
  tokens: totalTokens,
} as const;
