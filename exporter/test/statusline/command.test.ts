// `agentmon statusline` as Claude Code runs it: a real process with the statusLine JSON on stdin. It always exits 0
// and prints a line; the spool gets a line when the reading changed; --then prints the user's own status line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { recordStatus } from '../../src/statusline/capture.js';
import { CLI, ensureBuilt } from '../helpers/exporter.js';

let tmp: string;
before(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'agentmon-statusline-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `agentmon statusline <args>` with `stdin` (or stdin left open when null); killed after 20 s. */
function statusline(args: string[], stdin: string | null, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, [CLI, 'statusline', ...args], { env: { PATH: process.env.PATH, HOME: join(tmp, 'home'), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
    if (stdin !== null) p.stdin.end(stdin);
  });
}

// 150 s past the hour: "2h02m" holds for the 30 s the run may take on a busy machine.
const inHours = (h: number): number => Math.floor(Date.now() / 1000) + h * 3600 + 150;
const payload = (five: number, ctx = 40): string =>
  JSON.stringify({
    session_id: 'sess-live',
    cwd: '/home/dev/shop',
    model: { id: 'claude-opus-4-6', display_name: 'Opus 4.6' },
    workspace: { current_dir: '/home/dev/shop', project_dir: '/home/dev/shop' },
    cost: { total_cost_usd: 0.5 },
    context_window: { used_percentage: ctx, context_window_size: 200000 },
    rate_limits: { five_hour: { used_percentage: five, resets_at: inHours(2) }, seven_day: { used_percentage: 12, resets_at: inHours(50) } },
  });
const spoolLines = (state: string): Record<string, unknown>[] => {
  const file = join(state, 'hooks', 'agentmon-statusline.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
};

describe('agentmon statusline', () => {
  it('prints the status line and records the reading once; a changed reading is recorded again', async () => {
    const state = join(tmp, 'state-a');
    const input = payload(42);
    const { rate_limits: rl } = JSON.parse(input) as { rate_limits: Record<string, { resets_at: number }> };
    const first = await statusline(['--state-dir', state], input);
    assert.deepEqual({ ...first, ms: 0 }, { code: 0, stdout: 'Opus 4.6 · ctx 40% · 5h 42% (2h02m) · 7d 12% (2d2h) · $0.50\n', stderr: '', ms: 0 });
    const [rec] = spoolLines(state);
    assert.deepEqual({ ...rec, ts: 0 }, { v: 1, ts: 0, session: 'sess-live', project: 'shop', ctx: 40, ctxSize: 200000, limits: { five_hour: [42, rl.five_hour!.resets_at], seven_day: [12, rl.seven_day!.resets_at] } });
    assert.ok(Math.abs((rec!.ts as number) - Date.now()) < 60_000);
    // Claude Code reruns the statusline on every message update: an unchanged reading adds nothing.
    assert.equal((await statusline(['--state-dir', state], input)).code, 0);
    assert.equal(spoolLines(state).length, 1);
    await statusline(['--state-dir', state], payload(43));
    await statusline(['--state-dir', state], payload(43, 41));
    assert.deepEqual(spoolLines(state).map((l) => [(l.limits as Record<string, number[]>).five_hour![0], l.ctx]), [[42, 40], [43, 40], [43, 41]]);
  });

  it('uses AGENTMON_STATE_DIR without the flag, and still records and prints with a mistyped flag', async () => {
    const state = join(tmp, 'state-b');
    const r = await statusline(['--stat-dir', '/nowhere'], payload(10), { AGENTMON_STATE_DIR: state });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Opus 4\.6 · ctx 40% · 5h 10% /);
    assert.equal(spoolLines(state).length, 1);
  });

  it('bad or missing input prints a minimal line and records nothing; an unwritable state folder still prints', async () => {
    const state = join(tmp, 'state-c');
    for (const input of ['', 'not json', '[1]', '{"session_id": ']) {
      assert.deepEqual({ ...(await statusline(['--state-dir', state], input)), ms: 0 }, { code: 0, stdout: 'agentmon\n', stderr: '', ms: 0 });
    }
    assert.equal(existsSync(state), false);
    const notAFolder = join(tmp, 'a-file');
    writeFileSync(notAFolder, 'x');
    const r = await statusline(['--state-dir', notAFolder], payload(50));
    assert.deepEqual([r.code, r.stderr], [0, '']);
    assert.match(r.stdout, /5h 50%/);
  });

  it('never waits on stdin for long: left open, it gives up and prints the minimal line', async () => {
    const r = await statusline(['--state-dir', join(tmp, 'state-d')], null);
    assert.deepEqual([r.code, r.stdout], [0, 'agentmon\n']);
    assert.ok(r.ms < 15_000, `took ${r.ms} ms`);
  });

  it('--then prints the user\'s own status line (given the same stdin) and still records', async () => {
    const state = join(tmp, 'state-e');
    const r = await statusline(['--state-dir', state, '--then', 'node -e "let s=\'\';process.stdin.on(\'data\',d=>s+=d).on(\'end\',()=>console.log(\'mine: \'+JSON.parse(s).model.id))"'], payload(20));
    assert.deepEqual([r.code, r.stdout], [0, 'mine: claude-opus-4-6\n']);
    assert.equal(spoolLines(state).length, 1);
  });

  it('--then falls back to agentmon\'s line when the command fails, prints nothing or takes too long', async () => {
    const state = join(tmp, 'state-f');
    for (const cmd of ['exit 3', 'true', 'no-such-command-xyz 2>/dev/null']) {
      const r = await statusline(['--state-dir', state, '--then', cmd], payload(30));
      assert.deepEqual([r.code, r.stdout.startsWith('Opus 4.6 · ctx 40% · 5h 30%')], [0, true], cmd);
    }
    const slow = await statusline(['--state-dir', state, '--then', 'sleep 30', '--then-timeout', '0.5'], payload(30));
    assert.deepEqual([slow.code, slow.stdout.startsWith('Opus 4.6')], [0, true]);
    assert.ok(slow.ms < 15_000, `took ${slow.ms} ms`);
  });

  it('--help lists the options and the settings', async () => {
    const r = await statusline(['--help'], '');
    assert.equal(r.code, 0);
    for (const flag of ['--state-dir', '--then', '--then-timeout', 'settings.json']) assert.ok(r.stdout.includes(flag), flag);
  });
});

describe('recordStatus', () => {
  const rec = (ts: number, five: number) => ({ v: 1 as const, ts, session: 's', limits: { five_hour: [five, 1778590800] as [number, number] } });
  const opts = { rotateBytes: 1 << 20, keepRotated: 3, refreshMs: 300_000 };

  it('writes an unchanged reading again once the refresh time has passed, per session', () => {
    const state = join(tmp, 'state-g');
    const T = 1_778_580_000_000;
    assert.deepEqual([recordStatus(state, rec(T, 5), opts), recordStatus(state, rec(T + 299_999, 5), opts), recordStatus(state, rec(T + 300_000, 5), opts)], [true, false, true]);
    assert.equal(recordStatus(state, { ...rec(T + 300_001, 5), session: 'other' }, opts), true);
    assert.equal(spoolLines(state).length, 3);
  });

  it('rotates its own spool apart from the hook spool, keeping the newest rotated files', () => {
    const state = join(tmp, 'state-h');
    for (let i = 0; i < 12; i++) recordStatus(state, rec(1_000 + i, i), { ...opts, rotateBytes: 150, keepRotated: 2 });
    const names = readdirSync(join(state, 'hooks')).sort();
    assert.equal(names.filter((n) => /^agentmon-statusline\.\d+\.jsonl$/.test(n)).length, 2);
    assert.ok(names.includes('agentmon-statusline.jsonl'));
    assert.ok(!names.some((n) => n.startsWith('agentmon-hook-events')));
  });
});
