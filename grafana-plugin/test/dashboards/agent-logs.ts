// Builds agent log lines shaped like real Claude Code transcripts and Codex CLI rollouts (made-up ids and
// numbers). The committed history fixtures were written with these; the PromQL test appends fresh ones with
// current timestamps so rates, active sessions and stuck/looping detection have something to see.

const iso = (ms: number) => new Date(ms).toISOString();

/** One Claude Code exchange to write. */
export interface ClaudeSession {
  sessionId: string;
  cwd: string;
  model: string;
  /** Milliseconds of the first line; later lines follow a second or two apart. */
  startMs: number;
  /** Tool calls the model makes, each with its result. */
  tools: Array<{ name: string; input: Record<string, unknown>; ok: boolean; error?: string }>;
  /** Write a 529 overloaded retry before the final answer. */
  apiError?: boolean;
  /** Stop after the prompt (a session waiting for the model: "stuck"). */
  promptOnly?: boolean;
  /** Unique prefix for message ids, request ids and uuids. */
  tag: string;
}

/** Returns the lines of a Claude Code session: prompt, tool-use responses, results, retry, final answer. */
export function claudeLines(s: ClaudeSession): string[] {
  let t = s.startMs;
  let n = 0;
  const base = () => ({
    parentUuid: null,
    isSidechain: false,
    userType: 'external',
    cwd: s.cwd,
    sessionId: s.sessionId,
    version: '2.1.40',
    gitBranch: 'main',
  });
  const uuid = () => `${s.tag}-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const usage = (input: number, output: number) => ({
    input_tokens: input,
    cache_creation_input_tokens: 1200,
    cache_read_input_tokens: 9000,
    cache_creation: { ephemeral_5m_input_tokens: 1200, ephemeral_1h_input_tokens: 0 },
    output_tokens: output,
    service_tier: 'standard',
  });
  const response = (k: number, content: unknown[], stop: string) =>
    JSON.stringify({
      ...base(),
      message: {
        model: s.model,
        id: `msg_${s.tag}_${k}`,
        type: 'message',
        role: 'assistant',
        content,
        stop_reason: stop,
        stop_sequence: null,
        usage: usage(5 + k, 60 + 10 * k),
      },
      requestId: `req_${s.tag}_${k}`,
      type: 'assistant',
      uuid: uuid(),
      timestamp: iso((t += 2000)),
    });
  const lines = [
    JSON.stringify({
      ...base(),
      type: 'user',
      message: { role: 'user', content: 'make the checkout tests pass' },
      uuid: uuid(),
      timestamp: iso(t),
    }),
  ];
  if (s.promptOnly) {
    return lines;
  }
  s.tools.forEach((tool, i) => {
    const id = `toolu_${s.tag}_${i}`;
    lines.push(response(i, [{ type: 'tool_use', id, name: tool.name, input: tool.input }], 'tool_use'));
    const content = tool.ok ? 'done' : `<tool_use_error>${tool.error ?? 'Error'}</tool_use_error>`;
    lines.push(
      JSON.stringify({
        ...base(),
        type: 'user',
        message: {
          role: 'user',
          content: [{ tool_use_id: id, type: 'tool_result', content, ...(tool.ok ? {} : { is_error: true }) }],
        },
        uuid: uuid(),
        timestamp: iso((t += 1500)),
        toolUseResult: tool.ok ? { stdout: 'done' } : `Error: ${tool.error ?? 'Error'}`,
      })
    );
  });
  if (s.apiError) {
    lines.push(
      JSON.stringify({
        ...base(),
        type: 'system',
        subtype: 'api_error',
        level: 'error',
        error: {
          status: 529,
          headers: {},
          requestID: null,
          error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        },
        retryInMs: 1100,
        retryAttempt: 1,
        maxRetries: 10,
        uuid: uuid(),
        timestamp: iso((t += 500)),
      })
    );
  }
  lines.push(response(s.tools.length, [{ type: 'text', text: 'All checkout tests pass now.' }], 'end_turn'));
  return lines;
}

/** One Codex CLI turn to write. */
export interface CodexSession {
  id: string;
  cwd: string;
  model: string;
  startMs: number;
  /** Shell commands run, each with its exit code. */
  commands: Array<{ cmd: string; exitCode: number }>;
  /** Cumulative token totals before this turn (Codex writes running totals). */
  before?: { input: number; cached: number; output: number };
  /** Plan limits on the token_count lines (Codex 0.4x+ shape): used percent and reset time (epoch s) per window. */
  rateLimits?: { fiveHour: [number, number]; sevenDay: [number, number]; planType: string };
}

/** The rate_limits object of a token_count line, or null as older fixtures have it. */
function rateLimitsOf(r: CodexSession['rateLimits']): Record<string, unknown> | null {
  if (!r) {
    return null;
  }
  return {
    limit_id: 'codex',
    limit_name: null,
    primary: { used_percent: r.fiveHour[0], window_minutes: 300, resets_at: r.fiveHour[1] },
    secondary: { used_percent: r.sevenDay[0], window_minutes: 10080, resets_at: r.sevenDay[1] },
    credits: null,
    plan_type: r.planType,
    rate_limit_reached_type: null,
  };
}

/** Returns the lines of a Codex rollout: meta, turn context, prompt, commands with outputs, token totals. */
export function codexLines(s: CodexSession): string[] {
  let t = s.startMs;
  const at = (ms = 500) => iso((t += ms));
  const b = s.before ?? { input: 0, cached: 0, output: 0 };
  const total = { input: b.input, cached: b.cached, output: b.output };
  const lines = [
    JSON.stringify({
      timestamp: iso(t),
      type: 'session_meta',
      payload: {
        id: s.id,
        timestamp: iso(t),
        cwd: s.cwd,
        originator: 'codex_cli_rs',
        cli_version: '0.110.0',
        source: 'cli',
        model_provider: 'openai',
      },
    }),
    JSON.stringify({
      timestamp: at(),
      type: 'turn_context',
      payload: {
        turn_id: `turn-${s.id}`,
        cwd: s.cwd,
        approval_policy: 'on-request',
        sandbox_policy: { type: 'workspace-write' },
        model: s.model,
        effort: 'medium',
        summary: 'auto',
      },
    }),
    JSON.stringify({
      timestamp: at(),
      type: 'event_msg',
      payload: { type: 'user_message', message: 'add a health endpoint', images: [] },
    }),
  ];
  s.commands.forEach((c, i) => {
    const callId = `call_${s.id.slice(0, 8)}_${i}`;
    lines.push(
      JSON.stringify({
        timestamp: at(1500),
        type: 'response_item',
        payload: {
          type: 'function_call',
          name: 'exec_command',
          arguments: JSON.stringify({ cmd: c.cmd }),
          call_id: callId,
        },
      })
    );
    total.input += 4000;
    total.cached += 1000;
    total.output += 150;
    const usage = {
      input_tokens: total.input,
      cached_input_tokens: total.cached,
      output_tokens: total.output,
      reasoning_output_tokens: 40,
      total_tokens: total.input + total.output,
    };
    lines.push(
      JSON.stringify({
        timestamp: at(10),
        type: 'event_msg',
        payload: {
          type: 'token_count',
          info: { total_token_usage: usage, last_token_usage: usage, model_context_window: 272000 },
          rate_limits: rateLimitsOf(s.rateLimits),
        },
      })
    );
    lines.push(
      JSON.stringify({
        timestamp: at(800),
        type: 'response_item',
        payload: {
          type: 'function_call_output',
          call_id: callId,
          output: `Exit code: ${c.exitCode}\nWall time: 0.8 seconds\nOutput:\nok`,
        },
      })
    );
  });
  lines.push(
    JSON.stringify({
      timestamp: at(),
      type: 'event_msg',
      payload: { type: 'agent_message', message: 'Added GET /health.' },
    })
  );
  return lines;
}
