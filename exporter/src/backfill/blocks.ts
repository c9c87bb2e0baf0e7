// Turns an OpenMetrics file into Prometheus TSDB blocks with the real promtool.
import { spawn } from 'node:child_process';

/** Runs `promtool tsdb create-blocks-from openmetrics`; rejects with promtool's own message on failure. */
export async function createBlocks(openMetricsPath: string, outDir: string, promtool = 'promtool'): Promise<string> {
  return await new Promise((resolve, reject) => {
    // Day-long blocks: a long history makes far fewer blocks for Prometheus to compact later.
    const p = spawn(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=24h', openMetricsPath, outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    p.stdout.on('data', (d: Buffer) => (output += d.toString()));
    p.stderr.on('data', (d: Buffer) => (output += d.toString()));
    p.on('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'ENOENT' ? `${promtool} not found: install Prometheus (Debian: apt-get install prometheus) or drop --blocks` : String(err))));
    p.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`promtool failed (exit ${code}): ${output.trim().slice(-2000)}`))));
  });
}
