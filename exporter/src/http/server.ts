// HTTP endpoints: /metrics, /healthz, /readyz, the landing page and /api. /metrics never takes the process down: a
// failure answers 500 with the reason. Every request first passes the Host and Origin checks (guards.ts); routing is
// case-sensitive, so a proxy's path rules (Grafana's plugin routes) and ours agree on what a path is; errors answer
// without stack traces.
import express, { type Express, type Router } from 'express';
import type { Registry } from 'prom-client';
import type { Engine } from '../engine.js';
import type { Logger } from '../util/log.js';
import { renderLanding } from './landing.js';
import { renderMetrics } from '../metrics/new-series.js';
import { healthRouter } from './health-api.js';
import { apiRouter, bearerAuth } from '../api/router.js';
import type { EventFeed } from '../api/events.js';
import { errorHandler } from './errors.js';
import type { Gate } from './gate.js';
import { requestGuard, type GuardOptions } from './guards.js';

/** What the /api/v1 routes need besides the engine. */
export interface ApiOptions {
  /** Ready beyond the history read (e.g. file watchers set up); /readyz waits for both. */
  ready?: () => boolean;
  /** A fault that makes the exporter unhealthy though it serves (the checkpoint cannot be written): /healthz and /readyz say it. */
  problem?: () => string | undefined;
  feed: EventFeed;
  token: string | undefined;
  activeWindowSeconds: number;
  maxLineBytes: number;
  maxEventStreams: number;
  /** Expensive requests (timelines, report previews) run through this gate. */
  heavy: Gate;
  guard: GuardOptions;
  /** The /api/v1/reports router (reports/serve/api.ts), when reports run in this process. */
  reports?: Router;
}

export function createHttpApp(engine: Engine, registry: Registry, version: string, log: Logger, api: ApiOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('case sensitive routing', true);
  app.use(requestGuard(api.guard));
  app.get('/metrics', async (req, res) => {
    try {
      const body = await renderMetrics(registry, { headers: req.headers, remoteAddress: req.socket.remoteAddress });
      res.type(registry.contentType).send(body);
    } catch (err) {
      // By name only: an error's text may quote a path or a label value (free text from the logs).
      log.error('rendering /metrics failed', { error: err instanceof Error ? err.name : 'unknown' });
      res.status(500).type('text/plain').send('agentmon: rendering metrics failed; see the exporter log\n');
    }
  });
  app.get('/healthz', (_req, res) => {
    const problem = api.problem?.();
    if (problem) res.status(503).type('text/plain').send(`${problem}\n`);
    else res.type('text/plain').send('ok\n');
  });
  app.get('/readyz', (_req, res) => {
    const problem = api.problem?.();
    if (problem) res.status(503).type('text/plain').send(`${problem}\n`);
    else if (engine.initialScanDone && (api.ready?.() ?? true)) res.type('text/plain').send('ready\n');
    else res.status(503).type('text/plain').send('reading history\n');
  });
  app.get('/', (_req, res) => {
    res.type('html').send(renderLanding(engine, version));
  });
  app.use('/api', bearerAuth(api.token));
  app.use(healthRouter(engine));
  if (api.reports) app.use('/api/v1/reports', api.reports);
  app.use('/api/v1', apiRouter(engine, api.feed, api));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found: see / for the endpoints\n');
  });
  app.use(errorHandler(log));
  return app;
}
