// Part 4: how long GET /metrics takes when the exporter holds ~15k series (many projects × models × tools,
// with the label limits raised through a YAML config).
import { join } from 'node:path';
import { generateSeriesCorpus } from './corpus.js';
import { httpGet, percentile } from './measure.js';
import { startServe } from './serve-process.js';

export interface RenderResult {
  projects: number;
  series: number;
  bytes: number;
  requests: number;
  p50Ms: number;
  maxMs: number;
}

const CONFIG = `logLevel: warn
labels:
  maxProjects: 2000
  maxModels: 200
  maxTools: 500
`;

/** Counts sample lines (not comments) in a text exposition. */
export function countSeries(body: string): number {
  let n = 0;
  for (const line of body.split('\n')) if (line.length > 0 && !line.startsWith('#')) n++;
  return n;
}

/** Runs the render benchmark in workDir: `projects` transcripts, then `requests` sequential GETs. */
export async function benchRender(mainJs: string, workDir: string, projects: number, requests: number, seed: number, log: (msg: string) => void): Promise<RenderResult> {
  const { claudeDir } = generateSeriesCorpus(join(workDir, 'logs'), projects, seed);
  const serve = await startServe(mainJs, join(workDir, 'run'), CONFIG, { claude: claudeDir });
  try {
    const warm = await httpGet(`${serve.base}/metrics`);
    if (warm.status !== 200) throw new Error(`/metrics answered ${warm.status}: ${warm.body.slice(0, 500)}`);
    const times: number[] = [];
    let body = warm.body;
    for (let i = 0; i < requests; i++) {
      const res = await httpGet(`${serve.base}/metrics`);
      times.push(res.ms);
      body = res.body;
    }
    const series = countSeries(body);
    log(`  /metrics: ${series} series, ${(Buffer.byteLength(body) / 1e6).toFixed(2)} MB, p50 ${percentile(times, 50).toFixed(1)} ms`);
    return { projects, series, bytes: Buffer.byteLength(body), requests, p50Ms: percentile(times, 50), maxMs: Math.max(...times) };
  } catch (err) {
    log(serve.stderrTail());
    throw err;
  } finally {
    await serve.stop();
  }
}
