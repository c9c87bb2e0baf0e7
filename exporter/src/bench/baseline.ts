// The naive reader agentmon is compared against, run as its own process: read each whole file, split it into lines,
// JSON.parse every line that mentions "usage" and add up the usage it finds. No dedup, no streaming, no state —
// it over-counts repeated lines, which is the point of agentmon. Prints {"files", "bytes", totals} as JSON.
// Usage: node baseline.js DIR...
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null ? (v as Obj) : undefined);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

const totals = { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, requests: 0 };
let files = 0;
let bytes = 0;

for (const dir of process.argv.slice(2)) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.jsonl')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    files += 1;
    bytes += Buffer.byteLength(text);
    for (const line of text.split('\n')) {
      if (!line.includes('usage')) continue;
      let rec: Obj | undefined;
      try {
        rec = obj(JSON.parse(line));
      } catch {
        continue;
      }
      const claude = obj(obj(rec?.message)?.usage);
      if (claude) {
        // Claude Code: usage on every line of a response.
        totals.inputTokens += num(claude.input_tokens);
        totals.outputTokens += num(claude.output_tokens);
        totals.cacheCreationTokens += num(claude.cache_creation_input_tokens);
        totals.cacheReadTokens += num(claude.cache_read_input_tokens);
        totals.requests += 1;
        continue;
      }
      const last = obj(obj(obj(rec?.payload)?.info)?.last_token_usage);
      if (last) {
        // Codex: the last request's usage on every token_count event.
        const cached = num(last.cached_input_tokens);
        totals.inputTokens += num(last.input_tokens) - cached;
        totals.cacheReadTokens += cached;
        totals.outputTokens += num(last.output_tokens);
        totals.requests += 1;
      }
    }
  }
}
process.stdout.write(JSON.stringify({ files, bytes, totals }) + '\n');
