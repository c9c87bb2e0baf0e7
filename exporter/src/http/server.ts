// HTTP endpoints: /metrics, /healthz, /readyz and the landing page. /metrics never takes the process down: a
// failure answers 500 with the reason.
import express, { type Express, type Router } from 'express';
import type { Registry } from 'prom-client';
import type { Engine } from '../engine.js';
import type { Logger } from '../util/log.js';
import { renderLanding } from './landing.js';
import { renderMetrics } from '../metrics/new-series.js';
import { healthRouter } from './health-api.js';
import { apiRouter, bearerAuth } from '../api/router.js';
import type { EventFeed } from '../api/events.js';

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
  /** The /api/v1/reports router (reports/serve/api.ts), when reports run in this process. */
  reports?: Router;
}

export function createHttpApp(engine: Engine, registry: Registry, version: string, log: Logger, api: ApiOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', async (req, res) => {
    try {
      const body = await renderMetrics(registry, { headers: req.headers, remoteAddress: req.socket.remoteAddress });
      res.type(registry.contentType).send(body);
    } catch (err) {
      log.error('rendering /metrics failed', { error: String(err) });
      res.status(500).type('text/plain').send(`agentmon: rendering metrics failed: ${String(err)}\n`);
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
  return app;
}
