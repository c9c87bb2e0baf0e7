// The live feed as Server-Sent Events. A client that stops reading (a laptop asleep with the Live page open) must not
// make the exporter buffer without end: each client has its own bounded queue, written to the socket only as fast as
// the socket takes it. While the socket is full, the queue may hold MAX_BEHIND_BYTES; a burst of appends read in one
// go may queue up to MAX_BURST_BYTES between two writes. Past that the client has fallen behind: its queued events
// are dropped, and once it reads again it gets a `resync` event saying which cursor it missed events after (it can
// poll /api/v1/events?after=<cursor> for what the ring buffer still holds). A client that takes nothing for
// STALL_MS is disconnected (EventSource reconnects with Last-Event-ID). The number of streams is capped too.
import type { Request, Response } from 'express';
import type { EventFeed, FeedEvent } from './events.js';

/** Events queued for a client whose socket is full before it counts as fallen behind (~5,000 events). */
export const MAX_BEHIND_BYTES = 1024 * 1024;
/** Events queued between two writes to a socket that is keeping up (a megabyte chunk of lines read at once). */
const MAX_BURST_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
const STALL_MS = 60_000;

/** One open stream: a bounded queue drained into the socket as it accepts data. */
class Client {
  private queue: string[] = [];
  private queued = 0;
  private scheduled = false;
  private waitingSince: number | undefined;
  /** Cursor of the last event queued before events were dropped; undefined while nothing was dropped. */
  private missedAfter: number | undefined;
  private lastCursor: number;
  closed = false;

  constructor(private readonly res: Response, fromCursor: number) {
    this.lastCursor = fromCursor;
  }

  event(e: FeedEvent): void {
    if (this.closed || this.missedAfter !== undefined) return;
    const chunk = `id: ${e.cursor}\ndata: ${JSON.stringify(e)}\n\n`;
    if (this.queued + chunk.length > (this.waitingSince === undefined ? MAX_BURST_BYTES : MAX_BEHIND_BYTES)) {
      // Fallen behind: forget what waits for it; it hears about the gap when it reads again.
      this.missedAfter = this.lastCursor;
      this.queue = [];
      this.queued = 0;
      return;
    }
    this.lastCursor = e.cursor;
    this.push(chunk);
  }

  push(chunk: string): void {
    if (this.closed) return;
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (!this.scheduled && this.waitingSince === undefined) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Whether the socket has taken nothing for too long. */
  stalled(now: number): boolean {
    return this.waitingSince !== undefined && now - this.waitingSince > STALL_MS;
  }

  private flush(): void {
    this.scheduled = false;
    this.waitingSince = undefined;
    if (this.closed) return;
    if (this.missedAfter !== undefined) {
      // Only heartbeats were queued since events were dropped: the socket takes data again, so say what was missed.
      this.queue.push(`event: resync\ndata: ${JSON.stringify({ missedAfter: this.missedAfter })}\n\n`);
      this.missedAfter = undefined;
    }
    while (this.queue.length > 0) {
      const batch = this.queue.join('');
      this.queue = [];
      this.queued = 0;
      if (!this.res.write(batch)) {
        this.waitingSince = Date.now();
        this.res.once('drain', () => this.flush());
        return;
      }
    }
  }
}

/** Serves /api/v1/events as an event stream; `limit` caps the events replayed on (re)connection. */
export class EventStreams {
  private readonly open = new Set<Client>();

  constructor(private readonly feed: EventFeed, private readonly maxStreams: number) {}

  /** Streams currently open. */
  get size(): number {
    return this.open.size;
  }

  serve(req: Request, res: Response, after: number | undefined, limit: number): void {
    if (this.open.size >= this.maxStreams) {
      res.status(503).set('Retry-After', '30').json({ error: `too many live-feed streams (http.maxEventStreams = ${this.maxStreams}); poll /api/v1/events?after=<cursor> instead, or retry later` });
      return;
    }
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    const header = req.get('last-event-id');
    const lastId = Number(header ?? after ?? Number.NaN);
    const from = Number.isInteger(lastId) && lastId >= 0 ? lastId : this.feed.cursor;
    const client = new Client(res, from);
    this.open.add(client);
    const backlog = this.feed.after(from, limit);
    // Events between the client's cursor and what is still buffered (or past the replay limit) are gone: say so.
    if (backlog.length > 0 && backlog[0]!.cursor > from + 1) client.push(`event: resync\ndata: ${JSON.stringify({ missedAfter: from, resumeAt: backlog[0]!.cursor })}\n\n`);
    for (const e of backlog) client.event(e);
    const unsubscribe = this.feed.subscribe((e) => client.event(e));
    const heartbeat = setInterval(() => {
      if (client.stalled(Date.now())) res.destroy(); // asleep for a minute: it reconnects when it wakes
      else client.push(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    res.on('close', () => {
      client.closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(client);
    });
  }
}
