// GET /api/v1/health/sessions: which sessions are stuck or looping right now (the metrics only count them, since
// session ids never become labels). Optional ?status=stuck|looping filter.
import { Router } from 'express';
import { sessionHealthOf } from '../health/session-health.js';

/** Returns the router serving session health for the engine the service attached a SessionHealth to. */
export function healthRouter(engine: object): Router {
  const router = Router({ caseSensitive: true });
  router.get('/api/v1/health/sessions', (req, res) => {
    const health = sessionHealthOf(engine);
    if (!health) {
      res.status(503).json({ error: 'session health is not running' });
      return;
    }
    const status = req.query.status;
    if (status !== undefined && status !== 'stuck' && status !== 'looping') {
      res.status(400).json({ error: 'status must be stuck or looping' });
      return;
    }
    const sessions = health.unhealthy();
    res.json(status ? sessions.filter((s) => s.status === status) : sessions);
  });
  return router;
}
