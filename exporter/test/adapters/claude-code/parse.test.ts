// The Claude Code parser on literal transcript lines: what each line type turns into, before any dedup.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claudeDedupKey, claudeTokens, parseClaudeLine } from '../../../src/adapters/claude-code/parse.js';
import type { AgentEvent, FileState } from '../../../src/adapters/types.js';

const PATH = '/home/dev/.claude/projects/-home-dev-shop/5e551010-aaaa-4bbb-8ccc-0000000000c1.jsonl';
const parse = (line: string, state: FileState = {}) => parseClaudeLine(line, { state, path: PATH });
const kinds = (events: AgentEvent[]) => events.map((e) => e.kind);
const HEAD = '"cwd":"/home/dev/shop","sessionId":"5e551010-aaaa-4bbb-8ccc-0000000000c1","version":"2.1.40"';

/** One content block of a streamed response; every block's line repeats the response's usage. */
const block = (content: string, output: number, ts: string) =>
  `{${HEAD},"message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01ParseAAAAAAAAAAAAAAAA","type":"message","role":"assistant","content":[${content}],"usage":{"input_tokens":4,"cache_creation_input_tokens":300,"cache_read_input_tokens":9000,"cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":200},"output_tokens":${output}}},"requestId":"req_01ParseAAAAAAAAAAAAAAAA","type":"assistant","uuid":"c1000000-0000-4000-8000-00000000000${output % 10}","timestamp":"${ts}"}`;

describe('claude-code parser: assistant lines', () => {
  it('turns a usage line into one request with the split cache writes, project and session', () => {
    const out = parse(block('{"type":"text","text":"hi"}', 10, '2026-03-02T10:00:00.000Z'));
    assert.equal(out.result, 'parsed');
    assert.deepEqual(out.events, [
      {
        kind: 'request',
        timestampMs: Date.parse('2026-03-02T10:00:00.000Z'),
        sessionId: '5e551010-aaaa-4bbb-8ccc-0000000000c1',
        project: 'shop',
        model: 'claude-sonnet-4-5-20250929',
        tokens: { input: 4, output: 10, cacheRead: 9000, cacheWrite5m: 100, cacheWrite1h: 200 },
        dedupKey: 'claude:msg_01ParseAAAAAAAAAAAAAAAA:req_01ParseAAAAAAAAAAAAAAAA',
      },
    ]);
  });

  it('gives every block line of one response the same key (the ledger counts it once)', () => {
    const st: FileState = {};
    const keys = [
      parse(block('{"type":"thinking","thinking":"x","signature":"s"}', 10, '2026-03-02T10:00:00.000Z'), st),
      parse(block('{"type":"tool_use","id":"toolu_01ParseGrep000000001","name":"Grep","input":{}}', 299, '2026-03-02T10:00:01.000Z'), st),
    ].map((o) => (o.events[0]?.kind === 'request' ? o.events[0].dedupKey : undefined));
    assert.deepEqual(keys, ['claude:msg_01ParseAAAAAAAAAAAAAAAA:req_01ParseAAAAAAAAAAAAAAAA', 'claude:msg_01ParseAAAAAAAAAAAAAAAA:req_01ParseAAAAAAAAAAAAAAAA']);
  });

  it('emits a tool_call for each tool_use block beside the request', () => {
    const out = parse(block('{"type":"tool_use","id":"toolu_01ParseGrep000000001","name":"Grep","input":{}},{"type":"tool_use","id":"toolu_01ParseRead000000001","name":"Read","input":{}}', 20, '2026-03-02T10:00:00.000Z'));
    assert.deepEqual(kinds(out.events), ['request', 'tool_call', 'tool_call']);
    assert.deepEqual(out.events.flatMap((e) => (e.kind === 'tool_call' ? [[e.tool, e.callId]] : [])), [['Grep', 'toolu_01ParseGrep000000001'], ['Read', 'toolu_01ParseRead000000001']]);
  });

  it('keys on message.id alone when requestId is missing (Bedrock, proxies)', () => {
    assert.equal(claudeDedupKey('msg_bdrk_01Abc', undefined), 'claude:msg_bdrk_01Abc');
    assert.notEqual(claudeDedupKey('msg_01Same', 'req_01A'), claudeDedupKey('msg_01Same', 'req_01B'));
    const line = block('{"type":"text","text":"x"}', 5, '2026-03-02T10:00:00.000Z').replace(',"requestId":"req_01ParseAAAAAAAAAAAAAAAA"', '').replace('msg_01ParseAAAAAAAAAAAAAAAA', 'msg_bdrk_01ParseBBBBBBBBBBBBB');
    const ev = parse(line).events[0];
    assert.equal(ev?.kind === 'request' && ev.dedupKey, 'claude:msg_bdrk_01ParseBBBBBBBBBBBBB');
  });

  it('puts cache writes without a 5m/1h split in the 5-minute bucket', () => {
    assert.deepEqual(claudeTokens({ input_tokens: 1, output_tokens: 2, cache_creation_input_tokens: 700, cache_read_input_tokens: 3 }), { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 700, cacheWrite1h: 0 });
    assert.deepEqual(claudeTokens({ cache_creation_input_tokens: 700, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 700 } }), { input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 700 });
  });
});

describe('claude-code parser: errors', () => {
  const synthetic = (status: number, type: string) =>
    `{${HEAD},"type":"assistant","uuid":"c1000000-0000-4000-8000-0000000000e${status % 10}","timestamp":"2026-03-02T11:00:00.000Z","message":{"id":"6f1d0c2e-0000-4000-8000-0000000000c1","model":"<synthetic>","role":"assistant","type":"message","usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0},"content":[{"type":"text","text":"API Error: ${status} {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"${type}\\",\\"message\\":\\"x\\"}}"}]},"isApiErrorMessage":true}`;

  it('turns <synthetic> API-error messages into api_error events, never requests', () => {
    const overloaded = parse(synthetic(529, 'overloaded_error'));
    assert.deepEqual(kinds(overloaded.events), ['api_error']);
    assert.equal(overloaded.events[0]?.kind === 'api_error' && overloaded.events[0].errorKind, 'overloaded');
    const limited = parse(synthetic(429, 'rate_limit_error'));
    assert.equal(limited.events[0]?.kind === 'api_error' && limited.events[0].errorKind, 'rate_limit');
  });

  it('treats the <synthetic> model as an error on its own, without isApiErrorMessage', () => {
    // Usage on purpose: were the line read as a response, it would count 7 input tokens.
    const line = synthetic(529, 'overloaded_error').replace(',"isApiErrorMessage":true', '').replace('"input_tokens":0', '"input_tokens":7');
    assert.ok(!line.includes('isApiErrorMessage') && line.includes('"input_tokens":7'));
    const out = parse(line);
    assert.deepEqual(kinds(out.events), ['api_error']);
    assert.equal(out.events[0]?.kind === 'api_error' && out.events[0].errorKind, 'overloaded');
  });

  it('treats isApiErrorMessage as an error even when the model name is a real one', () => {
    const out = parse(synthetic(529, 'overloaded_error').replace('<synthetic>', 'claude-sonnet-4-5-20250929'));
    assert.deepEqual(kinds(out.events), ['api_error']);
  });

  it('turns system/api_error retry lines into api_error keyed by uuid', () => {
    const retry = (status: number, type: string, uuid: string) =>
      `{${HEAD},"type":"system","subtype":"api_error","level":"error","error":{"status":${status},"error":{"type":"error","error":{"type":"${type}","message":"x"}}},"retryInMs":1100,"retryAttempt":1,"maxRetries":10,"uuid":"${uuid}","timestamp":"2026-03-02T11:00:00.000Z"}`;
    const a = parse(retry(529, 'overloaded_error', 'c1000000-0000-4000-8000-0000000000f1')).events[0];
    assert.deepEqual(a?.kind === 'api_error' && [a.errorKind, a.dedupKey], ['overloaded', 'claude-err:c1000000-0000-4000-8000-0000000000f1']);
    const b = parse(retry(429, 'rate_limit_error', 'c1000000-0000-4000-8000-0000000000f2')).events[0];
    assert.equal(b?.kind === 'api_error' && b.errorKind, 'rate_limit');
    const c = parse(retry(500, 'api_error', 'c1000000-0000-4000-8000-0000000000f3')).events[0];
    assert.equal(c?.kind === 'api_error' && c.errorKind, 'server');
  });
});

describe('claude-code parser: user lines', () => {
  const user = (content: string, extra = '') => `{${HEAD},"type":"user","message":{"role":"user","content":${content}},"uuid":"c1000000-0000-4000-8000-0000000000d1","timestamp":"2026-03-02T12:00:00.000Z"${extra}}`;

  it('counts typed text as a prompt, but not meta lines', () => {
    assert.deepEqual(kinds(parse(user('"fix the build"')).events), ['prompt']);
    assert.deepEqual(kinds(parse(user('[{"type":"text","text":"fix the build"}]')).events), ['prompt']);
    assert.deepEqual(kinds(parse(user('"<local-command-caveat>x</local-command-caveat>"', ',"isMeta":true')).events), ['activity']);
  });

  it('classifies failed tool results and never calls a tool result a prompt', () => {
    const rejected = parse(user('[{"type":"tool_result","content":"The user doesn\'t want to proceed with this tool use. The tool use was rejected.","is_error":true,"tool_use_id":"toolu_01ParseEdit000000001"}]'));
    assert.deepEqual(rejected.events.map((e) => e.kind === 'tool_result' && [e.callId, e.ok, e.errorCategory]), [['toolu_01ParseEdit000000001', false, 'rejected']]);
    const ok = parse(user('[{"tool_use_id":"toolu_01ParseRead000000001","type":"tool_result","content":"1\\tconst a = 1"}]')).events[0];
    assert.deepEqual(ok?.kind === 'tool_result' && [ok.ok, ok.errorCategory], [true, undefined]);
    const missing = parse(user('[{"type":"tool_result","content":[{"type":"text","text":"File does not exist."}],"is_error":true,"tool_use_id":"toolu_01ParseRead000000002"}]')).events[0];
    assert.equal(missing?.kind === 'tool_result' && missing.errorCategory, 'not_found');
  });

  it('measures response latency from the last user line of the file', () => {
    const st: FileState = {};
    parse(user('"go"'), st);
    const ev = parse(block('{"type":"text","text":"ok"}', 3, '2026-03-02T12:00:07.500Z'), st).events[0];
    assert.equal(ev?.kind === 'request' && ev.latencySeconds, 7.5);
  });
});

describe('claude-code parser: project without a working folder', () => {
  // A line as ccusage's minimal fixtures and older transcripts write it: usage, but no cwd.
  const bare = (path: string, cwd?: string) =>
    parseClaudeLine(JSON.stringify({ type: 'assistant', timestamp: '2026-01-09T10:00:00Z', sessionId: 's', requestId: 'r', ...(cwd ? { cwd } : {}), message: { id: 'm', model: 'claude-opus-4-6', usage: { input_tokens: 1 } } }), { state: {}, path }).events[0]?.project;

  it('takes the project from the folder Claude Code keeps the transcript in', () => {
    assert.equal(bare('/h/.claude/projects/-home-dev-shop/5e551010-aaaa-4bbb-8ccc-0000000000c1.jsonl'), 'shop');
    assert.equal(bare('/h/.claude/projects/-home-dev-shop/5e551010-aaaa-4bbb-8ccc-0000000000c1/subagents/agent-a1.jsonl'), 'shop');
    assert.equal(bare('C:\\Users\\dev\\.claude\\projects\\C--Users-dev-api\\x.jsonl'), 'api');
    // A folder that is not an encoded path, directly under projects/, is the name itself.
    assert.equal(bare('/h/.claude/projects/project-alpha/session-alpha/chat.jsonl'), 'project-alpha');
    assert.equal(bare('/somewhere/else/x.jsonl'), 'unknown');
  });

  it('lets the working folder win when a line names one', () => {
    assert.equal(bare('/h/.claude/projects/-home-dev-shop/x.jsonl', '/home/dev/shop-v2'), 'shop-v2');
  });
});
