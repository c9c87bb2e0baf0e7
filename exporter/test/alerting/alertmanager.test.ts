// The shipped Alertmanager config: renders from the environment, passes `amtool check-config`, routes by severity
// (`amtool config routes test`), and in a real Alertmanager groups, inhibits, and notifies a webhook and an SMTP
// server with readable templates.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSmtpSink, startWebhookSink, type Mail, type Sink, type WebhookNotification } from './sinks.js';
import { amAlerts, ensureTools, renderAlertmanagerConfig, type Server, startAlertmanager, stopServer, waitFor } from './tools.js';

const dir = mkdtempSync(join(tmpdir(), 'agentmon-am-'));
const FULL_ENV = {
  AGENTMON_ALERT_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
  AGENTMON_SMTP_SMARTHOST: 'smtp.example.com:587',
  AGENTMON_SMTP_FROM: 'agentmon@example.com',
  AGENTMON_SMTP_TO: 'oncall@example.com',
  AGENTMON_SMTP_USERNAME: 'agentmon',
  AGENTMON_SMTP_PASSWORD: "it's secret",
};
const amtool = (...args: string[]) => spawnSync('amtool', args, { encoding: 'utf8' });

before(() => ensureTools());
after(() => rmSync(dir, { recursive: true, force: true }));

describe('rendering the config from the environment', () => {
  it('with nothing set: valid, no webhook, no email', () => {
    const out = join(dir, 'bare.yml');
    assert.equal(renderAlertmanagerConfig(out, {}).status, 0);
    const check = amtool('check-config', out);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /3 receivers/);
    assert.doesNotMatch(readFileSync(out, 'utf8'), /webhook_configs|email_configs|smtp_/);
  });
  it('with webhook and SMTP: valid; the password goes to a 0600 file, never into the config', () => {
    const out = join(dir, 'full.yml');
    assert.equal(renderAlertmanagerConfig(out, FULL_ENV).status, 0);
    const check = amtool('check-config', out);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const text = readFileSync(out, 'utf8');
    assert.equal((text.match(/url: 'http:\/\/127\.0\.0\.1:9\/hook'/g) ?? []).length, 3);
    assert.match(text, /smtp_auth_password_file: '.*smtp_password'/);
    assert.doesNotMatch(text, /secret/);
    assert.equal(readFileSync(join(dir, 'smtp_password'), 'utf8'), "it's secret");
    assert.equal(statSync(join(dir, 'smtp_password')).mode & 0o777, 0o600);
  });
  it('fails with a message when SMTP is half configured', () => {
    const r = renderAlertmanagerConfig(join(dir, 'half.yml'), { AGENTMON_SMTP_SMARTHOST: 'smtp.example.com:587' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /AGENTMON_SMTP_FROM is needed with AGENTMON_SMTP_SMARTHOST/);
  });
});

describe('routes (amtool config routes test)', () => {
  const cases: [string[], string][] = [
    [['alertname=AgentmonBudgetExceeded', 'severity=critical', 'scope=total', 'period=day'], 'agentmon-critical'],
    [['alertname=AgentmonSessionLooping', 'severity=critical', 'agent=claude-code', 'project=alpha'], 'agentmon-critical'],
    [['alertname=AgentmonToolErrorRatioHigh', 'severity=warning', 'agent=codex', 'project=alpha'], 'agentmon-warning'],
    [['alertname=AgentmonLowCacheEfficiency', 'severity=info', 'agent=codex', 'project=alpha'], 'agentmon-info'],
    [['alertname=SomethingElse'], 'agentmon-warning'],
  ];
  for (const [labels, receiver] of cases) {
    it(`${labels.join(' ')} → ${receiver}`, () => {
      const r = amtool('config', 'routes', 'test', `--config.file=${join(dir, 'full.yml')}`, `--verify.receivers=${receiver}`, ...labels);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(r.stdout.trim(), receiver);
    });
  }
});

/** Decodes a quoted-printable MIME part (soft line breaks and =XX escapes). */
const unQP = (s: string): string =>
  Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

describe('a real Alertmanager with the shipped config', () => {
  let am: Server;
  let hook: Sink<WebhookNotification>;
  let smtp: Sink<Mail> & { hostPort: string };
  const now = new Date().toISOString();
  const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({ labels, annotations: { runbook_url: `https://example.com/${labels.alertname}.md`, ...annotations }, startsAt: now });
  before(async () => {
    hook = await startWebhookSink();
    smtp = await startSmtpSink();
    const config = join(dir, 'live.yml');
    const env = { ...FULL_ENV, AGENTMON_ALERT_WEBHOOK_URL: hook.url, AGENTMON_SMTP_SMARTHOST: smtp.hostPort, AGENTMON_SMTP_REQUIRE_TLS: 'false', AGENTMON_SMTP_USERNAME: '', AGENTMON_SMTP_PASSWORD: '', AGENTMON_ALERT_GROUP_WAIT: '1s', AGENTMON_ALERT_GROUP_INTERVAL: '2s' };
    assert.equal(renderAlertmanagerConfig(config, env).status, 0);
    am = await startAlertmanager(config, join(dir, 'am-data'));
    const alerts = [
      alert({ alertname: 'AgentmonSessionLooping', severity: 'critical', agent: 'claude-code', project: 'alpha', instance: 'a:9477', reason: 'repeated_tool_call' },
        { summary: 'claude-code session looping in project alpha', description: '1 claude-code session(s) in project alpha look like a loop.' }),
      alert({ alertname: 'AgentmonToolErrorRatioHigh', severity: 'warning', agent: 'claude-code', project: 'alpha', instance: 'a:9477' }),
      alert({ alertname: 'AgentmonToolErrorRatioHigh', severity: 'warning', agent: 'claude-code', project: 'beta', instance: 'a:9477' }),
      alert({ alertname: 'AgentmonExporterDown', severity: 'critical', instance: 'b:9477', job: 'agentmon' }),
      alert({ alertname: 'AgentmonCheckpointFailing', severity: 'warning', instance: 'b:9477', job: 'agentmon' }),
      alert({ alertname: 'AgentmonCheckpointFailing', severity: 'warning', instance: 'a:9477', job: 'agentmon' }),
    ];
    // Alertmanager's inhibitor learns of alerts asynchronously, so a source alert posted in the same request as its target
    // can lose the race with the target's first notification on a busy machine (seen once in a full test run: the
    // inhibited CheckpointFailing notified). Sources go first; targets half a second after Alertmanager lists them.
    const post = async (batch: object[]) => {
      const r = await fetch(`${am.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      assert.equal(r.status, 200);
    };
    const isSource = (a: { labels: Record<string, string> }) => a.labels.severity === 'critical';
    await post(alerts.filter(isSource));
    await waitFor('the critical alerts', async () => ((await amAlerts(am)).length === 2 ? true : undefined), 10_000, 100);
    await sleep(500);
    await post(alerts.filter((a) => !isSource(a)));
  });
  after(async () => {
    await stopServer(am);
    await hook?.close();
    await smtp?.close();
  });

  it('inhibits warnings under a critical alert of the same agent/project, and everything from a down exporter', async () => {
    const states = await waitFor('inhibitions', async () => {
      const got = (await amAlerts(am)).map((a) => `${a.labels.alertname} ${a.labels.project ?? '-'} ${a.labels.instance} ${a.status.state}`).sort();
      return got.filter((s) => s.endsWith('suppressed')).length === 2 ? got : undefined;
    }, 10_000, 200);
    assert.deepEqual(states, [
      'AgentmonCheckpointFailing - a:9477 active',
      'AgentmonCheckpointFailing - b:9477 suppressed',
      'AgentmonExporterDown - b:9477 active',
      'AgentmonSessionLooping alpha a:9477 active',
      'AgentmonToolErrorRatioHigh alpha a:9477 suppressed',
      'AgentmonToolErrorRatioHigh beta a:9477 active',
    ]);
  });

  it('notifies the webhook once per alertname/agent/project group, by severity', async () => {
    const groups = await waitFor('4 webhook notifications', async () => (hook.received.length >= 4 ? hook.received : undefined), 15_000, 200);
    const labels = (l: Record<string, string>) => Object.keys(l).sort().map((k) => `${k}=${l[k]}`).join(',');
    const brief = groups.map((n) => `${n.receiver} ${n.status} {${labels(n.groupLabels)}} ${n.alerts.length}`).sort();
    assert.deepEqual(brief, [
      'agentmon-critical firing {agent=claude-code,alertname=AgentmonSessionLooping,project=alpha} 1',
      'agentmon-critical firing {alertname=AgentmonExporterDown} 1',
      'agentmon-warning firing {agent=claude-code,alertname=AgentmonToolErrorRatioHigh,project=beta} 1',
      'agentmon-warning firing {alertname=AgentmonCheckpointFailing} 1',
    ]);
  });

  it('emails critical alerts with a subject and body a person can act on', async () => {
    const mails = await waitFor('2 emails', async () => (smtp.received.length >= 2 ? smtp.received : undefined), 15_000, 200);
    const looping = mails.find((m) => m.data.includes('AgentmonSessionLooping'));
    assert.ok(looping, mails.map((m) => m.data).join('\n----\n'));
    assert.deepEqual([looping.from, looping.to], ['agentmon@example.com', ['oncall@example.com']]);
    assert.match(looping.data, /^Subject: \[FIRING 1\] AgentmonSessionLooping - project alpha - claude-code$/m);
    const text = unQP(looping.data);
    assert.match(text, /FIRING {3}claude-code session looping in project alpha\n {9}1 claude-code session\(s\) in project alpha look like a loop\.\n {9}severity critical \| since \d{4}-\d\d-\d\d \d\d:\d\d UTC \| exporter a:9477\n {9}What to do: https:\/\/example\.com\/AgentmonSessionLooping\.md/);
  });
});
