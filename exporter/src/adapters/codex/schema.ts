// What agentmon reads from a Codex CLI rollout line ({timestamp, type, payload}). Loose: unknown fields are ignored.
// The parser checks lines with the zod-free guards in read.ts, which a test keeps equal to these schemas.
import { z } from 'zod';

// The cap rejects absurd counts (a hostile or corrupt line) before they can make a total or cost infinite.
const n = z.number().nonnegative().max(1e12).optional();

export const CodexUsage = z.looseObject({
  input_tokens: n,
  cached_input_tokens: n,
  output_tokens: n,
  reasoning_output_tokens: n,
  total_tokens: n,
});

export const CodexTokenInfo = z.looseObject({
  total_token_usage: CodexUsage.optional().nullable(),
  last_token_usage: CodexUsage.optional().nullable(),
  model: z.string().optional(),
});

export const CodexLine = z.looseObject({
  timestamp: z.string().optional(),
  type: z.string(),
  payload: z.looseObject({ type: z.string().optional() }).optional().nullable(),
});

export type CodexUsage = z.infer<typeof CodexUsage>;
export type CodexTokenInfo = z.infer<typeof CodexTokenInfo>;
export type CodexLine = z.infer<typeof CodexLine>;
