// The hand-written guards the parsers use accept exactly what the zod schemas accept.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isClaudeUsage, readClaudeLine } from '../../../src/adapters/claude-code/read.js';
import { ClaudeLine, ClaudeUsage } from '../../../src/adapters/claude-code/schema.js';
import { readCodexLine, readCodexTokenInfo } from '../../../src/adapters/codex/read.js';
import { CodexLine, CodexTokenInfo } from '../../../src/adapters/codex/schema.js';
import { readGeminiMessage, readGeminiToolCall } from '../../../src/adapters/gemini/read.js';
import { GeminiMessage, GeminiToolCall } from '../../../src/adapters/gemini/schema.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

function fixtureObjects(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.jsonl')) {
        for (const line of readFileSync(p, 'utf8').split('\n')) {
          try {
            const v = JSON.parse(line) as unknown;
            if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v as Record<string, unknown>);
          } catch {
            // malformed fixture lines are the parsers' business, not the guards'
          }
        }
      }
    }
  };
  walk(FIXTURES);
  return out;
}

/** Every message of the Gemini fixtures: .jsonl records and the legacy .json documents' `messages`. */
function geminiMessages(): unknown[] {
  const out: unknown[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.jsonl')) out.push(...readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown));
      else if (name.endsWith('.json')) out.push(...(JSON.parse(readFileSync(p, 'utf8')) as { messages: unknown[] }).messages);
    }
  };
  walk(join(FIXTURES, 'gemini'));
  return out;
}

// Shapes a hostile or corrupt line might have, each a small change to a valid line.
const HOSTILE: Record<string, unknown>[] = [
  { type: 7 }, { type: 'assistant', timestamp: 5 }, { sessionId: ['x'] }, { cwd: {} }, { requestId: null }, { isMeta: 'yes' },
  { isApiErrorMessage: 1 }, { message: 'text' }, { message: [1] }, { message: { id: 3 } }, { message: { role: false } },
  { message: { model: {} } }, { message: { content: 5 } }, { message: { content: {} } }, { message: { content: null } },
  { message: { usage: { input_tokens: -1 } } }, { message: { usage: { output_tokens: '9' } } }, { message: { usage: { input_tokens: 2e12 } } },
  { message: { usage: { cache_creation: { ephemeral_1h_input_tokens: -3 } } } }, { message: { usage: null } }, { message: null },
  { type: 'x', payload: [] }, { type: 'x', payload: { type: 1 } }, { type: 'x', payload: null }, { timestamp: 'x', type: 'y', payload: { type: 'z' } },
  {}, { subtype: 9 }, { uuid: 1 },
];

test('readClaudeLine agrees with the ClaudeLine schema', () => {
  const all = [...fixtureObjects(), ...HOSTILE];
  assert.ok(all.length > 100, `only ${all.length} shapes`);
  for (const obj of all) assert.equal(readClaudeLine(obj) !== undefined, ClaudeLine.safeParse(obj).success, JSON.stringify(obj).slice(0, 200));
});

test('readCodexLine agrees with the CodexLine schema', () => {
  for (const obj of [...fixtureObjects(), ...HOSTILE]) assert.equal(readCodexLine(obj) !== undefined, CodexLine.safeParse(obj).success, JSON.stringify(obj).slice(0, 200));
});

// The usage objects themselves: every value the schemas might see in a count field, in every field.
const COUNT_VALUES: unknown[] = [undefined, null, 0, -0, 1, 123.5, -1, 1e12, 1e12 + 1, Number.NaN, Number.POSITIVE_INFINITY, '5', true, [], {}];
const CLAUDE_USAGE_FIELDS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'];
const CODEX_USAGE_FIELDS = ['input_tokens', 'cached_input_tokens', 'output_tokens', 'reasoning_output_tokens', 'total_tokens'];

function usageShapes(fields: string[], nested?: { key: string; fields: string[] }): unknown[] {
  const out: unknown[] = [undefined, null, 7, 'usage', [], [1], {}, { extra: 'kept' }];
  for (const f of fields) for (const v of COUNT_VALUES) out.push({ [f]: v }, { ...Object.fromEntries(fields.map((g) => [g, 3])), [f]: v });
  if (nested) {
    for (const v of [undefined, null, 1, 'x', [], {}]) out.push({ [nested.key]: v });
    for (const f of nested.fields) for (const v of COUNT_VALUES) out.push({ input_tokens: 1, [nested.key]: { [f]: v } });
  }
  return out;
}

function fixtureValues(pick: (obj: Record<string, unknown>) => unknown): unknown[] {
  return fixtureObjects().map(pick).filter((v) => v !== undefined);
}

test('isClaudeUsage agrees with the ClaudeUsage schema', () => {
  const fromFixtures = fixtureValues((o) => (o.message as Record<string, unknown> | undefined)?.usage);
  assert.ok(fromFixtures.length > 20, `only ${fromFixtures.length} usage objects in the fixtures`);
  const all = [...fromFixtures, ...usageShapes(CLAUDE_USAGE_FIELDS, { key: 'cache_creation', fields: ['ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens'] })];
  let accepted = 0;
  for (const u of all) {
    const ok = isClaudeUsage(u);
    if (ok) accepted++;
    assert.equal(ok, ClaudeUsage.safeParse(u).success, JSON.stringify(u) ?? String(u));
  }
  assert.ok(accepted > 0 && accepted < all.length, 'both outcomes are exercised');
});

test('readCodexTokenInfo agrees with the CodexTokenInfo schema', () => {
  const fromFixtures = fixtureValues((o) => (o.payload as Record<string, unknown> | undefined)?.info ?? undefined);
  assert.ok(fromFixtures.length > 5, `only ${fromFixtures.length} token_count infos in the fixtures`);
  const usages = usageShapes(CODEX_USAGE_FIELDS);
  const all: unknown[] = [...fromFixtures, undefined, null, [], 'info', {}, { model: 5 }, { model: 'gpt-5' }, { model: null }];
  for (const u of usages) all.push({ total_token_usage: u }, { last_token_usage: u, model: 'gpt-5-codex' });
  let accepted = 0;
  for (const info of all) {
    const ok = readCodexTokenInfo(info) !== undefined;
    if (ok) accepted++;
    assert.equal(ok, CodexTokenInfo.safeParse(info).success, JSON.stringify(info) ?? String(info));
  }
  assert.ok(accepted > 0 && accepted < all.length, 'both outcomes are exercised');
});

test('readGeminiMessage and readGeminiToolCall agree with the Gemini schemas', () => {
  const messages = geminiMessages();
  const calls = messages.flatMap((m) => ((m as { toolCalls?: unknown }).toolCalls as unknown[] | undefined) ?? []);
  assert.ok(messages.length > 10 && calls.length > 3, `only ${messages.length} messages and ${calls.length} tool calls in the fixtures`);
  const base = { id: 'm1', timestamp: '2026-03-02T10:00:04.000Z', type: 'gemini', model: 'gemini-2.5-flash' };
  const hostile: unknown[] = [undefined, null, 5, 'm', [], [base], {}, { id: '' }, { id: 7 }, { id: 'x' }];
  for (const k of ['timestamp', 'type', 'model']) for (const v of [undefined, null, 3, {}, [], 'ok']) hostile.push({ ...base, [k]: v });
  for (const v of [undefined, null, 1, 'x', [], {}, { extra: 1 }]) hostile.push({ ...base, tokens: v }, { ...base, toolCalls: v });
  for (const f of ['input', 'output', 'cached', 'thoughts', 'tool', 'total']) for (const v of COUNT_VALUES) hostile.push({ ...base, tokens: { [f]: v } });
  let accepted = 0;
  for (const m of [...messages, ...hostile]) {
    const ok = readGeminiMessage(m) !== undefined;
    if (ok) accepted++;
    assert.equal(ok, GeminiMessage.safeParse(m).success, JSON.stringify(m) ?? String(m));
  }
  assert.ok(accepted > 0 && accepted < messages.length + hostile.length, 'both outcomes are exercised');
  const call = { id: 'c1', name: 'write_file', status: 'success', timestamp: '2026-03-02T10:00:07.000Z' };
  const hostileCalls: unknown[] = [undefined, null, 'c', [], [call], {}, { id: '' }, { id: 1 }, { ...call, args: 5 }, { ...call, result: null }];
  for (const k of ['name', 'status', 'timestamp']) for (const v of [undefined, null, 3, {}, [], 'ok']) hostileCalls.push({ ...call, [k]: v });
  for (const c of [...calls, ...hostileCalls]) assert.equal(readGeminiToolCall(c) !== undefined, GeminiToolCall.safeParse(c).success, JSON.stringify(c) ?? String(c));
});
