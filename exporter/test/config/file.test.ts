// parseConfigText: problems as data (source, line, col, path, message), and the YAML edge cases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../src/config/file.js';
import { ConfigError, type ConfigProblem } from '../../src/config/problems.js';

function problemsOf(text: string): ConfigProblem[] {
  try {
    parseConfigText(text, 'c.yaml');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('parseConfigText', () => {
  it('returns the typed config with defaults filled in', () => {
    const c = parseConfigText('port: 9100\nlabels:\n  static: { team: infra }\n', 'c.yaml');
    assert.equal(c.port, 9100);
    assert.deepEqual(c.labels, { maxProjects: 50, maxModels: 100, maxTools: 100, maxHistoryNames: 1000, static: { team: 'infra' } });
    assert.equal(c.tail.maxLineBytes, 8 * 1024 * 1024);
  });

  it('one problem per unknown key, each at its own line', () => {
    assert.deepEqual(problemsOf('tail:\n  watchh: true\n  maxOpenFile: 8\n'), [
      { source: 'c.yaml', line: 2, col: 3, path: 'tail.watchh', message: 'unknown field; did you mean "watch"?' },
      { source: 'c.yaml', line: 3, col: 3, path: 'tail.maxOpenFile', message: 'unknown field; did you mean "maxOpenFiles"?' },
    ]);
  });

  it('no guess for a key unlike any allowed one', () => {
    assert.deepEqual(problemsOf('sessions:\n  zzz: 1\n')[0]!.message, 'unknown field; allowed here: activeWindowSeconds, retentionDays');
  });

  it('model ids with dots are quoted in the path', () => {
    const [p] = problemsOf('prices:\n  gpt-5.1:\n    input: 1\n    output: 1\n    cacheWrite5m: 1\n    cacheWrite1h: 1\n    cacheRead: 0.0001\n');
    assert.deepEqual(p, { source: 'c.yaml', line: 7, col: 16, path: 'prices["gpt-5.1"].cacheRead', message: 'use at most 3 decimal places (USD per million tokens)' });
  });

  it('a whole number where one is required', () => {
    assert.equal(problemsOf('tail:\n  maxOpenFiles: 8.5\n')[0]!.message, 'expected a whole number, got number 8.5');
  });

  it('an alias to an unknown anchor names the file', () => {
    const [p] = problemsOf('port: *nope\n');
    assert.equal(p!.source, 'c.yaml');
    assert.match(p!.message, /^invalid YAML: .*nope/);
  });

  it('anchors and aliases that resolve are fine', () => {
    const c = parseConfigText('agents:\n  claude-code:\n    dirs: &logs [/logs]\n  codex:\n    dirs: *logs\n', 'c.yaml');
    assert.deepEqual([c.agents['claude-code'].dirs, c.agents.codex.dirs], [['/logs'], ['/logs']]);
  });
});
