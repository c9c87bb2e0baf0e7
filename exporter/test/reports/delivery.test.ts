// Delivery of a run with real parts on loopback: an SMTP server (written here on node:net) receives the email with
// its attachments, a webhook receiver (node:http) gets the JSON after one failed try, a folder gets the files,
// and the run history records each outcome.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ReportsSchema } from '../../src/reports/config.js';
import type { ReportSources } from '../../src/reports/data.js';
import { runTemplate, type RunContext } from '../../src/reports/serve/runner.js';
import { RunStore } from '../../src/reports/serve/runs.js';
import { parseTemplate } from '../../src/reports/template/load.js';
import { silentLogger } from '../../src/util/log.js';
import { EXPORTER_DIR } from '../fixtures/cli.js';
import { scanForReports, teamLogs, WEEK_B } from './harness.js';

interface Mail {
  from: string;
  to: string[];
  data: string;
}

/** A minimal SMTP server: EHLO, MAIL, RCPT, DATA, QUIT; keeps each message. */
function smtpServer(mails: Mail[]): Promise<{ server: TcpServer; port: number }> {
  const server = createTcpServer((sock) => {
    let buf = '';
    let inData = false;
    let mail: Mail = { from: '', to: [], data: '' };
    sock.write('220 localhost test SMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          inData = false;
          mails.push(mail);
          mail = { from: '', to: [], data: '' };
          sock.write('250 queued\r\n');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250-localhost\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') (mail.from = line), sock.write('250 ok\r\n');
        else if (verb === 'RCPT') mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? ''), sock.write('250 ok\r\n');
        else if (verb === 'DATA') (inData = true), sock.write('354 go ahead\r\n');
        else if (verb === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

/** Returns the decoded body of the attachment named `fileName` in a MIME message. */
function attachment(data: string, fileName: string): Buffer | undefined {
  const at = data.indexOf(`filename=${fileName}`);
  if (at < 0) return undefined;
  const start = data.indexOf('\r\n\r\n', at) + 4;
  const end = data.indexOf('\r\n--', start);
  return Buffer.from(data.slice(start, end).replace(/\s+/g, ''), 'base64');
}

describe('report delivery (SMTP, webhook, folder)', () => {
  const logs = teamLogs();
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-delivery-'));
  const mails: Mail[] = [];
  const hooks: { status: number; body: Record<string, unknown>; token: string | undefined }[] = [];
  let smtp: TcpServer;
  let web: Server;
  let smtpPort = 0;
  let webPort = 0;
  let src: ReportSources;

  before(async () => {
    execFileSync('bash', [join(EXPORTER_DIR, '..', 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
    src = (await scanForReports(logs)).src;
    ({ server: smtp, port: smtpPort } = await smtpServer(mails));
    web = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        // The first try fails (500), the retry succeeds; /gone always answers 404.
        const status = req.url === '/gone' ? 404 : hooks.length === 0 ? 500 : 200;
        hooks.push({ status, body: JSON.parse(body) as Record<string, unknown>, token: req.headers['x-token'] as string | undefined });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
    webPort = (web.address() as { port: number }).port;
  });
  after(async () => {
    smtp.close();
    web.close();
    logs.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('mails the PDF and CSV, posts the webhook after a retry, writes the folder, and records it all', async () => {
    const config = ReportsSchema.parse({
      smtp: { host: '127.0.0.1', port: smtpPort, from: 'agentmon <reports@example.com>' },
      webhooks: { team: { url: `http://127.0.0.1:${webPort}/hook`, headers: { 'X-Token': '${HOOK_TOKEN}' } } },
      publicUrl: 'https://agentmon.example.com',
    });
    const store = new RunStore(join(dir, 'runs'), 10);
    const ctx: RunContext = { sources: src, config, store, log: silentLogger, env: { HOOK_TOKEN: 'sekret-token' }, signal: new AbortController().signal, retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 100 } };
    const template = parseTemplate(`name: weekly
title: Weekly progress
formats: [pdf, csv]
delivery:
  email: { to: [lead@example.com], cc: [cfo@example.com] }
  webhooks: [team]
  folder: ${join(dir, 'shared')}
sections:
  - type: summary
  - type: chart
    metric: costUsd
    by: day
  - type: insights
`, 'weekly.yaml');
    const { run, delivered } = await runTemplate(ctx, { template, file: join(dir, 'weekly.yaml'), builtin: false }, { trigger: 'api', range: WEEK_B, deliver: true, timezone: 'UTC' });
    assert.equal(run.status, 'delivering');
    await delivered;

    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0]!.to, ['lead@example.com', 'cfo@example.com']);
    assert.match(mails[0]!.data, /^Subject: Weekly progress: 2026-03-09 to 2026-03-15$/m);
    const pdf = attachment(mails[0]!.data, 'weekly-2026-03-09_2026-03-15.pdf');
    assert.equal(pdf?.subarray(0, 5).toString(), '%PDF-');
    const csv = attachment(mails[0]!.data, 'weekly-2026-03-09_2026-03-15.csv')?.toString();
    assert.ok(csv?.includes('Totals,totals,total,costUsd,0.133215'), csv);

    assert.deepEqual(hooks.map((h) => h.status), [500, 200]);
    const body = hooks[1]!.body as { text: string; totals: Record<string, number>; insights: { id: string }[]; files: { format: string; url?: string }[] };
    assert.equal(hooks[1]!.token, 'sekret-token');
    assert.equal(body.totals.costUsd, 0.133215);
    assert.match(body.text, /^Weekly progress \(2026-03-09 to 2026-03-15\): \$0\.1332 over 7 requests; estimated saving \$/);
    assert.equal(body.insights.length, 6);
    assert.equal(body.files.find((f) => f.format === 'pdf')?.url, `https://agentmon.example.com/api/v1/reports/runs/${run.id}/files/pdf`);

    assert.ok(existsSync(join(dir, 'shared', 'weekly-2026-03-09_2026-03-15.pdf')));
    const history = JSON.parse(readFileSync(join(dir, 'runs', 'runs.json'), 'utf8')) as { runs: { id: string; status: string; deliveries: { kind: string; status: string; attempts: number }[]; files: { format: string }[] }[] };
    const saved = history.runs[0]!;
    assert.equal(saved.id, run.id);
    assert.equal(saved.status, 'ok');
    assert.deepEqual(saved.deliveries.map((d) => [d.kind, d.status, d.attempts]), [['email', 'ok', 1], ['webhook', 'ok', 2], ['folder', 'ok', 1]]);
    assert.deepEqual(saved.files.map((f) => f.format), ['pdf', 'csv', 'json']);
  });

  it('stops at a 4xx answer and records why; an unknown webhook name fails without a try', async () => {
    const config = ReportsSchema.parse({ webhooks: { gone: { url: `http://127.0.0.1:${webPort}/gone` } } });
    const store = new RunStore(join(dir, 'runs2'), 10);
    const ctx: RunContext = { sources: src, config, store, log: silentLogger, env: {}, signal: new AbortController().signal, retry: { attempts: 5, initialDelayMs: 10, maxDelayMs: 10 } };
    const template = parseTemplate('name: t\ntitle: T\nformats: [json]\ndelivery:\n  webhooks: [gone, nobody]\nsections:\n  - type: summary\n', 't.yaml');
    const before = hooks.length;
    const { run, delivered } = await runTemplate(ctx, { template, file: join(dir, 't.yaml'), builtin: false }, { trigger: 'schedule', range: WEEK_B, deliver: true, timezone: 'UTC' });
    await delivered;
    assert.equal(hooks.length - before, 1);
    assert.equal(run.status, 'failed');
    assert.deepEqual(run.deliveries.map((d) => [d.target, d.status, d.attempts, d.error]), [
      ['gone', 'failed', 1, 'webhook gone answered HTTP 404'],
      ['nobody', 'failed', 0, 'no webhook named "nobody" under reports.webhooks'],
    ]);
  });
});
