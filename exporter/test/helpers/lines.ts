// Builders for literal Claude Code and Codex log lines, shaped like the real ones (see ../shared/samples).

export interface ClaudeUsageSpec {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite5m?: number;
  cacheWrite1h?: number;
}

/** One assistant line (one content block) of a Claude Code response. */
export function claudeAssistant(o: { msgId: string; reqId?: string; ts: string; session?: string; cwd?: string; model?: string; usage: ClaudeUsageSpec; tool?: { id: string; name: string } }): string {
  const u = o.usage;
  const cw5 = u.cacheWrite5m ?? 0;
  const cw1 = u.cacheWrite1h ?? 0;
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    type: 'assistant',
    uuid: `u-${o.msgId}-${o.ts}`,
    timestamp: o.ts,
    sessionId: o.session ?? 'sess-1',
    cwd: o.cwd ?? '/home/dev/projects/alpha',
    ...(o.reqId ? { requestId: o.reqId } : {}),
    message: {
      id: o.msgId,
      type: 'message',
      role: 'assistant',
      model: o.model ?? 'claude-sonnet-4-5-20250929',
      content: o.tool ? [{ type: 'tool_use', id: o.tool.id, name: o.tool.name, input: { command: 'ls' } }] : [{ type: 'text', text: 'ok' }],
      usage: {
        input_tokens: u.input ?? 0,
        cache_creation_input_tokens: cw5 + cw1,
        cache_read_input_tokens: u.cacheRead ?? 0,
        cache_creation: { ephemeral_5m_input_tokens: cw5, ephemeral_1h_input_tokens: cw1 },
        output_tokens: u.output ?? 0,
      },
    },
  });
}

/** A user prompt line. */
export function claudePrompt(o: { ts: string; session?: string; cwd?: string; text?: string }): string {
  return JSON.stringify({ type: 'user', timestamp: o.ts, sessionId: o.session ?? 'sess-1', cwd: o.cwd ?? '/home/dev/projects/alpha', message: { role: 'user', content: o.text ?? 'please do the thing' } });
}

/** A user line carrying a tool result. */
export function claudeToolResult(o: { ts: string; toolUseId: string; isError?: boolean; text?: string; session?: string }): string {
  return JSON.stringify({
    type: 'user',
    timestamp: o.ts,
    sessionId: o.session ?? 'sess-1',
    cwd: '/home/dev/projects/alpha',
    message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: o.toolUseId, content: o.text ?? 'done', ...(o.isError ? { is_error: true } : {}) }] },
  });
}

/** A Codex token_count event with cumulative totals. */
export function codexTokenCount(o: { ts: string; input: number; cached: number; output: number; reasoning?: number }): string {
  const total = { input_tokens: o.input, cached_input_tokens: o.cached, output_tokens: o.output, reasoning_output_tokens: o.reasoning ?? 0, total_tokens: o.input + o.output };
  return JSON.stringify({ timestamp: o.ts, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: total, last_token_usage: total } } });
}

/** The first lines of a Codex rollout: session_meta and turn_context. */
export function codexHeader(o: { ts: string; id: string; cwd?: string; model?: string }): string {
  return [
    JSON.stringify({ timestamp: o.ts, type: 'session_meta', payload: { id: o.id, timestamp: o.ts, cwd: o.cwd ?? '/home/dev/projects/beta', cli_version: '0.120.0' } }),
    JSON.stringify({ timestamp: o.ts, type: 'turn_context', payload: { cwd: o.cwd ?? '/home/dev/projects/beta', model: o.model ?? 'gpt-5-codex' } }),
  ].join('\n');
}
