// Claude Code transcript lines stamped with a chosen time, for tests that run the real exporter against logs
// written "now" (session health and budgets only look at recent events). Shaped like ../shared/samples.

/** The model the test configs price at round numbers: $10 per million output tokens, $1 per million input. */
export const TEST_MODEL = 'agentmon-test-model';
export const TEST_PRICES = { [TEST_MODEL]: { input: 1, output: 10, cacheWrite5m: 1, cacheWrite1h: 1, cacheRead: 0.1 } };

export interface LineWriter {
  prompt(): string;
  /** A response that calls `tool` with `input`; `outputTokens` priced at $10/M. */
  toolUse(callId: string, tool: string, input: unknown, outputTokens?: number): string;
  toolResult(callId: string, isError: boolean): string;
  text(outputTokens: number): string;
}

/** Returns line builders for one session of project `project`, stamped by `clock()` (ms). */
export function claudeSession(sessionId: string, project: string, clock: () => number = Date.now): LineWriter {
  let n = 0;
  const common = () => ({ sessionId, cwd: `/home/dev/${project}`, timestamp: new Date(clock()).toISOString(), uuid: `${sessionId}-${++n}`, isSidechain: false, version: '2.1.38' });
  const assistant = (content: unknown[], outputTokens: number) => {
    const id = `msg_${sessionId}_${++n}`;
    return JSON.stringify({
      ...common(),
      type: 'assistant',
      requestId: `req_${id}`,
      message: { id, type: 'message', role: 'assistant', model: TEST_MODEL, content, usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens } },
    });
  };
  return {
    prompt: () => JSON.stringify({ ...common(), type: 'user', message: { role: 'user', content: 'please fix the failing test' } }),
    toolUse: (callId, tool, input, outputTokens = 100) => assistant([{ type: 'tool_use', id: callId, name: tool, input }], outputTokens),
    toolResult: (callId, isError) =>
      JSON.stringify({ ...common(), type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: callId, content: isError ? 'Exit code 1\nnpm ERR! test failed' : 'ok', ...(isError ? { is_error: true } : {}) }] } }),
    text: (outputTokens) => assistant([{ type: 'text', text: 'done' }], outputTokens),
  };
}
