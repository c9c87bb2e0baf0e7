// What reports need beyond the ledger's usage rollups, per UTC hour: tool calls (errors by category, repeats,
// durations), prompts and API errors. Plain data, saved inside the checkpoint.
import type { AgentId } from '../../adapters/types.js';

/** Tool activity in one hour for one agent, project and tool. */
export interface ToolRow {
  hourStartSec: number;
  agent: AgentId;
  project: string;
  tool: string;
  calls: number;
  /** Calls whose tool and input repeat an earlier call of the same session. */
  repeats: number;
  /** Repeats that then failed (also counted in `errors`), so savings count such a call once (absent in older stores). */
  repeatErrors?: number;
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

export interface ActivitySnapshot {
  version: 1;
  /** Activity before this time was not seen (the store began after the exporter's history was read). */
  coverageStartMs: number;
  tools: ToolRow[];
  activity: ActivityRow[];
  /** Responses by output size, saved by older versions; ignored. */
  turns?: unknown[];
}

const key = (...parts: (string | number)[]): string => parts.join('\u001f');
const hourOf = (ms: number): number => Math.floor(ms / 3_600_000) * 3600;

/** The rows, keyed for in-place updates. */
export class ActivityStore {
  readonly tools = new Map<string, ToolRow>();
  readonly activity = new Map<string, ActivityRow>();
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

  /** Adds `other`'s rows for hours before `beforeSec` (Unix seconds) into this store. */
  addHoursBefore(other: ActivityStore, beforeSec: number): void {
    for (const r of other.tools.values()) {
      if (r.hourStartSec >= beforeSec) continue;
      const row = this.toolRow(r.hourStartSec * 1000, r.agent, r.project, r.tool, r.durationCounts.length - 1);
      row.calls += r.calls;
      row.repeats += r.repeats;
      if (r.repeatErrors) row.repeatErrors = (row.repeatErrors ?? 0) + r.repeatErrors;
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
  }

  toJSON(): ActivitySnapshot {
    return { version: 1, coverageStartMs: this.coverageStartMs, tools: [...this.tools.values()], activity: [...this.activity.values()] };
  }

  static fromJSON(snap: ActivitySnapshot): ActivityStore {
    const s = new ActivityStore(snap.coverageStartMs);
    for (const r of snap.tools) s.tools.set(key(r.hourStartSec, r.agent, r.project, r.tool), r);
    for (const r of snap.activity) s.activity.set(key(r.hourStartSec, r.agent, r.project), r);
    return s;
  }
}
