// What agentmon reads from a Gemini CLI chat record (packages/core/src/services/chatRecordingTypes.ts upstream).
// Loose objects: fields not named here are neither read nor kept (message text, thoughts, tool arguments).
// The parser checks records with the zod-free guards in read.ts, which a test keeps equal to these schemas.
import { z } from 'zod';

// The cap rejects absurd counts (a hostile or corrupt record) before they can make a total or cost infinite.
const tokenCount = z.number().nonnegative().max(1e12).optional();

/** Gemini's usage: input includes cached; thoughts and tool-use prompt tokens are counted apart. */
export const GeminiTokens = z.looseObject({
  input: tokenCount,
  output: tokenCount,
  cached: tokenCount,
  thoughts: tokenCount,
  tool: tokenCount,
  total: tokenCount,
});

export const GeminiToolCall = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  args: z.unknown().optional(),
  /** validating, scheduled, awaiting_approval, executing, success, error, cancelled. */
  status: z.string().optional(),
  timestamp: z.string().optional(),
  result: z.unknown().optional(),
  resultDisplay: z.unknown().optional(),
});

export const GeminiMessage = z.looseObject({
  id: z.string().min(1),
  timestamp: z.string().optional(),
  /** user, gemini, error, info, warning. */
  type: z.string().optional(),
  content: z.unknown().optional(),
  model: z.string().optional(),
  tokens: GeminiTokens.optional().nullable(),
  // Checked one by one: a bad tool call must not cost the message its usage.
  toolCalls: z.array(z.unknown()).optional().nullable(),
});

export type GeminiTokens = z.infer<typeof GeminiTokens>;
export type GeminiMessage = z.infer<typeof GeminiMessage>;
export type GeminiToolCall = z.infer<typeof GeminiToolCall>;
