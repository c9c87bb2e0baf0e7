// Checks an OpenMetrics backfill file the way promtool needs it (promtool accepts some mistakes silently): every
// sample has a timestamp in seconds, each series' timestamps ascend, and the file ends with `# EOF`.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const SECONDS_MIN = 946_684_800; // 2000-01-01
const SECONDS_MAX = 4_102_444_800; // 2100-01-01: larger values are milliseconds by mistake

/** Returns the problems found (empty when the file is valid), at most `limit`. */
export async function validateOpenMetrics(path: string, limit = 10): Promise<string[]> {
  const problems: string[] = [];
  const last = new Map<string, number>();
  let lineNo = 0;
  let sawEof = false;
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of rl) {
    lineNo += 1;
    if (problems.length >= limit) break;
    if (sawEof) problems.push(`${path}:${lineNo}: content after # EOF`);
    if (line === '# EOF') {
      sawEof = true;
      continue;
    }
    if (line.startsWith('#') || line === '') continue;
    const m = /^([^ ]+) (\S+) (\S+)$/.exec(line);
    if (!m) {
      problems.push(`${path}:${lineNo}: sample without a timestamp`);
      continue;
    }
    const ts = Number(m[3]);
    if (!Number.isFinite(ts) || ts < SECONDS_MIN || ts > SECONDS_MAX) problems.push(`${path}:${lineNo}: timestamp ${m[3]} is not Unix seconds`);
    const prev = last.get(m[1]!);
    if (prev !== undefined && ts <= prev) problems.push(`${path}:${lineNo}: timestamp ${ts} not after ${prev} for ${m[1]!.slice(0, 80)}`);
    last.set(m[1]!, ts);
  }
  if (!sawEof && problems.length < limit) problems.push(`${path}: missing # EOF`);
  return problems;
}
