// The packed exporter as a user installs it: `npm run pack -w exporter` gives a tarball that `npm install -g`
// turns, without the registry, into a working `agentmon` on PATH with no dev dependency, in a temp prefix.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, EXPORTER_DIR } from '../helpers/exporter.js';
import { runCli, tempDir } from './run-cli.js';

const FIXTURES = join(EXPORTER_DIR, 'test', 'fixtures');

describe('the packed agentmon', () => {
  const tmp = tempDir('agentmon-pack-');
  const prefix = join(tmp.dir, 'prefix');
  // npm itself gets a fresh home and cache: nothing of this machine's npm setup takes part.
  const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`, HOME: join(tmp.dir, 'home'), npm_config_cache: join(tmp.dir, 'npm-cache'), npm_config_userconfig: join(tmp.dir, 'npmrc'), npm_config_update_notifier: 'false', TZ: 'UTC' };
  let tarball = '';
  before(() => {
    ensureBuilt();
    mkdirSync(env.HOME, { recursive: true });
    tarball = execFileSync(process.execPath, [join(EXPORTER_DIR, 'scripts', 'pack.mjs'), '--out', tmp.dir], { cwd: EXPORTER_DIR, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' }, timeout: 240_000 }).trim();
    const r = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: tmp.dir, env, encoding: 'utf8', timeout: 240_000 });
    assert.equal(r.status, 0, `npm install -g failed offline: ${r.stderr}`);
  });
  after(tmp.cleanup);

  it('puts agentmon on PATH, running the same CLI as the repository', async () => {
    const which = spawnSync('sh', ['-c', 'command -v agentmon'], { env, encoding: 'utf8' });
    assert.equal(which.stdout.trim(), join(prefix, 'bin', 'agentmon'));
    const pkg = JSON.parse(readFileSync(join(EXPORTER_DIR, 'package.json'), 'utf8')) as { version: string };
    assert.equal(spawnSync('agentmon', ['--version'], { env, encoding: 'utf8' }).stdout, `${pkg.version}\n`);
    const args = ['scan', '--json', '--claude-dir', join(FIXTURES, 'stream'), '--codex-dir', join(FIXTURES, 'codex-turns')];
    const installed = spawnSync('agentmon', args, { env, encoding: 'utf8' });
    assert.equal(installed.status, 0, installed.stderr);
    assert.equal(installed.stdout, (await runCli(args)).stdout);
    // The hook command, as Claude Code runs it from settings.json.
    const hook = spawnSync('agentmon', ['hook'], { env: { ...env, AGENTMON_STATE_DIR: join(tmp.dir, 'state') }, input: JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 's1', tool_name: 'Bash', tool_use_id: 't1' }), encoding: 'utf8' });
    assert.equal(hook.status, 0, hook.stderr);
    assert.ok(readdirSync(join(tmp.dir, 'state', 'hooks')).some((f) => f.endsWith('.jsonl')));
  });

  it('installs no dev dependency and no benchmark code', () => {
    const installed = join(prefix, 'lib', 'node_modules', '@agentmon', 'exporter');
    const modules = readdirSync(join(installed, 'node_modules'));
    for (const dev of ['typescript', 'tsx', 'esbuild', '@types', '@grafana', 'react']) assert.ok(!modules.includes(dev), `${dev} was installed`);
    for (const dep of ['express', 'prom-client', 'zod', 'yaml', 'croner', 'nodemailer', 'playwright-core']) assert.ok(modules.includes(dep), `${dep} is missing`);
    assert.ok(!existsSync(join(installed, 'dist', 'bench')));
    assert.ok(existsSync(join(installed, 'dist', 'pricing', 'prices.json')) && existsSync(join(installed, 'dist', 'reports', 'templates', 'weekly.yaml')));
  });
});
