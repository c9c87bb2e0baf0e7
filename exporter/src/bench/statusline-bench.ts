// `node exporter/dist/bench/statusline-bench.js`: what `agentmon statusline` costs per run, as Claude Code runs it
// (the installed bin/agentmon.js launcher, a statusLine payload on stdin), against Node.js starting an empty script
// in the same run. Each process reports its own CPU time (user + system, all threads) at exit through a one-line
// preload, so the figure is per run, not a 10 ms tick average. Runs alternate between the variants. Not part of
// `npm test`: tests assert behaviour, this measures time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { updateDoc } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(here, '../../bin/agentmon.js');
const DOC = resolve(here, '../../../docs/PERFORMANCE.md');

interface Variant {
  name: string;
  args: (i: number) => string[];
  stdin: (i: number) => string;
}

const payload = (fiveHour: number): string =>
  JSON.stringify({
    session_id: 'bench-session',
    cwd: '/home/dev/shop',
    model: { id: 'claude-opus-4-6', display_name: 'Opus 4.6' },
    workspace: { current_dir: '/home/dev/shop', project_dir: '/home/dev/shop' },
    cost: { total_cost_usd: 1.37 },
    context_window: { used_percentage: 26, context_window_size: 200000 },
    rate_limits: { five_hour: { used_percentage: fiveHour, resets_at: Math.floor(Date.now() / 1000) + 7200 }, seven_day: { used_percentage: 36, resets_at: Math.floor(Date.now() / 1000) + 400_000 } },
  });

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, 'write-doc': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write('Usage: node exporter/dist/bench/statusline-bench.js [--runs N] [--write-doc]\n');
    return 0;
  }
  const runs = Number(values.runs ?? 40);
  const work = mkdtempSync(join(tmpdir(), 'agentmon-statusline-bench-'));
  try {
    const preload = join(work, 'cpu.cjs');
    writeFileSync(preload, "process.on('exit',()=>{const u=process.cpuUsage();require('fs').writeSync(3,String((u.user+u.system)/1000))});\n");
    const empty = join(work, 'empty.cjs');
    writeFileSync(empty, '');
    const state = join(work, 'state');
    const variants: Variant[] = [
      { name: 'Node.js start-up alone (`node empty.cjs`)', args: () => [empty], stdin: () => '' },
      { name: '`agentmon statusline`, reading unchanged (no write)', args: () => [BIN, 'statusline', '--state-dir', state], stdin: () => payload(42) },
      { name: '`agentmon statusline`, reading changed (one spool line)', args: () => [BIN, 'statusline', '--state-dir', join(work, 'state-w')], stdin: (i) => payload(i % 100) },
      { name: '`agentmon statusline`, input not JSON (minimal line)', args: () => [BIN, 'statusline', '--state-dir', state], stdin: () => 'garbage' },
      { name: '`agentmon hook` (for comparison)', args: () => [BIN, 'hook', '--state-dir', state], stdin: () => JSON.stringify({ session_id: 'bench-session', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_use_id: 'toolu_1', cwd: '/home/dev/shop' }) },
    ];
    const cpu = new Map(variants.map((v) => [v.name, [] as number[]]));
    const wall = new Map(variants.map((v) => [v.name, [] as number[]]));
    const env = { PATH: process.env.PATH, HOME: work };
    const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
    for (let i = 0; i < runs + 2; i++) {
      for (const v of variants) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, ['--require', preload, ...v.args(i)], { input: v.stdin(i), stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env });
        const ms = performance.now() - t0;
        if (r.status !== 0) throw new Error(`${v.name} exited ${r.status}: ${String(r.stderr)}`);
        if (i < 2) continue; // warm-up: the page cache and the state folder
        cpu.get(v.name)!.push(Number(String(r.output[3])));
        wall.get(v.name)!.push(ms);
      }
    }
    const base = quantile(cpu.get(variants[0]!.name)!, 0.5);
    const rows = variants.map((v, i) => {
      const c = cpu.get(v.name)!;
      const above = i === 0 ? '—' : `${(quantile(c, 0.5) - base).toFixed(1)} ms`;
      return `| ${v.name} | ${quantile(c, 0.5).toFixed(1)} / ${quantile(c, 0.9).toFixed(1)} ms | ${above} | ${quantile(wall.get(v.name)!, 0.5).toFixed(0)} ms |`;
    });
    const cpuModel = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
    const section = [
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores (${cpuModel}), Node ${process.version}; load average before ${loadBefore}, after ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
      '',
      `Command: \`npm run build -w exporter && node exporter/dist/bench/statusline-bench.js --runs ${runs}${values['write-doc'] ? ' --write-doc' : ''}\``,
      '',
      `| Process (${runs} runs each, alternating) | CPU p50 / p90 | CPU above Node.js start-up (p50) | wall p50 |`,
      '|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    process.stdout.write(section);
    if (values['write-doc']) updateDoc(DOC, 'statusline', section);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`statusline bench: ${String(err)}\n`);
  process.exit(1);
});
