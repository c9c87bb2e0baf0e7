// The `custom:` mapping is validated with zod; every mistake comes back with its YAML path and position.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../../src/config/file.js';
import { ConfigError } from '../../../src/config/problems.js';

/** Returns the problems of a config text as `LINE:COL: path: message` (without the file name). */
function problems(text: string): string[] {
  try {
    parseConfigText(text, 'c.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.line}:${p.col}: ${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

const base = 'custom:\n  - agent: runner\n    paths: [logs]\n';

describe('custom: config', () => {
  it('a minimal log is valid, with its defaults filled in', () => {
    const c = parseConfigText(base, 'c.yaml');
    assert.deepEqual(c.custom, [{ agent: 'runner', paths: ['logs'], include: '*.jsonl', timestamp: { field: 'timestamp', format: 'auto', marks: 'end' }, agents: [], fields: {}, inputIncludesCacheRead: false }]);
  });

  it('each mistake names its path', () => {
    const text = [
      'custom:',
      '  - agent: codex',
      '    paths: []',
      '    timestamp:',
      '      format: epoch',
      '    fields:',
      '      inputToken: usage.in',
      '      model: "usage..model"',
      '  - agent: Runner One',
      '  - agent: runner',
      '    paths: [a]',
      '  - agent: runner',
      '    paths: [b]',
      '    fields:',
      '      agent: who',
      '      durationMs: ms',
      '      durationSeconds: s',
    ].join('\n');
    assert.deepEqual(problems(text), [
      '2:12: custom[0].agent: this name belongs to a built-in agent (or means "other"); pick another',
      '3:12: custom[0].paths: must not be empty',
      '5:15: custom[0].timestamp.format: expected one of auto, iso8601, unix_s, unix_ms, unix_us, unix_ns, got the text "epoch"',
      '7:7: custom[0].fields.inputToken: unknown field; did you mean "inputTokens"?',
      '8:14: custom[0].fields.model: a field path is field names joined by dots, e.g. usage.input_tokens, got the text "usage..model"',
      '9:5: custom[1].paths: required field is missing',
      '9:12: custom[1].agent: an agent name is 1 to 40 lowercase letters, digits, - or _, starting with a letter, got the text "Runner One"',
      '12:5: custom[3].agents: fields.agent is set: list the agent names it may give here (others count under "agent")',
      '17:24: custom[3].fields.durationSeconds: set durationMs or durationSeconds, not both',
    ]);
  });

  it('two logs with one agent name: the second is named (checked once each log is valid)', () => {
    assert.deepEqual(problems(`${base}  - agent: runner\n    paths: [other]\n`), ['4:12: custom[1].agent: agent "runner" is already used by another custom log']);
  });

  it('an empty file-name pattern', () => {
    assert.deepEqual(problems(`${base}    include: ""\n`), ['4:14: custom[0].include: must not be empty']);
  });
});
