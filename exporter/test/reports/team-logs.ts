// A small team's logs, written as real files for the report tests: two Claude Code sessions (one resumed, copying
// its lines), one Codex session, across two weeks of March 2026. What each line adds is in the comments; the
// tests assert these hand counts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const J = (o: unknown): string => JSON.stringify(o);

function claudeLines(session: string, cwd: string) {
  let n = 0;
  const common = (ts: string) => ({ sessionId: session, cwd, timestamp: ts, uuid: `${session}-u${++n}`, isSidechain: false, version: '2.1.40', userType: 'external' });
  return {
    prompt: (ts: string, text = 'please fix the failing test') => J({ ...common(ts), type: 'user', message: { role: 'user', content: text } }),
    assistant: (ts: string, o: { msg: string; model: string; input: number; output: number; cacheRead?: number; cacheWrite5m?: number; tool?: { id: string; name: string; input: unknown } }) =>
      J({
        ...common(ts),
        type: 'assistant',
        requestId: `req_${o.msg}`,
        message: {
          id: o.msg,
          type: 'message',
          role: 'assistant',
          model: o.model,
          content: o.tool ? [{ type: 'tool_use', id: o.tool.id, name: o.tool.name, input: o.tool.input }] : [{ type: 'text', text: 'done' }],
          usage: { input_tokens: o.input, output_tokens: o.output, cache_read_input_tokens: o.cacheRead ?? 0, cache_creation_input_tokens: o.cacheWrite5m ?? 0, cache_creation: { ephemeral_5m_input_tokens: o.cacheWrite5m ?? 0, ephemeral_1h_input_tokens: 0 } },
        },
      }),
    result: (ts: string, toolUseId: string, error?: string) =>
      J({ ...common(ts), type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUseId, content: error ?? 'ok', ...(error ? { is_error: true } : {}) }] } }),
  };
}

const OPUS = 'claude-opus-4-6';
const SONNET = 'claude-sonnet-4-5-20250929';
export const S1 = '5e551010-aaaa-4bbb-8ccc-0000000000a1';
export const S1R = '5e551010-aaaa-4bbb-8ccc-0000000000a2';
export const S2 = '5e551010-aaaa-4bbb-8ccc-0000000000b1';
export const C1 = '0199dddd-1111-7222-8333-444455556666';

/** Writes the logs below `dir` (claude/ and codex/ folders); returns the folders for --claude-dir / --codex-dir. */
export function writeTeamLogs(dir: string): { claude: string; codex: string } {
  const claude = join(dir, 'claude');
  const codex = join(dir, 'codex');
  // Week B, Tue 2026-03-10, project shop, Opus: 4 responses, 3 of them small (output 40, 30, 60); the 4th is
  // streamed as output 10 then 1200 (it starts small and must end up large). Read a.ts twice (1 repeat); Bash fails
  // with an exit code after 95 s; Reads take 2 s and 1 s.
  const a = claudeLines(S1, '/home/dev/shop');
  const s1 = [
    a.prompt('2026-03-10T10:00:00.000Z'),
    a.assistant('2026-03-10T10:00:01.000Z', { msg: 'msg_A1', model: OPUS, input: 5, output: 40, cacheRead: 10000, cacheWrite5m: 500, tool: { id: 'toolu_A1', name: 'Read', input: { file_path: 'src/a.ts' } } }),
    a.result('2026-03-10T10:00:03.000Z', 'toolu_A1'),
    a.assistant('2026-03-10T10:00:04.000Z', { msg: 'msg_A2', model: OPUS, input: 5, output: 30, cacheRead: 10500, tool: { id: 'toolu_A2', name: 'Read', input: { file_path: 'src/a.ts' } } }),
    a.result('2026-03-10T10:00:05.000Z', 'toolu_A2'),
    a.assistant('2026-03-10T10:00:06.000Z', { msg: 'msg_A3', model: OPUS, input: 5, output: 60, cacheRead: 10600, tool: { id: 'toolu_A3', name: 'Bash', input: { command: 'npm test' } } }),
    a.result('2026-03-10T10:01:41.000Z', 'toolu_A3', 'Exit code 1\n2 tests failed'),
    a.assistant('2026-03-10T10:01:50.000Z', { msg: 'msg_A4', model: OPUS, input: 10, output: 10, cacheRead: 11000 }),
    a.assistant('2026-03-10T10:01:50.000Z', { msg: 'msg_A4', model: OPUS, input: 10, output: 1200, cacheRead: 11000 }),
  ];
  // The resumed session copies S1's first 7 lines verbatim (nothing of them counts again), then one new exchange
  // in a new session id: a large response (output 2500), no tools.
  const r = claudeLines(S1R, '/home/dev/shop');
  const s1r = [...s1.slice(0, 7), r.prompt('2026-03-10T14:00:00.000Z', 'continue'), r.assistant('2026-03-10T14:00:05.000Z', { msg: 'msg_R1', model: OPUS, input: 8, output: 2500, cacheRead: 12000 })];
  // Week A, Tue 2026-03-03, project api, Sonnet: Grep fails (not_found) after 4 s, then a 500-token answer.
  const b = claudeLines(S2, '/home/dev/api');
  const s2 = [
    b.prompt('2026-03-03T15:00:00.000Z'),
    b.assistant('2026-03-03T15:00:02.000Z', { msg: 'msg_B1', model: SONNET, input: 100, output: 80, cacheWrite5m: 2000, tool: { id: 'toolu_B1', name: 'Grep', input: { pattern: 'TODO' } } }),
    b.result('2026-03-03T15:00:06.000Z', 'toolu_B1', 'No such file or directory: src/todo'),
    b.assistant('2026-03-03T15:00:08.000Z', { msg: 'msg_B2', model: SONNET, input: 20, output: 500, cacheRead: 2000 }),
  ];
  // Week B, Wed 2026-03-11, Codex on project api: `npm run lint` twice with the same arguments (1 repeat); the
  // first exits 0 after 3 s, the second exits 2 after 8 s. Two requests: 4,000 input (1,000 cached) / 100 output,
  // then 5,000 input (4,000 cached) / 50 output.
  const ts = (s: string) => `2026-03-11T09:00:${s}.000Z`;
  const c1 = [
    J({ timestamp: ts('00'), type: 'session_meta', payload: { id: C1, timestamp: ts('00'), cwd: '/home/dev/api', originator: 'codex_cli_rs', cli_version: '0.110.0' } }),
    J({ timestamp: ts('00'), type: 'turn_context', payload: { cwd: '/home/dev/api', model: 'gpt-5-codex' } }),
    J({ timestamp: ts('01'), type: 'event_msg', payload: { type: 'user_message', message: 'lint it' } }),
    J({ timestamp: ts('02'), type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: '{"cmd":"npm run lint"}', call_id: 'call_L1' } }),
    J({ timestamp: ts('02'), type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: 4000, cached_input_tokens: 1000, output_tokens: 100, reasoning_output_tokens: 0, total_tokens: 4100 }, last_token_usage: { input_tokens: 4000, cached_input_tokens: 1000, output_tokens: 100, reasoning_output_tokens: 0, total_tokens: 4100 } } } }),
    J({ timestamp: ts('05'), type: 'response_item', payload: { type: 'function_call_output', call_id: 'call_L1', output: 'Exit code: 0\nWall time: 3 seconds\nOutput:\nclean' } }),
    J({ timestamp: ts('06'), type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: '{"cmd":"npm run lint"}', call_id: 'call_L2' } }),
    J({ timestamp: ts('06'), type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: 9000, cached_input_tokens: 5000, output_tokens: 150, reasoning_output_tokens: 0, total_tokens: 9150 }, last_token_usage: { input_tokens: 5000, cached_input_tokens: 4000, output_tokens: 50, reasoning_output_tokens: 0, total_tokens: 5050 } } } }),
    J({ timestamp: ts('14'), type: 'response_item', payload: { type: 'function_call_output', call_id: 'call_L2', output: 'Exit code: 2\nWall time: 8 seconds\nOutput:\nlint errors' } }),
  ];
  const put = (path: string, lines: string[]) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `${lines.join('\n')}\n`);
  };
  put(join(claude, '-home-dev-shop', `${S1}.jsonl`), s1);
  put(join(claude, '-home-dev-shop', `${S1R}.jsonl`), s1r);
  put(join(claude, '-home-dev-api', `${S2}.jsonl`), s2);
  put(join(codex, '2026', '03', '11', `rollout-2026-03-11T09-00-00-${C1}.jsonl`), c1);
  return { claude, codex };
}
