// The latest plan-limit and context readings, per agent and window and per session: what the plan gauges, the
// landing page and the checkpoint hold. Only values an agent reported are kept; the one thing derived is that a
// window whose reset time has passed (with no newer reading) is used 0.
import type { AgentId, ContextReading, PlanReading, Reading } from '../adapters/types.js';

/** One window's latest reading, and the first reading of the same window instance (same reset) for its pace. */
export interface WindowState {
  agent: AgentId;
  window: string;
  usedRatio: number;
  resetsAtMs?: number;
  windowMinutes?: number;
  observedMs: number;
  firstRatio: number;
  firstMs: number;
}

export interface ContextState {
  agent: AgentId;
  sessionId: string;
  project: string;
  usedRatio: number;
  windowTokens?: number;
  observedMs: number;
}

export interface PlanSnapshot {
  version: 1;
  windows: WindowState[];
  plans: { agent: AgentId; planType: string; observedMs: number }[];
  contexts: ContextState[];
}

/** A window as shown now: used 0 and no reset time once the reset has passed. */
export interface WindowNow extends WindowState {
  expired: boolean;
}

/** Windows kept per agent besides 5h and 7d (the labels stay bounded whatever a log says; the standard two always fit). */
const MAX_OTHER_WINDOWS_PER_AGENT = 6;
const STANDARD_WINDOWS = new Set(['5h', '7d']);
/** Sessions whose context fill is remembered; the least recently seen go first. */
const MAX_CONTEXTS = 500;
/** Readings dated this far ahead of the clock are not believed (they would pin a value forever). */
const MAX_FUTURE_MS = 3_600_000;
/** Two readings whose reset times differ by less than this are the same window instance (resets_in_seconds drifts). */
const SAME_RESET_MS = 120_000;

const key = (agent: string, name: string): string => `${agent}\u001f${name}`;

/** When a window's reading stops holding: its reset, else one window length after it was taken. */
export function expiresAtMs(w: Pick<WindowState, 'resetsAtMs' | 'windowMinutes' | 'observedMs'>): number {
  return w.resetsAtMs ?? w.observedMs + (w.windowMinutes ?? 0) * 60_000;
}

export class PlanStore {
  private readonly windows = new Map<string, WindowState>();
  private readonly plans = new Map<AgentId, { planType: string; observedMs: number }>();
  private readonly contexts = new Map<string, ContextState>();
  /** Bumped on every change (the metrics memoize on it). */
  version = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one reading; older readings than the one held (history read out of order) change nothing. */
  observe(agent: AgentId, r: Reading): void {
    if (!Number.isFinite(r.observedMs) || r.observedMs > this.now() + MAX_FUTURE_MS) return;
    this.version++;
    if (r.kind === 'plan') this.observePlan(agent, r);
    else this.observeContext(agent, r);
  }

  private observePlan(agent: AgentId, r: PlanReading): void {
    for (const w of r.windows) {
      const k = key(agent, w.window);
      const held = this.windows.get(k);
      if (!held && !this.hasRoom(agent, w.window)) continue;
      const sameInstance = held !== undefined && sameReset(held.resetsAtMs, w.resetsAtMs);
      if (held && r.observedMs < held.observedMs) {
        // An older reading of the same instance still tells when its use began.
        if (sameInstance && r.observedMs < held.firstMs) Object.assign(held, { firstRatio: w.usedRatio, firstMs: r.observedMs });
        continue;
      }
      const first = held && sameInstance ? { firstRatio: held.firstRatio, firstMs: held.firstMs } : { firstRatio: w.usedRatio, firstMs: r.observedMs };
      this.windows.set(k, { agent, window: w.window, usedRatio: w.usedRatio, ...(w.resetsAtMs !== undefined ? { resetsAtMs: w.resetsAtMs } : {}), ...(w.windowMinutes !== undefined ? { windowMinutes: w.windowMinutes } : {}), observedMs: r.observedMs, ...first });
    }
    const plan = this.plans.get(agent);
    if (r.planType && (!plan || r.observedMs >= plan.observedMs)) this.plans.set(agent, { planType: r.planType, observedMs: r.observedMs });
  }

  private observeContext(agent: AgentId, r: ContextReading): void {
    const k = key(agent, r.sessionId);
    const held = this.contexts.get(k);
    if (held && r.observedMs < held.observedMs) return;
    this.contexts.delete(k); // re-inserted last: the map stays in order of last sight
    this.contexts.set(k, { agent, sessionId: r.sessionId, project: r.project, usedRatio: r.usedRatio, ...(r.windowTokens !== undefined ? { windowTokens: r.windowTokens } : {}), observedMs: r.observedMs });
    while (this.contexts.size > MAX_CONTEXTS) this.contexts.delete(this.contexts.keys().next().value!);
  }

  /** Whether a new window of this name fits: 5h and 7d always do, others up to MAX_OTHER_WINDOWS_PER_AGENT. */
  private hasRoom(agent: AgentId, window: string): boolean {
    if (STANDARD_WINDOWS.has(window)) return true;
    let n = 0;
    for (const w of this.windows.values()) if (w.agent === agent && !STANDARD_WINDOWS.has(w.window)) n += 1;
    return n < MAX_OTHER_WINDOWS_PER_AGENT;
  }

  /** Every window held, as it reads at `nowMs`: an expired one is used 0 and has no reset time. */
  windowsAt(nowMs: number): WindowNow[] {
    return [...this.windows.values()].map((w) => {
      if (nowMs < expiresAtMs(w)) return { ...w, expired: false };
      const { resetsAtMs: _passed, ...rest } = w;
      return { ...rest, usedRatio: 0, expired: true };
    });
  }

  /** The plan type each agent last reported. */
  planTypes(): { agent: AgentId; planType: string }[] {
    return [...this.plans].map(([agent, p]) => ({ agent, planType: p.planType }));
  }

  /** Context readings of sessions `isActive` accepts (given the reading's time). */
  activeContexts(isActive: (c: ContextState) => boolean): ContextState[] {
    return [...this.contexts.values()].filter(isActive);
  }

  snapshot(): PlanSnapshot {
    return {
      version: 1,
      windows: [...this.windows.values()],
      plans: [...this.plans].map(([agent, p]) => ({ agent, ...p })),
      contexts: [...this.contexts.values()],
    };
  }

  /** Returns a store holding a snapshot's valid entries (anything malformed is left out, never trusted). */
  static restore(snap: unknown, now: () => number = Date.now): PlanStore {
    const store = new PlanStore(now);
    const s = typeof snap === 'object' && snap !== null ? (snap as Partial<Record<keyof PlanSnapshot, unknown>>) : {};
    if (s.version !== 1) return store;
    for (const w of list(s.windows)) {
      const { agent, window, usedRatio, resetsAtMs, windowMinutes, observedMs, firstRatio, firstMs } = w;
      if (!text(agent) || !label(window) || !ratio(usedRatio) || !time(observedMs) || !ratio(firstRatio) || !time(firstMs)) continue;
      if (!optionalTime(resetsAtMs) || !optionalTime(windowMinutes) || (resetsAtMs === undefined && windowMinutes === undefined)) continue;
      if (store.windows.has(key(agent, window)) || !store.hasRoom(agent, window)) continue;
      store.windows.set(key(agent, window), { agent, window, usedRatio, ...(resetsAtMs !== undefined ? { resetsAtMs } : {}), ...(windowMinutes !== undefined ? { windowMinutes } : {}), observedMs, firstRatio, firstMs });
    }
    for (const { agent, planType, observedMs } of list(s.plans)) if (text(agent) && label(planType) && time(observedMs)) store.plans.set(agent, { planType, observedMs });
    for (const c of list(s.contexts).slice(-MAX_CONTEXTS)) {
      const { agent, sessionId, project, usedRatio, windowTokens, observedMs } = c;
      if (!text(agent) || !text(sessionId) || typeof project !== 'string' || project.length > 200 || !ratio(usedRatio) || usedRatio > 1 || !time(observedMs) || !optionalTime(windowTokens)) continue;
      store.contexts.set(key(agent, sessionId), { agent, sessionId, project, usedRatio, ...(windowTokens !== undefined ? { windowTokens } : {}), observedMs });
    }
    return store;
  }
}

function sameReset(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined ? a === b : Math.abs(a - b) < SAME_RESET_MS;
}

const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
const text = (v: unknown): v is AgentId => typeof v === 'string' && v.length > 0 && v.length <= 200;
/** What windowKey() and planTypeLabel() produce (a window may carry a limit's name as a prefix). */
const label = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9_-]{1,80}$/.test(v);
const ratio = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10;
const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const optionalTime = (v: unknown): v is number | undefined => v === undefined || time(v);
