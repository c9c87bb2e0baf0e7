// The Codex adapter's usage markers: a usage-only read must keep the lines that carry totals, the model and the
// session, and the markers exist to skip the rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codexAdapter } from '../../../src/adapters/codex/index.js';
import type { FileState } from '../../../src/adapters/types.js';
import { usageLineFilter } from '../../../src/tail/usage-filter.js';

const PATH = '/home/dev/.codex/sessions/2026/03/07/rollout-2026-03-07T08-00-00-0199ffff-1111-7222-8333-444455556666.jsonl';
const TS = '2026-03-07T08:00:00.000Z';
const line = (type: string, payload: unknown) => JSON.stringify({ timestamp: TS, type, payload });

describe('codex usage markers', () => {
  it('keep the token_count, turn_context and session_meta lines a request is built from', () => {
    const keep = usageLineFilter(codexAdapter.usageMarkers ?? []);
    const lines = [
      line('session_meta', { id: '0199ffff-1111-7222-8333-444455556666', cwd: '/home/dev/api' }),
      line('turn_context', { cwd: '/home/dev/api', model: 'gpt-5-codex' }),
      line('event_msg', { type: 'token_count', info: { total_token_usage: { input_tokens: 10, output_tokens: 4, total_tokens: 14 } } }),
    ];
    const st: FileState = {};
    const events = lines.flatMap((l) => codexAdapter.parse(l, { state: st, path: PATH, usageOnly: true }).events);
    const req = events.find((e) => e.kind === 'request');
    // Each line shapes the request: session, project and model come from the first two.
    assert.deepEqual(req && req.kind === 'request' && [req.sessionId, req.project, req.model], ['0199ffff-1111-7222-8333-444455556666', 'api', 'gpt-5-codex']);
    for (const l of lines) assert.equal(keep(Buffer.from(l)), true, l);
  });

  it('skip a line that carries none of them', () => {
    const keep = usageLineFilter(codexAdapter.usageMarkers ?? []);
    assert.equal(keep(Buffer.from(line('response_item', { type: 'message', role: 'user', content: 'hello there' }))), false);
  });
});
