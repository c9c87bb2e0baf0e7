// How each adapter classifies lines it cannot use: unknown types, malformed JSON, wrong field types and known but
// unused types each get their own result, and no input makes a parser throw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADAPTERS } from '../../src/adapters/index.js';
import { parseClaudeLine } from '../../src/adapters/claude-code/parse.js';
import { parseCodexLine } from '../../src/adapters/codex/parse.js';

const claude = (line: string) => parseClaudeLine(line, { state: {}, path: '/p/-home-dev-shop/s.jsonl' }).result;
const codex = (line: string) => parseCodexLine(line, { state: {}, path: '/p/2026/03/08/rollout-x.jsonl' }).result;
const TS = '"timestamp":"2026-03-08T10:00:00.000Z"';

describe('claude-code line results', () => {
  it('counts known-but-unused line types as ignored', () => {
    assert.equal(claude(`{"type":"file-history-snapshot","messageId":"m1","snapshot":{"trackedFileBackups":{}},"isSnapshotUpdate":false}`), 'ignored');
    assert.equal(claude(`{"type":"queue-operation","operation":"enqueue",${TS},"sessionId":"s1","content":"later"}`), 'ignored');
  });

  it('counts a type it does not know as unknown_type', () => {
    assert.equal(claude(`{"type":"hologram",${TS},"sessionId":"s1"}`), 'unknown_type');
  });

  it('counts broken JSON, non-objects and wrongly typed fields as malformed', () => {
    for (const line of ['{"type":"assistant","message":{"id":"msg_01Cut', '[1,2,3]', '"text"', '42', 'null', 'true']) {
      assert.equal(claude(line), 'malformed', line);
    }
    assert.equal(claude(`{"type":"assistant",${TS},"message":{"id":"msg_01X","model":"m","usage":{"output_tokens":"lots"}}}`), 'malformed');
    assert.equal(claude(`{"type":"user","timestamp":1772964000,"message":{"role":"user","content":"hi"}}`), 'malformed');
    assert.equal(claude(`{"type":"assistant",${TS},"requestId":7,"message":{"id":"msg_01X","model":"m","usage":{"output_tokens":1}}}`), 'malformed');
    assert.equal(claude(`{"type":"assistant","message":{"id":"msg_01NoTime","model":"m","usage":{"output_tokens":1}}}`), 'malformed');
  });
});

describe('codex line results', () => {
  it('counts unknown types and typeless (pre-2025 header) lines as unknown_type', () => {
    assert.equal(codex(`{${TS},"type":"hologram","payload":{"type":"beam"}}`), 'unknown_type');
    assert.equal(codex(`{"id":"0199bbbb-legacy","timestamp":"2025-01-01T00:00:00Z","instructions":null}`), 'unknown_type');
  });

  it('counts broken JSON and wrongly typed payloads as malformed', () => {
    assert.equal(codex('{"timestamp":"2026-03-08T10:00:00Z","type":"event_msg","payload":{"type":"token_co'), 'malformed');
    assert.equal(codex('[]'), 'malformed');
    assert.equal(codex(`{${TS},"type":"event_msg","payload":"token_count"}`), 'malformed');
    assert.equal(codex(`{${TS},"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":-5}}}}`), 'malformed');
    assert.equal(codex(`{"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":5}}}}`), 'malformed');
  });

  it('counts a token_count without usage (rate limits only) as ignored', () => {
    assert.equal(codex(`{${TS},"type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":null}}`), 'ignored');
  });
});

describe('hostile input', () => {
  const nasty = [
    '', ' ', '{}', '{"type":null}', '{"type":"assistant"}', '{"type":"user","timestamp":"2026-03-08T10:00:00Z"}',
    '{"type":"assistant","timestamp":"2026-03-08T10:00:00Z","message":null}',
    '{"type":"assistant","timestamp":"2026-03-08T10:00:00Z","message":{"content":[null,1,"x",{"type":"tool_use"}],"usage":{}}}',
    '{"type":"user","timestamp":"2026-03-08T10:00:00Z","message":{"content":[{"type":"tool_result","tool_use_id":"t","is_error":true,"content":{"deep":[1]}}]}}',
    '{"type":"system","subtype":"api_error","timestamp":"2026-03-08T10:00:00Z","error":"boom"}',
    '{"type":"system","subtype":"api_error","timestamp":"not a time","error":{"status":"529"}}',
    '{"__proto__":{"polluted":true},"type":"assistant"}',
    '{"type":"event_msg","timestamp":"2026-03-08T10:00:00Z","payload":{"type":"token_count","info":{"total_token_usage":null,"last_token_usage":null}}}',
    '{"type":"response_item","timestamp":"2026-03-08T10:00:00Z","payload":{"type":"function_call_output","call_id":"c","output":"{not json"}}',
    '{"type":"response_item","timestamp":"2026-03-08T10:00:00Z","payload":{"type":"function_call_output","call_id":"c","output":{"metadata":{"exit_code":"1"}}}}',
    '{"type":"event_msg","timestamp":"2026-03-08T10:00:00Z","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":1e308,"output_tokens":1e308}}}}',
    `{"type":"assistant","timestamp":"${'9'.repeat(100)}"}`,
    '{"a":'.repeat(2000),
  ];

  it('never throws, whatever the line', () => {
    for (const adapter of ADAPTERS) {
      for (const line of nasty) {
        const out = adapter.parse(line, { state: {}, path: '/x.jsonl' });
        assert.ok(['parsed', 'ignored', 'unknown_type', 'malformed'].includes(out.result), `${adapter.id}: ${line.slice(0, 60)}`);
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
