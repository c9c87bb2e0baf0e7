// Usage per UTC hour × agent × project × model: what `scan`, the landing page and reports read, with full history
// whether or not Prometheus was scraping.
import type { AgentId, TokenCounts } from '../adapters/types.js';

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  costNano: number;
  requests: number;
}

export interface RollupRow extends UsageTotals {
  hourStartSec: number;
  agent: AgentId;
  project: string;
  model: string;
}

export const emptyTotals = (): UsageTotals => ({
  inputTokens: 0, outputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0, costNano: 0, requests: 0,
});

/** Adds b into a (in place) and returns a. */
export function addTotals(a: UsageTotals, b: UsageTotals): UsageTotals {
  a.inputTokens += b.inputTokens;
  a.outputTokens += b.outputTokens;
  a.cacheWrite5mTokens += b.cacheWrite5mTokens;
  a.cacheWrite1hTokens += b.cacheWrite1hTokens;
  a.cacheReadTokens += b.cacheReadTokens;
  a.costNano += b.costNano;
  a.requests += b.requests;
  return a;
}

export class Rollups {
  private readonly rows = new Map<string, RollupRow>();

  /** Adds usage to the hour containing timestampMs. */
  add(timestampMs: number, agent: AgentId, project: string, model: string, t: TokenCounts, costNano: number, requests: number): void {
    const hourStartSec = Math.floor(timestampMs / 3_600_000) * 3600;
    const key = `${hourStartSec}\u001f${agent}\u001f${project}\u001f${model}`;
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { hourStartSec, agent, project, model, ...emptyTotals() }));
    row.inputTokens += t.input;
    row.outputTokens += t.output;
    row.cacheWrite5mTokens += t.cacheWrite5m;
    row.cacheWrite1hTokens += t.cacheWrite1h;
    row.cacheReadTokens += t.cacheRead;
    row.costNano += costNano;
    row.requests += requests;
  }

  all(): Iterable<RollupRow> {
    return this.rows.values();
  }

  toJSON(): RollupRow[] {
    return [...this.rows.values()];
  }

  static fromJSON(rows: RollupRow[]): Rollups {
    const r = new Rollups();
    for (const row of rows) r.rows.set(`${row.hourStartSec}\u001f${row.agent}\u001f${row.project}\u001f${row.model}`, { ...row });
    return r;
  }
}
