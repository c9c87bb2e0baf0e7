// Plan limits and context fill from literal Codex token_count lines, in both shapes Codex has written: `resets_at`
// (epoch seconds, 0.4x and later, with limit_id and plan_type) and the older `resets_in_seconds` (counted from the
// line's own time). The two resets_at lines are the rate-limit lines of ../shared/samples/codex/
// codemie-cli0.129-exec-turn.jsonl (from codemie-ai/codemie-code, Apache-2.0; the second with its used_percent changed),
// copied here so the tests stand alone; the resets_in_seconds line is written for this test in the older CLIs' shape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCodexLine } from '../../../src/adapters/codex/parse.js';
import type { FileState, ParseOutcome, Reading } from '../../../src/adapters/types.js';

const PATH = '/home/dev/.codex/sessions/2026/05/12/rollout-2026-05-12T10-00-00-0197aaaa-0000-7000-8000-000000000001.jsonl';
const meta = '{"timestamp":"2026-05-12T10:00:00.000Z","type":"session_meta","payload":{"id":"0197aaaa-0000-7000-8000-000000000001","cwd":"/home/dev/api","originator":"codex_cli_rs","cli_version":"0.129.0"}}';
const parseAll = (lines: string[], state: FileState = {}): ParseOutcome[] => lines.map((l) => parseCodexLine(l, { state, path: PATH }));
const readings = (out: ParseOutcome[]): Reading[] => out.flatMap((o) => o.readings ?? []);

// Codex 0.129: a rate-limit snapshot alone (info null), then the same limits with the turn's usage.
const RESETS_AT_NULL_INFO = '{"timestamp":"2026-05-12T10:00:01.050Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"limit_id":"codex","limit_name":null,"primary":{"used_percent":10.0,"window_minutes":300,"resets_at":1747150400},"secondary":{"used_percent":5.0,"window_minutes":10080,"resets_at":1747800000},"credits":null,"plan_type":"plus","rate_limit_reached_type":null}}}';
const RESETS_AT_WITH_USAGE = '{"timestamp":"2026-05-12T10:00:03.150Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":1024,"cached_input_tokens":512,"output_tokens":12,"reasoning_output_tokens":8,"total_tokens":1036},"last_token_usage":{"input_tokens":1024,"cached_input_tokens":512,"output_tokens":12,"reasoning_output_tokens":8,"total_tokens":1036},"model_context_window":258400},"rate_limits":{"limit_id":"codex","limit_name":null,"primary":{"used_percent":12.5,"window_minutes":300,"resets_at":1747150400},"secondary":{"used_percent":5.0,"window_minutes":10080,"resets_at":1747800000},"credits":null,"plan_type":"plus","rate_limit_reached_type":null}}}';
// Codex 0.3x: no limit_id or plan_type, reset times as seconds from the line's time.
const RESETS_IN = '{"timestamp":"2025-10-02T09:30:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":5200,"cached_input_tokens":2048,"output_tokens":14,"reasoning_output_tokens":0,"total_tokens":5214},"last_token_usage":{"input_tokens":5200,"cached_input_tokens":2048,"output_tokens":14,"reasoning_output_tokens":0,"total_tokens":5214},"model_context_window":272000},"rate_limits":{"primary":{"used_percent":42.5,"window_minutes":299,"resets_in_seconds":3600},"secondary":{"used_percent":88.0,"window_minutes":10079,"resets_in_seconds":200000}}}}';

describe('codex token_count: plan limits', () => {
  it('reads both windows, the plan type and the context fill (resets_at shape)', () => {
    const out = parseAll([meta, RESETS_AT_NULL_INFO, RESETS_AT_WITH_USAGE]);
    // The snapshot-only line is used now (it carries the limits): parsed, with readings and no events.
    assert.deepEqual(out.map((o) => [o.result, o.events.length, o.readings?.length ?? 0]), [['parsed', 1, 0], ['parsed', 0, 1], ['parsed', 1, 2]]);
    const [first, second, context] = readings(out);
    assert.deepEqual(first, {
      kind: 'plan',
      observedMs: Date.parse('2026-05-12T10:00:01.050Z'),
      planType: 'plus',
      windows: [
        { window: '5h', usedRatio: 0.1, resetsAtMs: 1747150400_000, windowMinutes: 300 },
        { window: '7d', usedRatio: 0.05, resetsAtMs: 1747800000_000, windowMinutes: 10080 },
      ],
    });
    assert.equal(second?.kind === 'plan' && second.windows[0]?.usedRatio, 0.125);
    // Context: the last request's input (cached included) over the model's window.
    assert.deepEqual(context, { kind: 'context', observedMs: Date.parse('2026-05-12T10:00:03.150Z'), sessionId: '0197aaaa-0000-7000-8000-000000000001', project: 'api', usedRatio: 1024 / 258400, windowTokens: 258400 });
  });

  it('reads the older resets_in_seconds shape, counting from the line\'s own time', () => {
    const [plan] = readings(parseAll([meta, RESETS_IN]));
    const at = Date.parse('2025-10-02T09:30:00.000Z');
    // Not 300 / 10080 minutes: the windows keep Codex's own names; no limit_id, no plan type.
    assert.deepEqual(plan, {
      kind: 'plan',
      observedMs: at,
      windows: [
        { window: 'primary', usedRatio: 0.425, resetsAtMs: at + 3_600_000, windowMinutes: 299 },
        { window: 'secondary', usedRatio: 0.88, resetsAtMs: at + 200_000_000, windowMinutes: 10079 },
      ],
    });
  });

  it('names the windows of a limit other than the main one after its id', () => {
    const line = RESETS_AT_NULL_INFO.replace('"limit_id":"codex"', '"limit_id":"Codex Other/Model"');
    const [plan] = readings(parseAll([meta, line]));
    assert.deepEqual(plan?.kind === 'plan' && plan.windows.map((w) => w.window), ['codex_other_model_5h', 'codex_other_model_7d']);
  });

  it('gives nothing for a re-emitted identical line (it stays ignored), and reads a change again', () => {
    const out = parseAll([meta, RESETS_AT_WITH_USAGE, RESETS_AT_WITH_USAGE.replace('10:00:03.150Z', '10:00:04.900Z'), RESETS_AT_WITH_USAGE.replace('10:00:03.150Z', '10:00:06.000Z').replace('"used_percent":12.5', '"used_percent":13.0')]);
    assert.deepEqual(out.map((o) => [o.result, o.readings?.length ?? 0]), [['parsed', 0], ['parsed', 2], ['ignored', 0], ['parsed', 1]]);
    // With resets_in_seconds a repeated line has a later reset time, but the same raw limits: still a repeat.
    const older = parseAll([meta, RESETS_IN, RESETS_IN.replace('09:30:00.000Z', '09:30:02.000Z')]);
    assert.deepEqual(older.map((o) => o.result), ['parsed', 'parsed', 'ignored']);
  });

  it('drops windows it cannot bound or read, and keeps the usable one', () => {
    const line = (primary: string) => `{"timestamp":"2026-05-12T10:00:01.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":${primary},"secondary":{"used_percent":7,"window_minutes":10080,"resets_at":1747800000}}}}`;
    for (const bad of [
      '{"used_percent":3.0}', // no reset time and no length: could never expire
      '{"used_percent":-1,"window_minutes":300,"resets_at":1747150400}',
      '{"used_percent":"10","window_minutes":300,"resets_at":1747150400}',
      '{"used_percent":1e9,"window_minutes":300,"resets_at":1747150400}',
      '{"used_percent":10,"resets_at":1747150400000}', // milliseconds where seconds belong, and no length
      '{"used_percent":10,"resets_in_seconds":-5}',
      'null',
      '[1,2]',
    ]) {
      const [plan] = readings(parseAll([meta, line(bad)]));
      assert.deepEqual(plan?.kind === 'plan' && plan.windows.map((w) => w.window), ['7d'], bad);
    }
    // Nothing usable at all: the line stays ignored, as before plan limits were read.
    const none = parseAll([meta, '{"timestamp":"2026-05-12T10:00:01.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":3.0}}}}']);
    assert.deepEqual([none[1]?.result, none[1]?.readings], ['ignored', undefined]);
  });

  it('reads no context without a positive model_context_window, and no readings in usage-only reads', () => {
    const noWindow = RESETS_AT_WITH_USAGE.replace('"model_context_window":258400', '"model_context_window":0');
    assert.deepEqual(readings(parseAll([meta, noWindow])).map((r) => r.kind), ['plan']);
    const scan = parseCodexLine(RESETS_AT_WITH_USAGE, { state: {}, path: PATH, usageOnly: true });
    assert.equal(scan.readings, undefined);
    assert.equal(scan.events.length, 1);
  });
});
