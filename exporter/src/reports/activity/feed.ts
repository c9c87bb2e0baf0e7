// Feeds the activity store from the engine's events, counting only what the ledger counted: an event is new when
// its session's totals moved (copies in resumed sessions and repeated lines move nothing).
import type { AgentEvent, AgentId } from '../../adapters/types.js';
import type { Ledger, SessionEntry } from '../../accounting/ledger.js';
import { LabelLimiter } from '../../accounting/labels.js';
import { METRICS } from '../../metrics/catalogue.js';
import { dropOldest } from '../../util/maps.js';
import type { ActivityStore } from './store.js';

const DURATION_BOUNDS: readonly number[] = METRICS.toolDuration.buckets ?? [];
// What the feed remembers to follow an event's later lines. A call and its result come close together (adjacent
// while a history is read file by file; seconds apart live), so recent ones suffice. These bounds decide the feed's
// memory: at 50,000 each, a 3 GB history kept ~37 MB of live heap here (~19 MB at 10,000).
const MAX_PENDING_CALLS = 10_000; // tool calls awaiting their result
const MAX_SESSIONS_WITH_INPUTS = 1_000; // sessions whose tool inputs are remembered, to spot repeated calls
const MAX_INPUTS_PER_SESSION = 2_000; // a session's most recent distinct calls (tool + input hash)
const DAY_MS = 86_400_000;

interface Seen {
  prompts: number;
  toolCalls: number;
  toolErrors: number;
  apiErrors: number;
}

interface PendingCall {
  ms: number;
  agent: AgentId;
  project: string;
  tool: string;
  /** The call repeated an earlier one of its session. */
  repeat: boolean;
}

const seenOf = (s: SessionEntry): Seen => ({ prompts: s.prompts, toolCalls: s.toolCalls, toolErrors: s.toolErrors, apiErrors: s.apiErrors });
const ZERO: Seen = { prompts: 0, toolCalls: 0, toolErrors: 0, apiErrors: 0 };

/** Returns a listener for `engine.listeners` that records reports' activity into `store`. */
export function activityListener(ledger: Ledger, store: ActivityStore): (agent: AgentId, ev: AgentEvent) => void {
  // Sessions that existed before the listener was attached start from their current totals.
  const seen = new WeakMap<SessionEntry, Seen>();
  for (const s of ledger.sessions.values()) seen.set(s, seenOf(s));
  const pending = new Map<string, PendingCall>();
  // Names as the usage history keeps them (projects, models: the ledger's; tools: bounded here the same way).
  const tools = new LabelLimiter(ledger.maxHistoryNames, [...store.tools.values()].map((r) => r.tool));
  const inputs = new Map<string, Set<string>>();

  return (agent, ev) => {
    if (ev.kind === 'request') return; // usage is the ledger's rollups; nothing of a response is kept here
    const session = ledger.sessions.get(`${agent}\u001f${ev.sessionId}`);
    if (!session) return;
    const before = seen.get(session) ?? ZERO;
    const now = seenOf(session);
    seen.set(session, now);
    const moved: Seen = { prompts: now.prompts - before.prompts, toolCalls: now.toolCalls - before.toolCalls, toolErrors: now.toolErrors - before.toolErrors, apiErrors: now.apiErrors - before.apiErrors };
    const project = ledger.historyProject(ev.project);
    switch (ev.kind) {
      case 'tool_call': {
        if (moved.toolCalls <= 0) break;
        const tool = tools.label(ev.tool);
        const row = store.toolRow(ev.timestampMs, agent, project, tool, DURATION_BOUNDS.length);
        row.calls += 1;
        let repeat = false;
        if (ev.inputHash) {
          const skey = `${agent}\u001f${ev.sessionId}`;
          let set = inputs.get(skey);
          if (!set) {
            inputs.set(skey, (set = new Set()));
            dropOldest(inputs, MAX_SESSIONS_WITH_INPUTS);
          }
          const call = `${tool}\u001f${ev.inputHash}`;
          if (set.has(call)) {
            row.repeats += 1;
            repeat = true;
          } else {
            set.add(call);
            dropOldest(set, MAX_INPUTS_PER_SESSION);
          }
        }
        pending.set(ev.callId, { ms: ev.timestampMs, agent, project, tool, repeat });
        dropOldest(pending, MAX_PENDING_CALLS);
        break;
      }
      case 'tool_result': {
        const call = pending.get(ev.callId);
        if (!call && moved.toolErrors <= 0) break; // a copy of a result already counted
        pending.delete(ev.callId);
        const row = call ? store.toolRow(call.ms, call.agent, call.project, call.tool, DURATION_BOUNDS.length) : store.toolRow(ev.timestampMs, agent, project, 'unknown', DURATION_BOUNDS.length);
        if (call && ev.timestampMs >= call.ms && ev.timestampMs - call.ms < DAY_MS) {
          const seconds = (ev.timestampMs - call.ms) / 1000;
          let i = DURATION_BOUNDS.findIndex((b) => seconds <= b);
          if (i < 0) i = DURATION_BOUNDS.length;
          row.durationCounts[i] = (row.durationCounts[i] ?? 0) + 1;
          row.durationSum += seconds;
        }
        if (!ev.ok && moved.toolErrors > 0) {
          const category = ev.errorCategory ?? 'other';
          row.errors[category] = (row.errors[category] ?? 0) + 1;
          if (call?.repeat) row.repeatErrors = (row.repeatErrors ?? 0) + 1;
        }
        break;
      }
      case 'prompt':
        if (moved.prompts > 0) store.activityRow(ev.timestampMs, agent, project).prompts += 1;
        break;
      case 'api_error':
        if (moved.apiErrors > 0) store.activityRow(ev.timestampMs, agent, project).apiErrors += 1;
        break;
      case 'progress':
      case 'activity':
        break;
      default: {
        const never: never = ev;
        throw new Error(`unhandled event ${JSON.stringify(never)}`);
      }
    }
  };
}
