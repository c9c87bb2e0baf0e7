// Session health: listens to every event (engine.listeners), keeps small state for recent sessions only, and
// answers which sessions are stuck or looping now — as counts by agent/project/reason for /metrics and as a list
// for /api/v1/health/sessions. Per-session identity never becomes a label.
import type { AgentEvent, AgentId } from '../adapters/types.js';
import type { HealthConfig } from './config.js';
import { detectLooping, detectStuck, type LoopingReason, type StuckReason } from './detect.js';
import { applyEvent, newSessionState, type SessionState, type SessionStateJSON, sessionStateFromJSON, sessionStateToJSON, trimState } from './session-state.js';
import { UsualDurations } from './usual-durations.js';
import { dropOldest } from '../util/maps.js';

/** One unhealthy session, as served by the API. */
export interface SessionHealthEntry {
  agent: AgentId;
  sessionId: string;
  project: string;
  status: 'stuck' | 'looping';
  reason: StuckReason | LoopingReason;
  /** When the condition began (ISO 8601, UTC). */
  since: string;
  tool?: string;
  count?: number;
}

/** A gauge sample: how many sessions of an agent/project are in a status for a reason. */
export interface HealthCount {
  status: 'stuck' | 'looping';
  agent: AgentId;
  project: string;
  reason: StuckReason | LoopingReason;
  sessions: number;
}

const MAX_OPEN_CALLS = 50_000;

/** What the checkpoint keeps of session health. */
export interface HealthSnapshot {
  sessions: [string, SessionStateJSON][];
  usual: [string, number[], number][];
  openCalls: [string, { agent: AgentId; tool: string; ts: number }][];
} // calls awaiting a result, remembered only to learn usual durations
const PRUNE_EVERY_MS = 60_000;

export class SessionHealth {
  private readonly sessions = new Map<string, SessionState>();
  private readonly usual = new UsualDurations();
  private readonly openCalls = new Map<string, { agent: AgentId; tool: string; ts: number }>();
  /** Label sets reported before: they stay in /metrics at 0 so graphs and alerts see the drop. */
  private readonly reported = new Map<string, HealthCount>();
  private prunedAtMs = 0;

  constructor(
    private readonly cfg: HealthConfig,
    private readonly projectLabel: (rawProject: string) => string = (p) => p,
    private readonly now: () => number = Date.now,
  ) {}

  /** Engine listener: folds one event in. Events older than forgetAfterSeconds only teach usual tool durations. */
  observe(agent: AgentId, ev: AgentEvent): void {
    if (!this.cfg.enabled) return;
    this.learnDuration(agent, ev);
    const nowMs = this.now();
    // State is also trimmed here, not only when /metrics is scraped, so it stays small with nobody scraping.
    if (nowMs - this.prunedAtMs > PRUNE_EVERY_MS) this.prune(nowMs);
    if (ev.timestampMs < nowMs - this.cfg.forgetAfterSeconds * 1000) return;
    const key = `${agent}\u001f${ev.sessionId}`;
    const s = this.sessions.get(key);
    if (s) applyEvent(s, ev);
    else {
      const fresh = newSessionState(agent, ev);
      applyEvent(fresh, ev);
      this.sessions.set(key, fresh);
    }
  }

  private learnDuration(agent: AgentId, ev: AgentEvent): void {
    if (ev.kind === 'tool_call' && !this.openCalls.has(ev.callId)) {
      this.openCalls.set(ev.callId, { agent, tool: ev.tool, ts: ev.timestampMs });
      dropOldest(this.openCalls, MAX_OPEN_CALLS);
    } else if (ev.kind === 'tool_result') {
      const call = this.openCalls.get(ev.callId);
      if (!call) return;
      this.openCalls.delete(ev.callId);
      this.usual.observe(call.agent, call.tool, (ev.timestampMs - call.ts) / 1000);
    }
  }

  /** Forgets sessions idle longer than forgetAfterSeconds and calls older than the loop windows. */
  private prune(nowMs: number): void {
    this.prunedAtMs = nowMs;
    const forgetBefore = nowMs - this.cfg.forgetAfterSeconds * 1000;
    const keepCallsFrom = nowMs - 1000 * Math.max(this.cfg.looping.repeatWindowSeconds, this.cfg.looping.burnWindowSeconds);
    for (const [k, s] of this.sessions) {
      if (s.lastEventMs < forgetBefore) this.sessions.delete(k);
      else trimState(s, keepCallsFrom);
    }
  }

  /** Returns every stuck or looping session at `nowMs`, oldest condition first. */
  unhealthy(nowMs = this.now()): SessionHealthEntry[] {
    if (!this.cfg.enabled) return [];
    this.prune(nowMs);
    const out: SessionHealthEntry[] = [];
    for (const s of this.sessions.values()) {
      const base = { agent: s.agent, sessionId: s.sessionId, project: s.project };
      const stuck = detectStuck(s, nowMs, this.cfg.stuck, this.usual);
      if (stuck) out.push({ ...base, status: 'stuck', reason: stuck.reason, since: new Date(stuck.sinceMs).toISOString(), ...extra(stuck) });
      const looping = detectLooping(s, nowMs, this.cfg.looping);
      if (looping) out.push({ ...base, status: 'looping', reason: looping.reason, since: new Date(looping.sinceMs).toISOString(), ...extra(looping) });
    }
    return out.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  }

  /** Returns session counts by status, agent, project label and reason; label sets seen before stay, at 0. */
  counts(nowMs = this.now()): HealthCount[] {
    for (const c of this.reported.values()) c.sessions = 0;
    for (const e of this.unhealthy(nowMs)) {
      const project = this.projectLabel(e.project);
      const key = `${e.status}\u001f${e.agent}\u001f${project}\u001f${e.reason}`;
      let c = this.reported.get(key);
      if (!c) this.reported.set(key, (c = { status: e.status, agent: e.agent, project, reason: e.reason, sessions: 0 }));
      c.sessions += 1;
    }
    return [...this.reported.values()].map((c) => ({ ...c }));
  }

  /**
   * Plain data for the checkpoint: without it, a session stuck when the exporter restarts would never be flagged
   * (its events are behind the restored offsets and are not read again).
   */
  snapshot(): HealthSnapshot {
    return {
      sessions: [...this.sessions].map(([k, s]) => [k, sessionStateToJSON(s)]),
      usual: this.usual.toJSON(),
      openCalls: [...this.openCalls],
    };
  }

  /** Restores what snapshot() wrote (before any event arrives). */
  restore(snap: HealthSnapshot): void {
    for (const [k, s] of snap.sessions) this.sessions.set(k, sessionStateFromJSON(s));
    this.usual.load(snap.usual);
    for (const [k, c] of snap.openCalls) this.openCalls.set(k, c);
  }

  /** Number of sessions currently remembered (for memory checks). */
  get size(): number {
    return this.sessions.size;
  }
}

const extra = (f: { tool?: string; count?: number }): { tool?: string; count?: number } => ({
  ...(f.tool !== undefined ? { tool: f.tool } : {}),
  ...(f.count !== undefined ? { count: f.count } : {}),
});

const attached = new WeakMap<object, SessionHealth>();

/** Makes `health` the session health of `engine` (wired once by the service; read by the HTTP API). */
export function attachSessionHealth(engine: object, health: SessionHealth): void {
  attached.set(engine, health);
}

/** Returns the session health attached to `engine`, if any. */
export function sessionHealthOf(engine: object): SessionHealth | undefined {
  return attached.get(engine);
}
