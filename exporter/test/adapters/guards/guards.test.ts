// The hand-written line guards on the hot path accept exactly what the zod schemas accept.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClaudeLine, readClaudeLine } from '../../../src/adapters/claude-code/schema.js';
import { CodexLine, readCodexLine } from '../../../src/adapters/codex/schema.js';

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
