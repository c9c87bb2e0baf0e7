// Exporter API answers shaped as the exporter's contract describes them, small and readable.
import type { SessionDetail, SessionSummary } from '../api/types';

/** A session summary with overridable fields. */
export function session(over: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: 'claude-code:1b2c3d4e-0000-4000-8000-000000000001',
    agent: 'claude-code',
    sessionId: '1b2c3d4e-0000-4000-8000-000000000001',
    project: 'webshop',
    model: 'claude-sonnet-4-5',
    status: 'active',
    startedAt: '2025-06-02T09:00:00Z',
    lastActivityAt: '2025-06-02T09:30:00Z',
    requests: 12,
    costUsd: 1.25,
    tokens: { input: 1000, output: 2000, cacheRead: 30000, cacheWrite5m: 4000, cacheWrite1h: 0 },
    prompts: 3,
    toolCalls: 8,
    toolErrors: 1,
    apiErrors: 0,
    ...over,
  };
}

/** A session with a timeline: prompt, response, a failing Bash call, a Read call, an API error. */
export function detail(over: Partial<SessionDetail> = {}): SessionDetail {
  return {
    ...session(),
    timeline: [
      { ts: '2025-06-02T09:00:00Z', kind: 'prompt' },
      {
        ts: '2025-06-02T09:00:05Z',
        kind: 'response',
        model: 'claude-sonnet-4-5',
        tokens: { input: 10, output: 90 },
        costUsd: 0.02,
        raw: { type: 'assistant', id: 'msg_1' },
      },
      { ts: '2025-06-02T09:00:06Z', kind: 'tool_call', tool: 'Bash' },
      {
        ts: '2025-06-02T09:00:09Z',
        kind: 'tool_result',
        tool: 'Bash',
        ok: false,
        errorCategory: 'exit_code',
        durationSeconds: 3,
      },
      { ts: '2025-06-02T09:00:10Z', kind: 'tool_call', tool: 'Read' },
      { ts: '2025-06-02T09:00:10.500Z', kind: 'tool_result', tool: 'Read', ok: true, durationSeconds: 0.5 },
      { ts: '2025-06-02T09:01:00Z', kind: 'api_error', errorCategory: 'overloaded' },
    ],
    progress: { done: 2, total: 5 },
    ...over,
  };
}
