// Runs a template once in `serve`: compute, render every format, keep the files in the run history, then deliver
// (email, webhooks, folder) with retries. Rendering yields between formats so tailing goes on meanwhile.
import type { ReportFormat } from '../template/schema.js';
import { dirname } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { resolveUserPath } from '../../config/paths.js';
import type { Logger } from '../../util/log.js';
import type { ReportsConfig } from '../config.js';
import type { ReportSources } from '../data.js';
import type { ReportDocument } from '../document.js';
import { sendEmail, smtpSettings } from '../deliver/email.js';
import { writeToFolder } from '../deliver/folder.js';
import { type RetryPolicy, withRetry } from '../deliver/retry.js';
import { expandHeaders, postWebhook, webhookPayload, type WebhookTarget } from '../deliver/webhook.js';
import type { TimeRange } from '../period.js';
import type { RenderedFile } from '../render/index.js';
import { inProcess, type ReportCompute } from './compute.js';
import type { LoadedTemplate } from '../template/load.js';
import { type DeliveryRecord, type RunRecord, RunStore } from './runs.js';

/** What a run needs from the running exporter. */
export interface RunContext {
  sources: ReportSources;
  /** Where documents are built and rendered (serve: a worker thread); default: in this thread from `sources`. */
  compute?: ReportCompute;
  config: ReportsConfig;
  store: RunStore;
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** Aborted when serve stops: pending retries give up. */
  signal: AbortSignal;
  retry: RetryPolicy;
}

/** Resolves a template's webhooks (names from the config, or URLs) and reports unknown names. */
export function webhookTargets(names: string[], config: ReportsConfig, env: NodeJS.ProcessEnv): (WebhookTarget | { name: string; error: string })[] {
  return names.map((name) => {
    const named = config.webhooks[name];
    if (named) return { name, url: named.url, headers: expandHeaders(named.headers, env) };
    if (/^https?:\/\//.test(name)) return { name: new URL(name).host, url: name, headers: {} };
    return { name, error: `no webhook named "${name}" under reports.webhooks` };
  });
}

async function deliverAll(ctx: RunContext, loaded: LoadedTemplate, run: RunRecord, doc: ReportDocument, files: RenderedFile[]): Promise<void> {
  const { delivery } = loaded.template;
  const jobs: { record: DeliveryRecord; send: (() => Promise<void>) | undefined; error?: string }[] = [];
  if (delivery.email) {
    const smtp = smtpSettings(ctx.config.smtp, ctx.env);
    const email = delivery.email;
    jobs.push({
      record: { kind: 'email', target: smtp ? `${email.to.length + email.cc.length} recipient(s) via ${smtp.host}` : 'email', status: 'pending', attempts: 0 },
      send: smtp ? () => sendEmail(smtp, email, doc, files) : undefined,
      error: 'no SMTP server: set reports.smtp.host or AGENTMON_SMTP_HOST',
    });
  }
  const base = ctx.config.publicUrl?.replace(/\/$/, '');
  const links = Object.fromEntries(files.map((f) => [f.format, base ? `${base}/api/v1/reports/runs/${run.id}/files/${f.format}` : '']).filter(([, v]) => v));
  for (const t of webhookTargets(delivery.webhooks, ctx.config, ctx.env)) {
    const payload = webhookPayload(doc, run.id, files, links);
    jobs.push({ record: { kind: 'webhook', target: t.name, status: 'pending', attempts: 0 }, send: 'url' in t ? () => postWebhook(t, payload) : undefined, error: 'error' in t ? t.error : '' });
  }
  if (delivery.folder) {
    const dir = resolveUserPath(delivery.folder, dirname(loaded.file), ctx.env);
    jobs.push({ record: { kind: 'folder', target: dir, status: 'pending', attempts: 0 }, send: () => writeToFolder(dir, files) });
  }
  run.deliveries = jobs.map((j) => j.record);
  await ctx.store.save();
  await Promise.all(
    jobs.map(async (j) => {
      const outcome = j.send
        ? await withRetry(j.send, ctx.retry, ctx.signal, (attempt, error) => ctx.log.warn('report delivery failed; will retry', { run: run.id, kind: j.record.kind, target: j.record.target, attempt, error }))
        : { ok: false, attempts: 0, error: j.error };
      Object.assign(j.record, { status: outcome.ok ? 'ok' : 'failed', attempts: outcome.attempts, finishedAt: new Date().toISOString(), ...(outcome.error && !outcome.ok ? { error: outcome.error } : {}) });
      await ctx.store.save();
    }),
  );
}

/**
 * Runs a template: returns once the files are stored (status `delivering` or final); `delivered` settles when
 * every delivery has finished. With deliver=false (previews saved from the API) nothing is sent.
 */
export async function runTemplate(ctx: RunContext, loaded: LoadedTemplate, opts: { trigger: RunRecord['trigger']; range?: TimeRange; deliver: boolean; timezone: string; nowMs?: number; formats?: readonly ReportFormat[] }): Promise<{ run: RunRecord; delivered: Promise<void> }> {
  const t0 = Date.now();
  const template = loaded.template;
  const run: RunRecord = {
    id: RunStore.newId(template.name, opts.nowMs),
    template: template.name,
    title: template.title,
    trigger: opts.trigger,
    status: 'running',
    startedAt: new Date().toISOString(),
    range: { from: '', to: '', firstDay: '', lastDay: '' },
    files: [],
    deliveries: [],
  };
  await ctx.store.add(run);
  try {
    const compute = ctx.compute ?? inProcess(ctx.sources);
    const doc = await compute.build(template, { ...(opts.range ? { range: opts.range } : {}), timezone: opts.timezone, ...(opts.nowMs !== undefined ? { nowMs: opts.nowMs } : {}) });
    run.range = doc.range;
    run.costUsd = doc.totals.costUsd;
    run.requests = doc.totals.requests;
    run.buildMs = Date.now() - t0;
    const files: RenderedFile[] = [];
    // The formats asked for (the template's by default), plus JSON, which the run history and previews read.
    const chosen = opts.formats ?? template.formats;
    const formats = [...new Set([...chosen, 'json' as const])];
    for (const format of formats) {
      await yieldToLoop();
      const file = await compute.render(doc, format);
      await ctx.store.writeFile(run, file.fileName, file.body);
      run.files.push({ format, fileName: file.fileName, bytes: file.body.length });
      if (chosen.includes(format)) files.push(file);
    }
    run.renderMs = Date.now() - t0 - run.buildMs;
    run.status = opts.deliver ? 'delivering' : 'ok';
    if (!opts.deliver) run.finishedAt = new Date().toISOString();
    await ctx.store.save();
    const delivered = opts.deliver
      ? deliverAll(ctx, loaded, run, doc, files).then(async () => {
          run.status = run.deliveries.every((d) => d.status === 'ok') ? 'ok' : 'failed';
          if (run.status === 'failed') run.error = 'some deliveries failed';
          run.finishedAt = new Date().toISOString();
          await ctx.store.save();
        })
      : Promise.resolve();
    return { run, delivered: delivered.catch((err: unknown) => ctx.log.error('report delivery crashed', { run: run.id, error: String(err) })) };
  } catch (err) {
    Object.assign(run, { status: 'failed', error: err instanceof Error ? err.message.split('\n')[0] : String(err), finishedAt: new Date().toISOString() });
    ctx.log.error('report run failed', { run: run.id, template: template.name, error: run.error });
    await ctx.store.save();
    return { run, delivered: Promise.resolve() };
  }
}
