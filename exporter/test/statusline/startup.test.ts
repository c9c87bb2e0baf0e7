// What `agentmon statusline` loads: Claude Code runs it on every message update, so it must stay a small command.
// Its CPU time is measured by exporter/src/bench/statusline-bench.ts (docs/PERFORMANCE.md); this pins what keeps it
// small: no schema library, YAML parser, metrics library, HTTP server or crypto, and node:child_process (with net
// and dgram behind it) only when --then asks for a command to run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CLI, ensureBuilt } from '../helpers/exporter.js';
import { withBundled } from '../cli/bundled-modules.js';

const HOOK = pathToFileURL(join(import.meta.dirname, '..', 'cli', 'trace-modules-hook.mjs')).href;
const REGISTER = `data:text/javascript,import { register } from "node:module"; register(${JSON.stringify(HOOK)});`;
const HEAVY = [/\/node_modules\//, /^node:crypto$/, /^node:v8$/, /^node:http$/, /\/dist\/(metrics|accounting|engine|service|config\/(schema|load|file))/];
const PAYLOAD = JSON.stringify({ session_id: 's', model: { display_name: 'Opus 4.6' }, rate_limits: { five_hour: { used_percentage: 10, resets_at: 4_000_000_000 } } });

let tmp = '';
before(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'agentmon-statusline-startup-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the built CLI with the module trace; returns its stdout and every module URL it resolved. */
function traced(args: string[]): { code: number | null; stdout: string; modules: string[] } {
  const trace = join(tmp, `modules-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, '');
  const r = spawnSync(process.execPath, ['--import', REGISTER, CLI, ...args], { input: PAYLOAD, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmp, AGENTMON_TRACE_MODULES: trace }, timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, modules: withBundled(readFileSync(trace, 'utf8').split('\n').filter(Boolean)) };
}

describe('statusline start-up', () => {
  it('loads only its own small modules', () => {
    const r = traced(['statusline', '--state-dir', join(tmp, 'state')]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Opus 4\.6 · 5h 10% \(/);
    assert.ok(r.modules.some((m) => m.endsWith('/dist/statusline/capture.js')), 'the trace sees the command');
    assert.deepEqual(r.modules.filter((m) => HEAVY.some((re) => re.test(m))), []);
    assert.ok(!r.modules.includes('node:child_process'), 'node:child_process without --then');
  });

  it('loads node:child_process when --then names a command', () => {
    const r = traced(['statusline', '--state-dir', join(tmp, 'state'), '--then', 'echo mine']);
    assert.deepEqual([r.code, r.stdout], [0, 'mine\n']);
    assert.ok(r.modules.includes('node:child_process'));
  });
});
