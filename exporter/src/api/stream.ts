// The live feed as Server-Sent Events. A client that stops reading (a laptop asleep with the Live page open) must not
// make the exporter hold an ever-growing buffer for it: each client may have at most MAX_BUFFERED_BYTES waiting in
// its socket's buffer; past that it is disconnected, and when it comes back (EventSource reconnects with
// Last-Event-ID) it gets what the ring buffer still holds after its cursor, with a `resync` event when it missed
// more than that. The number of streams is capped too.
import type { Request, Response } from 'express';
import type { EventFeed, FeedEvent } from './events.js';

/** Bytes waiting for a slow client before it is dropped (~1,000 events). */
export const MAX_BUFFERED_BYTES = 256 * 1024;
const HEARTBEAT_MS = 15_000;

/** Serves /api/v1/events as an event stream; `limit` caps the events replayed on (re)connection. */
export class EventStreams {
  private readonly open = new Set<Response>();

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
    this.open.add(res);
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    const write = (chunk: string): void => {
      if (closed) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        // Fallen behind: drop it (and what waits for it) rather than buffer without end. It reconnects and resyncs.
        close();
        res.destroy();
        return;
      }
      res.write(chunk);
    };
    const send = (e: FeedEvent): void => write(`id: ${e.cursor}\ndata: ${JSON.stringify(e)}\n\n`);
    const header = req.get('last-event-id');
    const lastId = Number(header ?? after ?? Number.NaN);
    const from = Number.isInteger(lastId) && lastId >= 0 ? lastId : this.feed.cursor;
    const backlog = this.feed.after(from, limit);
    // Events between the client's cursor and what is still buffered (or past the replay limit) are gone: say so.
    if (backlog.length > 0 && backlog[0]!.cursor > from + 1) write(`event: resync\ndata: ${JSON.stringify({ missedAfter: from, resumeAt: backlog[0]!.cursor })}\n\n`);
    for (const e of backlog) send(e);
    const unsubscribe = this.feed.subscribe(send);
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', close);
    res.on('close', close);
  }
}
