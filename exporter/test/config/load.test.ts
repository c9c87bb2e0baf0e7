// Config precedence: flag → env (AGENTMON_*) → YAML file → defaults, each branch with a temp dir and an explicit env.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, defaultStateDir, loadConfig } from '../../src/config/load.js';

let dir: string;
let file: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'agentmon-config-'));
  file = join(dir, 'agentmon.yaml');
  writeFileSync(file, 'host: 10.0.0.1\nport: 9100\nstateDir: state-from-file\nlogLevel: warn\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const HOME = '/home/alice';

describe('loadConfig precedence', () => {
  it('defaults when nothing is given', async () => {
    const c = await loadConfig({}, { HOME });
    assert.deepEqual([c.host, c.port, c.stateDir, c.logLevel], ['127.0.0.1', 9477, '/home/alice/.local/state/agentmon', 'info']);
  });

  it('the file beats the defaults; its relative paths start at the file', async () => {
    const c = await loadConfig({ configFile: file }, { HOME });
    assert.deepEqual([c.host, c.port, c.stateDir, c.logLevel], ['10.0.0.1', 9100, join(dir, 'state-from-file'), 'warn']);
  });

  it('AGENTMON_CONFIG names the file when --config is absent', async () => {
    assert.equal((await loadConfig({}, { HOME, AGENTMON_CONFIG: file })).port, 9100);
  });

  it('--config beats AGENTMON_CONFIG', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, 'port: 9200\n');
    assert.equal((await loadConfig({ configFile: other }, { HOME, AGENTMON_CONFIG: file })).port, 9200);
  });

  it('env beats the file', async () => {
    const env = { HOME, AGENTMON_CONFIG: file, AGENTMON_HOST: '0.0.0.0', AGENTMON_PORT: '9300', AGENTMON_STATE_DIR: '/var/lib/agentmon', AGENTMON_LOG_LEVEL: 'debug' };
    const c = await loadConfig({}, env);
    assert.deepEqual([c.host, c.port, c.stateDir, c.logLevel], ['0.0.0.0', 9300, '/var/lib/agentmon', 'debug']);
  });

  it('flags beat env', async () => {
    const env = { HOME, AGENTMON_CONFIG: file, AGENTMON_HOST: '0.0.0.0', AGENTMON_PORT: '9300', AGENTMON_STATE_DIR: '/var/lib/agentmon', AGENTMON_LOG_LEVEL: 'debug' };
    const c = await loadConfig({ host: '::1', port: 0, stateDir: '/tmp/flag-state', logLevel: 'error' }, env);
    assert.deepEqual([c.host, c.port, c.stateDir, c.logLevel], ['::1', 0, '/tmp/flag-state', 'error']);
  });

  it('empty env values count as unset', async () => {
    const c = await loadConfig({}, { HOME, AGENTMON_CONFIG: '', AGENTMON_HOST: '', AGENTMON_PORT: '', AGENTMON_LOG_LEVEL: '' });
    assert.deepEqual([c.host, c.port, c.logLevel], ['127.0.0.1', 9477, 'info']);
  });

  it('bad env values: a ConfigError naming every bad variable', async () => {
    await assert.rejects(
      () => loadConfig({}, { HOME, AGENTMON_PORT: '80a', AGENTMON_LOG_LEVEL: 'trace' }),
      (err: unknown) => err instanceof ConfigError && err.problems.map((p) => p.source).join() === 'AGENTMON_PORT,AGENTMON_LOG_LEVEL',
    );
    await assert.rejects(() => loadConfig({}, { HOME, AGENTMON_PORT: '65536' }), /AGENTMON_PORT: expected a port number 0-65535, got "65536"/);
  });

  it('a missing or invalid file is a ConfigError naming the file', async () => {
    await assert.rejects(() => loadConfig({ configFile: join(dir, 'nope.yaml') }, { HOME }), /nope\.yaml: cannot read config file: no such file/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'port: high\n');
    await assert.rejects(() => loadConfig({ configFile: bad }, { HOME }), (e: unknown) => e instanceof ConfigError && e.message === `${bad}:1:7: port: expected a number, got the text "high"`);
  });
});

describe('state folder', () => {
  it('$XDG_STATE_HOME/agentmon, else ~/.local/state/agentmon', async () => {
    assert.equal(defaultStateDir({ HOME, XDG_STATE_HOME: '/xdg/state' }), '/xdg/state/agentmon');
    assert.equal(defaultStateDir({ HOME }), '/home/alice/.local/state/agentmon');
    assert.equal((await loadConfig({}, { HOME, XDG_STATE_HOME: '/xdg/state' })).stateDir, '/xdg/state/agentmon');
  });

  it('~ in the file means HOME; a relative flag starts at the working folder', async () => {
    const tilde = join(dir, 'tilde.yaml');
    writeFileSync(tilde, 'stateDir: ~/agentmon-state\n');
    assert.equal((await loadConfig({ configFile: tilde }, { HOME })).stateDir, '/home/alice/agentmon-state');
    assert.equal((await loadConfig({ stateDir: 'rel' }, { HOME })).stateDir, join(process.cwd(), 'rel'));
  });
});

describe('agent folder flags', () => {
  it('any --*-dir flag: only named folders are read, agents without a flag are disabled', async () => {
    const c = await loadConfig({ dirs: { 'claude-code': ['/logs/claude', 'rel'], codex: [] } }, { HOME });
    assert.deepEqual(c.agents, { 'claude-code': { enabled: true, dirs: ['/logs/claude', join(process.cwd(), 'rel')] }, codex: { enabled: false, dirs: [] }, gemini: { enabled: false, dirs: [] } });
  });

  it('no flags: the file decides, relative to the file', async () => {
    const f = join(dir, 'agents.yaml');
    writeFileSync(f, 'agents:\n  codex:\n    dirs: [codex-logs]\n  claude-code:\n    enabled: false\n');
    const c = await loadConfig({ configFile: f, dirs: { 'claude-code': [], codex: [] } }, { HOME });
    assert.deepEqual(c.agents, { 'claude-code': { enabled: false, dirs: [] }, codex: { enabled: true, dirs: [join(dir, 'codex-logs')] }, gemini: { enabled: true, dirs: [] } });
  });

  it('loading twice gives fresh defaults (a flagged load must not leak into the next one)', async () => {
    await loadConfig({ dirs: { codex: ['/only/codex'] } }, { HOME });
    assert.deepEqual((await loadConfig({}, { HOME })).agents, { 'claude-code': { enabled: true, dirs: [] }, codex: { enabled: true, dirs: [] }, gemini: { enabled: true, dirs: [] } });
  });
});
