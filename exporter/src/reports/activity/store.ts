// What reports need beyond the ledger's usage rollups, per UTC hour: tool calls (errors by category, repeats,
// durations), prompts and API errors, and responses by output size (for model right-sizing). Plain data, so it can
// be saved as JSON beside the checkpoint.
import type { AgentId } from '../../adapters/types.js';

/** Upper bounds of the output-size classes responses are counted in (the last class is everything larger). */
export const OUTPUT_SIZE_BOUNDS = [50, 100, 200, 300, 500, 1000, 2000] as const;

/** Tool activity in one hour for one agent, project and tool. */
export interface ToolRow {
  hourStartSec: number;
  agent: AgentId;
  project: string;
  tool: string;
  calls: number;
  /** Calls whose tool and input repeat an earlier call of the same session. */
  repeats: number;
  errors: Record<string, number>;
  /** Per-bucket counts of durations (bounds of agentmon_tool_duration_seconds, last slot +Inf). */
  durationCounts: number[];
  durationSum: number;
}

/** Prompts and API errors in one hour for one agent and project. */
export interface ActivityRow {
  hourStartSec: number;
  agent: AgentId;
  project: string;
  prompts: number;
  apiErrors: number;
}

/** Responses in one hour for one agent, project and model, by output size class. */
export interface TurnRow {
  hourStartSec: number;
  agent: AgentId;
  project: string;
  model: string;
  /** Per size class: [responses, input, output, cacheRead, cacheWrite5m, cacheWrite1h]. */
  classes: number[][];
}

export interface ActivitySnapshot {
  version: 1;
  /** Activity before this time was not seen (the store began after the exporter's history was read). */
  coverageStartMs: number;
  tools: ToolRow[];
  activity: ActivityRow[];
  turns: TurnRow[];
}

const key = (...parts: (string | number)[]): string => parts.join('\u001f');
const hourOf = (ms: number): number => Math.floor(ms / 3_600_000) * 3600;

/** The rows, keyed for in-place updates. */
export class ActivityStore {
  readonly tools = new Map<string, ToolRow>();
  readonly activity = new Map<string, ActivityRow>();
  readonly turns = new Map<string, TurnRow>();
  /** Bumped on every change, so the saver writes only when something moved. */
  version = 0;

  constructor(public coverageStartMs = 0) {}

  /** Returns the tool row for the hour of `ms`, created empty. */
  toolRow(ms: number, agent: AgentId, project: string, tool: string, buckets: number): ToolRow {
    const hourStartSec = hourOf(ms);
    const k = key(hourStartSec, agent, project, tool);
    let row = this.tools.get(k);
    if (!row) this.tools.set(k, (row = { hourStartSec, agent, project, tool, calls: 0, repeats: 0, errors: {}, durationCounts: new Array<number>(buckets + 1).fill(0), durationSum: 0 }));
    this.version++;
    return row;
  }

  /** Returns the prompts / API errors row for the hour of `ms`, created empty. */
  activityRow(ms: number, agent: AgentId, project: string): ActivityRow {
    const hourStartSec = hourOf(ms);
    const k = key(hourStartSec, agent, project);
    let row = this.activity.get(k);
    if (!row) this.activity.set(k, (row = { hourStartSec, agent, project, prompts: 0, apiErrors: 0 }));
    this.version++;
    return row;
  }

  /** Returns the responses row for the hour of `ms`, created empty. */
  turnRow(ms: number, agent: AgentId, project: string, model: string): TurnRow {
    const hourStartSec = hourOf(ms);
    const k = key(hourStartSec, agent, project, model);
    let row = this.turns.get(k);
    if (!row) this.turns.set(k, (row = { hourStartSec, agent, project, model, classes: OUTPUT_SIZE_BOUNDS.map(() => [0, 0, 0, 0, 0, 0]).concat([[0, 0, 0, 0, 0, 0]]) }));
    this.version++;
    return row;
  }

  /** Adds `other`'s rows for hours before `beforeSec` (Unix seconds) into this store. */
  addHoursBefore(other: ActivityStore, beforeSec: number): void {
    for (const r of other.tools.values()) {
      if (r.hourStartSec >= beforeSec) continue;
      const row = this.toolRow(r.hourStartSec * 1000, r.agent, r.project, r.tool, r.durationCounts.length - 1);
      row.calls += r.calls;
      row.repeats += r.repeats;
      for (const [c, n] of Object.entries(r.errors)) row.errors[c] = (row.errors[c] ?? 0) + n;
      r.durationCounts.forEach((n, i) => (row.durationCounts[i] = (row.durationCounts[i] ?? 0) + n));
      row.durationSum += r.durationSum;
    }
    for (const r of other.activity.values()) {
      if (r.hourStartSec >= beforeSec) continue;
      const row = this.activityRow(r.hourStartSec * 1000, r.agent, r.project);
      row.prompts += r.prompts;
      row.apiErrors += r.apiErrors;
    }
    for (const r of other.turns.values()) {
      if (r.hourStartSec >= beforeSec) continue;
      const row = this.turnRow(r.hourStartSec * 1000, r.agent, r.project, r.model);
      r.classes.forEach((c, i) => c.forEach((n, j) => (row.classes[i]![j] = (row.classes[i]![j] ?? 0) + n)));
    }
  }

  toJSON(): ActivitySnapshot {
    return { version: 1, coverageStartMs: this.coverageStartMs, tools: [...this.tools.values()], activity: [...this.activity.values()], turns: [...this.turns.values()] };
  }

  static fromJSON(snap: ActivitySnapshot): ActivityStore {
    const s = new ActivityStore(snap.coverageStartMs);
    for (const r of snap.tools) s.tools.set(key(r.hourStartSec, r.agent, r.project, r.tool), r);
    for (const r of snap.activity) s.activity.set(key(r.hourStartSec, r.agent, r.project), r);
    for (const r of snap.turns) s.turns.set(key(r.hourStartSec, r.agent, r.project, r.model), r);
    return s;
  }
}

/** Returns the size class (index into OUTPUT_SIZE_BOUNDS, or its length for larger) of a response's output. */
export function sizeClass(outputTokens: number): number {
  const i = OUTPUT_SIZE_BOUNDS.findIndex((b) => outputTokens <= b);
  return i < 0 ? OUTPUT_SIZE_BOUNDS.length : i;
}
