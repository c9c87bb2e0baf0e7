// The live event feed: the newest events in a ring buffer with increasing cursors, for Server-Sent Events and for
// cursor polling. Only what happens after the history was read is fed (the Live page wants now, not last month).
import type { AgentEvent, AgentId } from '../adapters/types.js';

export interface FeedEvent {
  cursor: number;
  ts: string;
  agent: AgentId;
  kind: AgentEvent['kind'];
  sessionId: string;
  project: string;
  model?: string;
  tool?: string;
  ok?: boolean;
}

export class EventFeed {
  private readonly buffer: FeedEvent[] = [];
  private next = 1;
  private readonly subscribers = new Set<(e: FeedEvent) => void>();

  constructor(private readonly capacity = 2000) {}

  /** Adds an event (activity lines are left out: they would drown the rest). */
  push(agent: AgentId, ev: AgentEvent): void {
    if (ev.kind === 'activity') return;
    const e: FeedEvent = {
      cursor: this.next++,
      ts: new Date(ev.timestampMs).toISOString(),
      agent,
      kind: ev.kind,
      sessionId: ev.sessionId,
      project: ev.project,
      ...(ev.kind === 'request' ? { model: ev.model } : {}),
      ...(ev.kind === 'tool_call' ? { tool: ev.tool } : {}),
      ...(ev.kind === 'tool_result' ? { ok: ev.ok } : {}),
    };
    this.buffer.push(e);
    if (this.buffer.length > this.capacity) this.buffer.splice(0, this.buffer.length - this.capacity);
    for (const s of this.subscribers) s(e);
  }

  /** Events after a cursor (all buffered ones when undefined), at most `limit`, oldest first. */
  after(cursor: number | undefined, limit = 500): FeedEvent[] {
    const from = cursor === undefined ? this.buffer : this.buffer.filter((e) => e.cursor > cursor);
    return from.slice(-limit);
  }

  /** The cursor of the newest event (0 when none yet). */
  get cursor(): number {
    return this.next - 1;
  }

  subscribe(fn: (e: FeedEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }
}
