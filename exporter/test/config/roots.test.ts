// Default log folders come from HOME, CLAUDE_CONFIG_DIR (comma-separated) and CODEX_HOME; configured folders replace them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig, resolveRoots } from '../../src/config/load.js';

const HOME = '/home/alice';
const roots = (env: NodeJS.ProcessEnv, overrides = {}): string[] => resolveRoots(loadConfig(overrides, { HOME, ...env }), { HOME, ...env }).map((r) => `${r.agent} ${r.root}`);

describe('resolveRoots', () => {
  it('from HOME alone', () => {
    assert.deepEqual(roots({}), [
      'claude-code /home/alice/.config/claude/projects',
      'claude-code /home/alice/.claude/projects',
      'codex /home/alice/.codex/sessions',
      'codex /home/alice/.codex/archived_sessions',
    ]);
  });

  it('CLAUDE_CONFIG_DIR with several folders, CODEX_HOME', () => {
    assert.deepEqual(roots({ CLAUDE_CONFIG_DIR: '/a/claude, /b/claude,', CODEX_HOME: '/c/codex' }), [
      'claude-code /a/claude/projects',
      'claude-code /b/claude/projects',
      'codex /c/codex/sessions',
      'codex /c/codex/archived_sessions',
    ]);
  });

  it('the same folder listed twice is read once', () => {
    assert.deepEqual(roots({ CLAUDE_CONFIG_DIR: '/a/claude,/a/claude/', CODEX_HOME: '/c' }).slice(0, 2), ['claude-code /a/claude/projects', 'codex /c/sessions']);
    assert.deepEqual(roots({}, { dirs: { 'claude-code': ['/x', '/x/'], codex: [] } }), ['claude-code /x']);
  });

  it('a disabled agent has no folders', () => {
    assert.deepEqual(roots({}, { dirs: { codex: ['/logs/codex'] } }), ['codex /logs/codex']);
  });
});
