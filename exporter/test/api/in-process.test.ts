// The HTTP app in this process (no child exporter), so that `npm run mutate` sees every branch it takes: the bearer
// token guards all of /api, the health route included, with wrong tokens of the same and of another length; the
// session list's CSV doubles quotes and neutralizes formulas in text that comes from the logs (project, session id).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { csvCell, toCsv } from '../../src/api/csv.js';
import { EventFeed } from '../../src/api/events.js';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { Gate } from '../../src/http/gate.js';
import { createHttpApp } from '../../src/http/server.js';
import { silentLogger } from '../../src/util/log.js';
import { claudeAssistant } from '../helpers/lines.js';

const TOKEN = 'in-process-token-0123456789';
const PROJECT = '=HYPERLINK("x.example?a,b",1)'; // the last folder of the cwd, so no slash
const SESSION = '-2+3+cmd|\' /C calc\'!A0';

describe('HTTP app in process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-inproc-'));
  let server: ReturnType<ReturnType<typeof createHttpApp>['listen']> | undefined;
  let url = '';
  const get = (path: string, token?: string) => fetch(`${url}${path}`, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });

  before(async () => {
    const logs = join(dir, 'claude');
    mkdirSync(join(logs, 'p'), { recursive: true });
    writeFileSync(join(logs, 'p', 's.jsonl'), claudeAssistant({ msgId: 'm1', reqId: 'r1', ts: '2026-03-11T09:00:00Z', session: SESSION, cwd: `/home/dev/${PROJECT}`, usage: { input: 10, output: 2 } }) + '\n');
    const config = await loadConfig({ dirs: { 'claude-code': [logs], codex: [], gemini: [] }, stateDir: join(dir, 'state') }, {});
    const engine = new Engine(config, silentLogger, undefined, {});
    await engine.scanAll();
    await engine.tracker.closeAll();
    const app = createHttpApp(engine, new Registry(), '0.0.0-test', silentLogger, {
      feed: new EventFeed(),
      token: TOKEN,
      activeWindowSeconds: 300,
      maxLineBytes: 1 << 20,
      maxEventStreams: 2,
      heavy: new Gate(2, 8),
      guard: { bindHost: '127.0.0.1', allowedHosts: [], allowedOrigins: [], tokenSet: true },
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /api only with the right token: none, another length and the same length are refused', async () => {
    const wrongSameLength = TOKEN.slice(0, -1) + (TOKEN.endsWith('9') ? '8' : '9');
    assert.equal(wrongSameLength.length, TOKEN.length);
    for (const path of ['/api/v1/sessions', '/api/v1/health/sessions']) {
      for (const token of [undefined, '', 'short', wrongSameLength, `${TOKEN}x`]) {
        const r = await get(path, token);
        assert.equal(r.status, 401, `${path} with ${JSON.stringify(token)}`);
        assert.equal(r.headers.get('www-authenticate'), 'Bearer');
      }
    }
    assert.equal((await get('/api/v1/sessions', TOKEN)).status, 200);
    // Session health is not running in this app: with the token the route itself answers.
    assert.equal((await get('/api/v1/health/sessions', TOKEN)).status, 503);
    assert.equal((await get('/metrics')).status, 200, '/metrics needs no token');
  });

  it('writes log text into the session CSV quoted and neutralized', async () => {
    const r = await get('/api/v1/sessions?format=csv', TOKEN);
    assert.equal(r.status, 200);
    const [header, row] = (await r.text()).split('\r\n');
    const cols = header!.split(',');
    assert.equal(cols[2], 'sessionId');
    assert.equal(cols[3], 'project');
    // The project cell: a leading quote against the formula, every " doubled, the whole cell quoted (it has commas).
    assert.ok(row!.includes(`,"'=HYPERLINK(""x.example?a,b"",1)",`), row);
    assert.ok(row!.includes(`,"'-2+3+cmd|' /C calc'!A0",`), row);
  });

  it('csvCell: quoting, formulas, controls and numbers', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a"b'), '"a""b"');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
    assert.equal(csvCell('=1+2'), `"'=1+2"`);
    assert.equal(csvCell('+1'), `"'+1"`);
    assert.equal(csvCell('-1'), `"'-1"`);
    assert.equal(csvCell('@SUM(A1)'), `"'@SUM(A1)"`);
    assert.equal(csvCell('  =x'), `"'  =x"`);
    assert.equal(csvCell('\u0001=x'), '\ufffd=x', 'a control character becomes U+FFFD, and then = is not first');
    assert.equal(csvCell('\n=x'), `"'\n=x"`);
    assert.equal(csvCell('\tx'), `"'\tx"`);
    assert.equal(csvCell('\rx'), `"'\rx"`);
    assert.equal(csvCell('\uff1dx'), `"'\uff1dx"`);
    assert.equal(csvCell('\uff0bx'), `"'\uff0bx"`);
    assert.equal(csvCell('\uff0dx'), `"'\uff0dx"`);
    assert.equal(csvCell('\uff20x'), `"'\uff20x"`);
    assert.equal(csvCell('a=b'), 'a=b', 'a sign inside the text is no formula');
    assert.equal(csvCell('esc\u001b[31m'), 'esc\ufffd[31m');
    assert.equal(csvCell('del\u007f c1\u009f'), 'del\ufffd c1\ufffd');
    assert.equal(csvCell(-3), '-3', 'numbers stay numbers');
    assert.equal(csvCell(2n), '2');
    assert.equal(csvCell(true), 'true');
    assert.equal(csvCell(false), 'false');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell({ a: '"' }), '"{""a"":""\\""""}"');
    assert.equal(toCsv([{ a: 1, b: { c: 'x,y' } }, { a: 2 }], ['a', 'b.c']), 'a,b.c\r\n1,"x,y"\r\n2,\r\n');
  });
});
