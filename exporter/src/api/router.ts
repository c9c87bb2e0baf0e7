// /api/v1: sessions (list, detail with timeline, CSV), a session's raw log events, and the live event feed (SSE or
// cursor polling). Optional bearer token. Bad parameters answer 400 with a JSON message naming the parameter.
// Raw events (prompts, tool inputs and outputs) have their own path, /api/v1/raw/sessions/:id, so a proxy in front
// (Grafana's plugin route) can give them a stricter permission than the summaries: see docs/security.md.
import { timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AGENT_IDS } from '../adapters/types.js';
import type { Engine } from '../engine.js';
import { sessionHealthOf } from '../health/session-health.js';
import { toCsv } from './csv.js';
import type { EventFeed } from './events.js';
import { Gate } from '../http/gate.js';
import { EventStreams } from './stream.js';
import { SORT_KEYS, SUMMARY_CSV_COLUMNS, sessionApiId, summarize, type SessionStatus, type SessionSummary } from './sessions.js';
import { buildTimeline, TIMELINE_CSV_COLUMNS } from './timeline.js';

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 time, e.g. 2026-11-22T10:00:00Z');

const ListQuery = z.strictObject({
  // A built-in agent or a custom log's agent name (docs/custom-logs.md).
  agent: z.union([z.enum(AGENT_IDS), z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/)]).optional(),
  project: z.string().max(200).optional(),
  model: z.string().max(200).optional(),
  status: z.enum(['active', 'stuck', 'looping', 'ended']).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  sort: z.enum(Object.keys(SORT_KEYS) as [keyof typeof SORT_KEYS, ...(keyof typeof SORT_KEYS)[]]).default('lastActivity'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(['json', 'csv']).default('json'),
});

const DetailQuery = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(20000).default(5000),
});
const RawQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(20000).default(5000) });

const EventsQuery = z.strictObject({ after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(2000).default(500) });

function badRequest(res: Response, error: z.ZodError): void {
  const issue = error.issues[0]!;
  const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
  res.status(400).json({ error: issue.code === 'unrecognized_keys' ? `unknown parameter(s): ${name}` : `${name}: ${issue.message}` });
}

/** Requires `Authorization: Bearer <token>` when a token is configured. */
export function bearerAuth(token: string | undefined) {
  const expected = token ? Buffer.from(token) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!expected) return next();
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'missing or wrong bearer token (Authorization: Bearer <api.token>)' });
  };
}

/** What the /api/v1 router needs besides the engine and the feed. */
export interface ApiRouterOptions {
  activeWindowSeconds: number;
  maxLineBytes: number;
  /** Live-feed streams served at once. */
  maxEventStreams: number;
  /** Timelines rebuilt at once (shared with other expensive requests). */
  heavy: Gate;
}

/** Returns the /api/v1 router for the engine. */
export function apiRouter(engine: Engine, feed: EventFeed, opts: ApiRouterOptions): Router {
  const router = Router({ caseSensitive: true });
  const streams = new EventStreams(feed, opts.maxEventStreams);

  const statusesNow = (): Map<string, SessionStatus> => {
    const out = new Map<string, SessionStatus>();
    for (const h of sessionHealthOf(engine)?.unhealthy() ?? []) {
      const id = sessionApiId(h.agent, h.sessionId);
      if (out.get(id) !== 'stuck') out.set(id, h.status);
    }
    return out;
  };
  const summaries = (): SessionSummary[] => {
    const flagged = statusesNow();
    const activeSince = Date.now() - opts.activeWindowSeconds * 1000;
    return [...engine.ledger.sessions.values()].map((s) => summarize(s, flagged.get(sessionApiId(s.agent, s.sessionId)) ?? (s.lastMs >= activeSince ? 'active' : 'ended')));
  };

  router.get('/sessions', (req, res) => {
    const q = ListQuery.safeParse(req.query);
    if (!q.success) return badRequest(res, q.error);
    const { agent, project, model, status, from, to, sort, order, limit, offset, format } = q.data;
    const fromIso = from ? new Date(from).toISOString() : undefined;
    const toIso = to ? new Date(to).toISOString() : undefined;
    const rows = summaries().filter(
      (s) =>
        (!agent || s.agent === agent) && (!project || s.project === project) && (!model || s.model === model) && (!status || s.status === status) &&
        (!fromIso || s.lastActivityAt >= fromIso) && (!toIso || s.startedAt <= toIso),
    );
    const key = SORT_KEYS[sort];
    const dir = order === 'asc' ? 1 : -1;
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1) * dir;
    });
    const page = rows.slice(offset, offset + limit);
    if (format === 'csv') {
      res.type('text/csv').attachment('sessions.csv').send(toCsv(page as unknown as Record<string, unknown>[], SUMMARY_CSV_COLUMNS));
      return;
    }
    res.json({ total: rows.length, items: page });
  });

  /** Answers one session's detail: summary, timeline (with raw events when `raw`), or its timeline as CSV. */
  const detail = async (req: Request, res: Response, raw: boolean): Promise<void> => {
    if (!raw && 'raw' in req.query) {
      res.status(400).json({ error: 'raw: raw log events are served at /api/v1/raw/sessions/<id>' });
      return;
    }
    const q = (raw ? RawQuery : DetailQuery).safeParse(req.query);
    if (!q.success) return badRequest(res, q.error);
    const format = 'format' in q.data ? q.data.format : 'json';
    const id = req.params.id!;
    const sep = id.indexOf(':');
    const session = sep > 0 ? engine.ledger.sessions.get(`${id.slice(0, sep)}\u001f${id.slice(sep + 1)}`) : undefined;
    if (!session) {
      res.status(404).json({ error: `no session ${JSON.stringify(id.slice(0, 200))}; ids look like claude-code:<sessionId> (see /api/v1/sessions)` });
      return;
    }
    const summary = summarize(session, statusesNow().get(sessionApiId(session.agent, session.sessionId)) ?? (session.lastMs >= Date.now() - opts.activeWindowSeconds * 1000 ? 'active' : 'ended'));
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const t = await opts.heavy.run(() => buildTimeline(session, { prices: engine.prices, maxLineBytes: opts.maxLineBytes, maxItems: q.data.limit, includeRaw: raw, signal: gone.signal }));
    if (!t) {
      res.status(503).set('Retry-After', '5').json({ error: 'too many timelines are being read right now; retry in a few seconds' });
      return;
    }
    if (gone.signal.aborted) return;
    const { timeline, progress, truncated, rawTruncated } = t.value;
    if (format === 'csv') {
      res.type('text/csv').attachment('session.csv').send(toCsv(timeline as unknown as Record<string, unknown>[], TIMELINE_CSV_COLUMNS));
      return;
    }
    res.json({ ...summary, ...(progress ? { progress } : {}), timeline, truncated, ...(raw ? { rawTruncated } : {}) });
  };

  router.get('/sessions/:id', (req, res) => detail(req, res, false));
  router.get('/raw/sessions/:id', (req, res) => detail(req, res, true));

  router.get('/events', (req, res) => {
    const q = EventsQuery.safeParse(req.query);
    if (!q.success) return badRequest(res, q.error);
    if (!(req.get('accept') ?? '').includes('text/event-stream')) {
      res.json({ cursor: feed.cursor, events: feed.after(q.data.after, q.data.limit) });
      return;
    }
    streams.serve(req, res, q.data.after, q.data.limit);
  });

  return router;
}
