// A custom log's `include` pattern is matched in linear time: `*a*a*a…*b` against a long file name made the regular
// expression it was compiled to backtrack for hours, hanging `serve` (SIGTERM ignored: the event loop never turned)
// and `scan`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../cli/run-cli.js';
import { ensureBuilt, startServe, stop, sumMetric, type Running } from '../helpers/exporter.js';
import { metricsWhen, workspace } from './helpers.js';

const ws = workspace('glob');
const HOSTILE = `${'*a'.repeat(30)}*b`;
let serve: Running | undefined;

before(() => {
  ensureBuilt();
  const line = (i: number) => JSON.stringify({ ts: `2026-04-01T10:00:0${i}Z`, run: `r${i}`, model: 'm', input: 10, output: 5 });
  ws.write(`runs/${'a'.repeat(60)}`, `${line(1)}\n`); // no b: the pattern cannot match, the old matcher never finished
  ws.write(`runs/${'a'.repeat(40)}b`, `${line(2)}\n`); // matches
  ws.write('none/.keep', '');
  ws.write('agentmon.yaml', `custom:\n  - agent: runner\n    paths: [${ws.path('runs')}]\n    include: "${HOSTILE}"\n    timestamp: {field: ts}\n    fields: {session: run, model: model, inputTokens: input, outputTokens: output}\n`);
});

after(async () => {
  if (serve) await stop(serve, 'SIGKILL');
  ws.cleanup();
});

describe('hostile include patterns', () => {
  it('serve reads the matching file, answers, and stops on SIGTERM', async () => {
    serve = await startServe(['--config', ws.path('agentmon.yaml'), '--claude-dir', ws.path('none'), '--state-dir', ws.path('state')]);
    const m = await metricsWhen(serve.url, (x) => sumMetric(x, 'agentmon_requests_total', { agent: 'runner' }) === 1, 10_000);
    assert.equal(sumMetric(m, 'agentmon_requests_total', { agent: 'runner' }), 1);
    const code = await Promise.race([stop(serve, 'SIGTERM'), new Promise<string>((r) => setTimeout(() => r('still running 10 s after SIGTERM'), 10_000))]);
    assert.equal(code, 0);
    serve = undefined;
  });

  it('scan finishes', async () => {
    const r = await runCli(['scan', '--json', '--config', ws.path('agentmon.yaml'), '--claude-dir', ws.path('none')], { env: { HOME: ws.path('home') }, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { totals: { requests: number } }).totals.requests, 1);
  });
});
