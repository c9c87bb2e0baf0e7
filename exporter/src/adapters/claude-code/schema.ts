// What agentmon reads from a Claude Code transcript line. Loose objects: Claude Code adds fields often, and
// anything not named here is neither read nor kept. The parser checks lines with the zod-free guards in read.ts, which
// a test keeps equal to these schemas.
import { z } from 'zod';

// The cap rejects absurd counts (a hostile or corrupt line) before they can make a total or cost infinite.
const tokenCount = z.number().nonnegative().max(1e12).optional();

export const ClaudeUsage = z.looseObject({
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  cache_creation_input_tokens: tokenCount,
  cache_read_input_tokens: tokenCount,
  cache_creation: z
    .looseObject({ ephemeral_5m_input_tokens: tokenCount, ephemeral_1h_input_tokens: tokenCount })
    .optional()
    .nullable(),
});

export const ClaudeMessage = z.looseObject({
  id: z.string().optional(),
  role: z.string().optional(),
  model: z.string().optional(),
  usage: ClaudeUsage.optional().nullable(),
  content: z.union([z.string(), z.array(z.unknown())]).optional().nullable(),
});

export const ClaudeLine = z.looseObject({
  type: z.string().optional(),
  subtype: z.string().optional(),
  uuid: z.string().optional(),
  timestamp: z.string().optional(),
  sessionId: z.string().optional(),
  cwd: z.string().optional(),
  requestId: z.string().optional(),
  isApiErrorMessage: z.boolean().optional(),
  isMeta: z.boolean().optional(),
  message: ClaudeMessage.optional().nullable(),
  error: z.unknown().optional(),
});

export type ClaudeLine = z.infer<typeof ClaudeLine>;
export type ClaudeUsage = z.infer<typeof ClaudeUsage>;
