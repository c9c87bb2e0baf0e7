// GET /api/v1/health/sessions (health-api.ts) in process over real HTTP: 503 while session health is not running,
// the list of unhealthy sessions, the ?status=stuck|looping filter and a 400 for any other status. The session
// health object here is a fixed list (the detector itself is pinned in test/health): this file pins the route.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { attachSessionHealth, type SessionHealth, type SessionHealthEntry } from '../../src/health/session-health.js';
import { healthRouter } from '../../src/http/health-api.js';
import { serve, type Served } from './serve.js';

const STUCK: SessionHealthEntry = { agent: 'claude-code', sessionId: 's1', project: 'p', status: 'stuck', reason: 'tool_running' as SessionHealthEntry['reason'], since: '2026-03-11T09:00:00.000Z', tool: 'Bash' };
const LOOPING: SessionHealthEntry = { agent: 'codex', sessionId: 's2', project: 'q', status: 'looping', reason: 'same_tool_call' as SessionHealthEntry['reason'], since: '2026-03-11T09:05:00.000Z', count: 12 };

describe('GET /api/v1/health/sessions', () => {
  let withHealth: Served;
  let without: Served;
  before(async () => {
    const engine = {};
    attachSessionHealth(engine, { unhealthy: () => [STUCK, LOOPING] } as unknown as SessionHealth);
    const a = express(); // express's own routing is case-insensitive: the router must be case-sensitive itself
    a.use(healthRouter(engine));
    withHealth = await serve(a);
    const b = express();
    b.use(healthRouter({}));
    without = await serve(b);
  });
  after(async () => {
    await withHealth?.close();
    await without?.close();
  });

  const json = async (s: Served, path: string) => {
    const r = await s.send(path);
    return { status: r.status, body: r.status === 404 ? r.body : JSON.parse(r.body) };
  };

  it('answers 503 while session health is not running', async () => {
    assert.deepEqual(await json(without, '/api/v1/health/sessions'), { status: 503, body: { error: 'session health is not running' } });
  });

  it('lists every unhealthy session, or only the stuck or the looping ones', async () => {
    assert.deepEqual(await json(withHealth, '/api/v1/health/sessions'), { status: 200, body: [STUCK, LOOPING] });
    assert.deepEqual(await json(withHealth, '/api/v1/health/sessions?status=stuck'), { status: 200, body: [STUCK] });
    assert.deepEqual(await json(withHealth, '/api/v1/health/sessions?status=looping'), { status: 200, body: [LOOPING] });
  });

  it('refuses any other status with 400', async () => {
    // A repeated key arrives as a list: refused too, not read as "no filter".
    for (const q of ['status=', 'status=Stuck', 'status=ok', 'status=stuck&status=looping']) {
      assert.deepEqual(await json(withHealth, `/api/v1/health/sessions?${q}`), { status: 400, body: { error: 'status must be stuck or looping' } }, q);
    }
  });

  it('is case-sensitive like every other route', async () => {
    assert.equal((await withHealth.send('/api/v1/Health/Sessions')).status, 404);
  });
});
