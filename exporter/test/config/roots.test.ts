// Default log folders come from HOME, CLAUDE_CONFIG_DIR (comma-separated), CODEX_HOME and GEMINI_CLI_HOME; configured
// folders replace them. The hook spool in the state folder is read with Claude Code's default folders only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig, resolveRoots } from '../../src/config/load.js';

const HOME = '/home/alice';
const roots = async (env: NodeJS.ProcessEnv, overrides = {}): Promise<string[]> => resolveRoots(await loadConfig(overrides, { HOME, ...env }), { HOME, ...env }).map((r) => `${r.agent} ${r.root}`);

describe('resolveRoots', () => {
  it('from HOME alone', async () => {
    assert.deepEqual(await roots({}), [
      'claude-code /home/alice/.config/claude/projects',
      'claude-code /home/alice/.claude/projects',
      'claude-code /home/alice/.local/state/agentmon/hooks',
      'codex /home/alice/.codex/sessions',
      'codex /home/alice/.codex/archived_sessions',
      'gemini /home/alice/.gemini/tmp',
    ]);
  });

  it('CLAUDE_CONFIG_DIR with several folders, CODEX_HOME, GEMINI_CLI_HOME, AGENTMON_STATE_DIR', async () => {
    assert.deepEqual(await roots({ CLAUDE_CONFIG_DIR: '/a/claude, /b/claude,', CODEX_HOME: '/c/codex', GEMINI_CLI_HOME: '/g', AGENTMON_STATE_DIR: '/s' }), [
      'claude-code /a/claude/projects',
      'claude-code /b/claude/projects',
      'claude-code /s/hooks',
      'codex /c/codex/sessions',
      'codex /c/codex/archived_sessions',
      'gemini /g/.gemini/tmp',
    ]);
  });

  it('the same folder listed twice is read once', async () => {
    assert.deepEqual((await roots({ CLAUDE_CONFIG_DIR: '/a/claude,/a/claude/', CODEX_HOME: '/c', AGENTMON_STATE_DIR: '/s' })).slice(0, 3), ['claude-code /a/claude/projects', 'claude-code /s/hooks', 'codex /c/sessions']);
    assert.deepEqual(await roots({}, { dirs: { 'claude-code': ['/x', '/x/'], codex: [] }, stateDir: '/x/..' }), ['claude-code /x']);
  });

  it('named Claude Code folders replace the hook spool too, unless it is named among them', async () => {
    assert.deepEqual(await roots({ AGENTMON_STATE_DIR: '/s' }, { dirs: { 'claude-code': ['/logs/claude'] } }), ['claude-code /logs/claude']);
    assert.deepEqual(await roots({ AGENTMON_STATE_DIR: '/s' }, { dirs: { 'claude-code': ['/logs/claude', '/s/hooks'] } }), ['claude-code /logs/claude', 'claude-code /s/hooks']);
    // Named or not, the spool folder is known as the spool (the landing page lists it apart).
    const config = await loadConfig({ dirs: { 'claude-code': ['/logs/claude', '/s/hooks/'] } }, { HOME, AGENTMON_STATE_DIR: '/s' });
    assert.deepEqual(resolveRoots(config, { HOME, AGENTMON_STATE_DIR: '/s' }).map((r) => r.hooks ?? false), [false, true]);
  });

  it("AGENTMON_LOGS_HOME stands in for HOME: the agents' folders and the hook spool below it, state elsewhere", async () => {
    assert.deepEqual(await roots({ AGENTMON_LOGS_HOME: '/host-home', AGENTMON_STATE_DIR: '/state', XDG_STATE_HOME: '/xdg' }), [
      'claude-code /host-home/.config/claude/projects',
      'claude-code /host-home/.claude/projects',
      'claude-code /host-home/.local/state/agentmon/hooks',
      'codex /host-home/.codex/sessions',
      'codex /host-home/.codex/archived_sessions',
      'gemini /host-home/.gemini/tmp',
    ]);
  });

  it('a disabled agent has no folders', async () => {
    assert.deepEqual(await roots({}, { dirs: { codex: ['/logs/codex'] } }), ['codex /logs/codex']);
  });
});
