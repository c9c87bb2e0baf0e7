// Literal event sequences for the session health tests: one builder per event kind, times in seconds from T0.
import type { AgentEvent } from '../../src/adapters/types.js';
import { HealthSchema } from '../../src/health/config.js';

/** A fixed "now" base: 2026-03-02T10:00:00Z. */
export const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);
export const at = (sec: number): number => T0 + sec * 1000;

const base = (sec: number, session = 's1', project = 'alpha') => ({ timestampMs: at(sec), sessionId: session, project });

export const prompt = (sec: number, session?: string): AgentEvent => ({ ...base(sec, session), kind: 'prompt' });
export const activity = (sec: number, session?: string): AgentEvent => ({ ...base(sec, session), kind: 'activity' });
export const call = (sec: number, callId: string, tool = 'Bash', inputHash = 'aaaa0001', session?: string): AgentEvent => ({ ...base(sec, session), kind: 'tool_call', tool, callId, inputHash });
export const result = (sec: number, callId: string, ok = true, session?: string): AgentEvent => ({ ...base(sec, session), kind: 'tool_result', callId, ok });
export const response = (sec: number, tokens = 1000, dedupKey: string | null = null, session?: string): AgentEvent => ({
  ...base(sec, session),
  kind: 'request',
  model: 'claude-sonnet-4-5',
  tokens: { input: 0, output: tokens, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 },
  dedupKey,
});

/** The default health thresholds, parsed from the schema as a user with no `health:` section gets them. */
export const defaults = () => HealthSchema.parse({});
