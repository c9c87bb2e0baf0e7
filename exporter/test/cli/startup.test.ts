// What `agentmon scan` loads: start-up is most of a small scan's time, and zod alone took ~50 ms of it (the
// baseline of `npm run bench` starts in ~65 ms). Without a config file scan must not load the schema library, the YAML
// parser, the metrics library, the HTTP server or node:crypto; with one, zod is loaded on demand and still validates.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../helpers/build.js';
import { CLI, tempDir } from './run-cli.js';
import { withBundled } from './bundled-modules.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const HOOK = pathToFileURL(join(import.meta.dirname, 'trace-modules-hook.mjs')).href;
const REGISTER = `data:text/javascript,import { register } from "node:module"; register(${JSON.stringify(HOOK)});`;

/** Runs the built CLI with the module trace; returns its exit code, stdout and every module URL it resolved. */
function traced(args: string[], tmp: string): { code: number | null; stdout: string; stderr: string; modules: string[] } {
  ensureBuilt();
  const trace = join(tmp, `modules-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, '');
  const r = spawnSync(process.execPath, ['--import', REGISTER, CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, TZ: 'UTC', HOME: tmp, AGENTMON_TRACE_MODULES: trace },
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules: withBundled(readFileSync(trace, 'utf8').split('\n').filter(Boolean)) };
}

const HEAVY = [/\/node_modules\/zod\//, /\/node_modules\/yaml\//, /\/node_modules\/prom-client\//, /\/node_modules\/express\//, /^node:crypto$/, /^node:v8$/];
const heavyIn = (modules: string[]): string[] => modules.filter((m) => HEAVY.some((re) => re.test(m)));

describe('scan start-up', () => {
  const { dir, cleanup } = tempDir('agentmon-startup-');
  after(cleanup);
  const dirs = ['--claude-dir', join(FIXTURES, 'stream'), '--codex-dir', join(FIXTURES, 'codex-turns'), '--gemini-dir', join(FIXTURES, 'gemini', 'jsonl', 'gemini', 'tmp')];

  it('without a config file, reads every agent without loading zod, YAML, prom-client, express, crypto or v8', () => {
    const r = traced(['scan', '--json', ...dirs], dir);
    assert.equal(r.code, 0, r.stderr);
    const { totals } = JSON.parse(r.stdout) as { totals: { requests: number } };
    assert.ok(totals.requests > 0, 'the fixtures were read');
    assert.ok(r.modules.some((m) => m.endsWith('/adapters/gemini/message.js')), 'the trace sees the parsers');
    assert.deepEqual(heavyIn(r.modules), []);
  });

  it('with a config file, the file is still validated (zod is loaded on demand) and bad fields are reported', () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'labels:\n  maxModels: 10\n');
    const ok = traced(['scan', '--json', '--config', good, ...dirs], dir);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(ok.modules.some((m) => /\/node_modules\/zod\//.test(m)), 'zod was loaded to validate the file');
    assert.equal(ok.stdout, traced(['scan', '--json', ...dirs], dir).stdout);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'tail:\n  maxOpenFiles: 1\n');
    const r = traced(['scan', '--json', '--config', bad, ...dirs], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yaml:2:\d+: tail\.maxOpenFiles/);
  });
});
