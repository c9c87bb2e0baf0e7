// The Codex parser on literal rollout lines: cumulative token_count totals become per-turn deltas, tool calls and
// outputs become tool events with exit codes read from the output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codexDelta, parseCodexLine } from '../../../src/adapters/codex/parse.js';
import type { AgentEvent, FileState, RequestEvent } from '../../../src/adapters/types.js';

const PATH = '/home/dev/.codex/sessions/2026/03/07/rollout-2026-03-07T08-00-00-0199dddd-1111-7222-8333-444455556666.jsonl';
// Without session_meta the session id is the file name: call ids are scoped by it.
const STEM = PATH.split('/').pop()!.replace(/\.jsonl$/, '');
const parseAll = (lines: string[], state: FileState = {}) => lines.map((l) => parseCodexLine(l, { state, path: PATH }));
const requests = (events: AgentEvent[]) => events.filter((e): e is RequestEvent => e.kind === 'request');

const meta = '{"timestamp":"2026-03-07T08:00:00.000Z","type":"session_meta","payload":{"id":"0199dddd-1111-7222-8333-444455556666","cwd":"/home/dev/api","originator":"codex_cli_rs","cli_version":"0.110.0"}}';
const turn = (model: string, ts = '2026-03-07T08:00:00.020Z') => `{"timestamp":"${ts}","type":"turn_context","payload":{"turn_id":"t1","cwd":"/home/dev/api","model":"${model}","effort":"medium"}}`;
/** A token_count line; `total` is [input, cached, output, reasoning]. */
const tokens = (ts: string, total: number[], extra = '') => {
  const [i = 0, c = 0, o = 0, r = 0] = total;
  return `{"timestamp":"${ts}","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":${i},"cached_input_tokens":${c},"output_tokens":${o},"reasoning_output_tokens":${r},"total_tokens":${i + o}}${extra},"model_context_window":272000},"rate_limits":null}}`;
};
const usage = (i: number, c: number, o: number, r: number) => ({ input_tokens: i, cached_input_tokens: c, output_tokens: o, reasoning_output_tokens: r, total_tokens: i + o });

describe('codexDelta', () => {
  it('returns the first totals in full, then only growth, and null for a re-emitted unchanged total', () => {
    const st: FileState = {};
    assert.deepEqual(codexDelta(st, { total: usage(6000, 1000, 150, 40) }), [6000, 1000, 150, 40, 6150]);
    assert.equal(codexDelta(st, { total: usage(6000, 1000, 150, 40) }), null);
    assert.deepEqual(codexDelta(st, { total: usage(13500, 9000, 210, 45) }), [7500, 8000, 60, 5, 7560]);
  });

  it('treats a decrease as a reset: the new totals count in full', () => {
    const st: FileState = {};
    codexDelta(st, { total: usage(13500, 9000, 210, 45) });
    assert.deepEqual(codexDelta(st, { total: usage(2500, 0, 30, 0) }), [2500, 0, 30, 0, 2530]);
    assert.deepEqual(codexDelta(st, { total: usage(4000, 1500, 70, 9) }), [1500, 1500, 40, 9, 1540]);
  });

  it('falls back to last_token_usage when no totals are given, and to nothing when neither is', () => {
    assert.deepEqual(codexDelta({}, { last: usage(900, 100, 12, 0) }), [900, 100, 12, 0, 912]);
    assert.equal(codexDelta({}, {}), null);
  });
});

describe('codex parser: token_count', () => {
  it('counts a turn once even when its token_count is written twice (like the re-emitted sample)', () => {
    // Cumulative totals 9,400+170, repeated unchanged, then 19,800+330: the file holds 20,130 tokens, not 29,700.
    const out = parseAll([
      meta,
      turn('gpt-5.3-codex'),
      '{"timestamp":"2026-03-07T08:00:01.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":3.0}}}}',
      tokens('2026-03-07T08:00:03.000Z', [9400, 1400, 170, 90]),
      tokens('2026-03-07T08:00:04.500Z', [9400, 1400, 170, 90]),
      tokens('2026-03-07T08:00:07.000Z', [19800, 10600, 330, 100]),
    ]);
    assert.deepEqual(out.map((o) => o.result), ['parsed', 'parsed', 'ignored', 'parsed', 'ignored', 'parsed']);
    const reqs = requests(out.flatMap((o) => o.events));
    assert.deepEqual(reqs.map((r) => r.tokens), [
      { input: 8000, cacheRead: 1400, output: 170, cacheWrite5m: 0, cacheWrite1h: 0 },
      { input: 1200, cacheRead: 9200, output: 160, cacheWrite5m: 0, cacheWrite1h: 0 },
    ]);
    const sum = reqs.reduce((n, r) => n + r.tokens.input + r.tokens.cacheRead + r.tokens.output, 0);
    assert.equal(sum, 20130);
    assert.deepEqual(reqs.map((r) => [r.model, r.project, r.sessionId, r.dedupKey]), [
      ['gpt-5.3-codex', 'api', '0199dddd-1111-7222-8333-444455556666', null],
      ['gpt-5.3-codex', 'api', '0199dddd-1111-7222-8333-444455556666', null],
    ]);
  });

  it('keeps reasoning inside output rather than adding it again', () => {
    const [, ev] = parseAll([meta, tokens('2026-03-07T08:00:03.000Z', [1000, 0, 500, 400])]);
    assert.equal(requests(ev!.events)[0]?.tokens.output, 500);
  });

  it('takes the model from turn_context, and from info.model where the line names one', () => {
    const out = parseAll([meta, turn('gpt-5-codex'), tokens('2026-03-07T08:00:03.000Z', [100, 0, 10, 0]), tokens('2026-03-07T08:00:05.000Z', [200, 0, 20, 0], ',"model":"gpt-5.1-codex"'), turn('gpt-5.1-codex-mini', '2026-03-07T08:01:00.000Z'), tokens('2026-03-07T08:01:03.000Z', [300, 0, 30, 0])]);
    assert.deepEqual(requests(out.flatMap((o) => o.events)).map((r) => r.model), ['gpt-5-codex', 'gpt-5.1-codex', 'gpt-5.1-codex-mini']);
  });

  it('names the model "unknown" when no line did', () => {
    const [ev] = parseAll([tokens('2026-03-07T08:00:03.000Z', [100, 0, 10, 0])]);
    assert.deepEqual(requests(ev!.events).map((r) => [r.model, r.project, r.sessionId]), [['unknown', 'unknown', 'rollout-2026-03-07T08-00-00-0199dddd-1111-7222-8333-444455556666']]);
  });
});

describe('codex parser: tools and prompts', () => {
  const call = (id: string, name = 'exec_command') => `{"timestamp":"2026-03-07T08:00:02.000Z","type":"response_item","payload":{"type":"function_call","name":"${name}","arguments":"{}","call_id":"${id}"}}`;
  const output = (id: string, out: string) => `{"timestamp":"2026-03-07T08:00:04.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"${id}","output":${JSON.stringify(out)}}}`;
  const result = (line: string) => {
    const ev = parseAll([line])[0]!.events[0];
    return ev?.kind === 'tool_result' ? [ev.callId, ev.ok, ev.errorCategory] : ev?.kind;
  };

  it('turns function_call into a tool_call named after the function', () => {
    const ev = parseAll([call('call_T1', 'apply_patch')])[0]!.events[0];
    assert.deepEqual(ev?.kind === 'tool_call' && [ev.tool, ev.callId], ['apply_patch', `codex:${STEM}:call_T1`]);
  });

  it('reads exit codes from text and JSON outputs', () => {
    assert.deepEqual(result(output('call_T1', 'Exit code: 0\nWall time: 0.1 seconds\nOutput:\nok')), [`codex:${STEM}:call_T1`, true, undefined]);
    assert.deepEqual(result(output('call_T2', 'Exit code: 1\nWall time: 0.3 seconds\nOutput:\nFAIL')), [`codex:${STEM}:call_T2`, false, 'exit_code']);
    assert.deepEqual(result(output('call_T3', 'Process exited with code 2\nOutput:\n')), [`codex:${STEM}:call_T3`, false, 'exit_code']);
    assert.deepEqual(result(output('call_T4', '{"output":"ok","metadata":{"exit_code":0,"duration_seconds":0.2}}')), [`codex:${STEM}:call_T4`, true, undefined]);
    assert.deepEqual(result(output('call_T5', '{"output":"FAIL","metadata":{"exit_code":3,"duration_seconds":1.2}}')), [`codex:${STEM}:call_T5`, false, 'exit_code']);
  });

  it('counts the user message as a prompt', () => {
    const ev = parseAll(['{"timestamp":"2026-03-07T08:00:00.030Z","type":"event_msg","payload":{"type":"user_message","message":"add a health endpoint","images":[]}}'])[0]!.events;
    assert.deepEqual(ev.map((e) => e.kind), ['prompt']);
  });
});
