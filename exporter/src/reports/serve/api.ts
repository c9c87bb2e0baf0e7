// /api/v1/reports: list templates, preview a report for any range (what the Grafana Reports page and report panel
// call), start runs, and read the run history and its files. Bad parameters answer 400 naming the parameter.
// Previews and runs are POST: they cost seconds of CPU (and a Chromium for PDF), so a web page must not be able to
// set them off with a link or an image; they run a few at a time (the `heavy` gate) and in a worker thread.
import { createReadStream } from 'node:fs';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { Gate } from '../../http/gate.js';
import { DAY_PATTERN, dayStart, type TimeRange } from '../period.js';
import { FORMATS } from '../template/schema.js';
import { RunStore } from './runs.js';
import type { ReportsService } from './service.js';

/**
 * A range bound, one rule for the API and the CLI: a day (YYYY-MM-DD) names the whole day in the report's zone, so
 * `to: "2026-03-15"` includes the 15th, as `--to 2026-03-15` does; an instant (ISO 8601 with a time, or Unix
 * milliseconds: Grafana's time range) is the exact edge, and `to` is exclusive.
 */
type Bound = { day: string } | { ms: number };
const isBound = (s: string): boolean => DAY_PATTERN.test(s) || /^\d{10,16}$/.test(s) || !Number.isNaN(Date.parse(s));
const toBound = (s: string): Bound => (DAY_PATTERN.test(s) ? { day: s } : { ms: /^\d+$/.test(s) ? Number(s) : Date.parse(s) });
const BOUND_ERROR = 'expected a day (YYYY-MM-DD), an ISO 8601 time or Unix milliseconds';
/** A body's from/to: a number is Unix milliseconds, text as toBound; undefined when absent, 'bad' when unreadable. */
const boundOf = (v: number | string | undefined): Bound | undefined | 'bad' =>
  v === undefined ? undefined : typeof v === 'number' ? { ms: v } : isBound(v) ? toBound(v) : 'bad';
const PreviewBody = z.strictObject({ template: z.string().min(1).max(100), format: z.enum(FORMATS).default('json'), from: z.union([z.number().int(), z.string().max(40)]).optional(), to: z.union([z.number().int(), z.string().max(40)]).optional() });
const RunBody = z.strictObject({ template: z.string().min(1).max(100), deliver: z.boolean().default(false), formats: z.array(z.enum(FORMATS)).min(1).max(FORMATS.length).optional(), from: z.union([z.number().int(), z.string()]).optional(), to: z.union([z.number().int(), z.string()]).optional() });
const RunsQuery = z.strictObject({ template: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(1000).default(50) });
const FileQuery = z.strictObject({ inline: z.enum(['true', 'false', '1', '0']).optional() });

function badRequest(res: Response, error: z.ZodError): void {
  const issue = error.issues[0]!;
  const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
  res.status(400).json({ error: issue.code === 'unrecognized_keys' ? `unknown parameter(s): ${name}` : `${name}: ${issue.message}` });
}

function rangeOf(fromValue: number | string | undefined, toValue: number | string | undefined, tz: string, res: Response): TimeRange | undefined | false {
  const from = boundOf(fromValue);
  const to = boundOf(toValue);
  if (from === 'bad' || to === 'bad') {
    res.status(400).json({ error: `${from === 'bad' ? 'from' : 'to'}: ${BOUND_ERROR}` });
    return false;
  }
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined) {
    res.status(400).json({ error: 'to: needs from as well' });
    return false;
  }
  const startMs = 'day' in from ? dayStart(from.day, tz) : from.ms;
  const endMs = to === undefined ? Date.now() : 'day' in to ? dayStart(to.day, tz, 1) : to.ms;
  const range = { startMs, endMs };
  if (!(range.endMs > range.startMs)) {
    res.status(400).json({ error: 'from: must be before to' });
    return false;
  }
  return range;
}

/** Returns the router for /api/v1/reports. */
export function reportsRouter(reports: ReportsService, heavy: Gate): Router {
  const router = Router({ caseSensitive: true });
  const find = (name: string, res: Response) => {
    const t = reports.templates.get(name);
    if (!t) res.status(404).json({ error: `no template named ${JSON.stringify(name.slice(0, 100))}; known: ${[...reports.templates.keys()].join(', ')}` });
    return t;
  };

  router.get('/templates', (_req, res) => {
    const items = [...reports.templates.values()].map((t) => {
      const last = reports.runs.list({ template: t.template.name, limit: 1 })[0];
      const d = t.template.delivery;
      return {
        name: t.template.name,
        title: t.template.title,
        ...(t.template.description ? { description: t.template.description } : {}),
        period: t.template.period,
        schedule: t.template.schedule ?? null,
        nextRunAt: reports.scheduler.nextRun(t.template.name)?.toISOString() ?? null,
        timezone: reports.zoneOf(t),
        formats: t.template.formats,
        sections: t.template.sections.map((s) => ({ type: s.type, ...(s.title ? { title: s.title } : {}) })),
        delivery: { email: d.email ? d.email.to.length + d.email.cc.length : 0, webhooks: d.webhooks.length, folder: d.folder !== undefined },
        builtin: t.builtin,
        lastRun: last ? { id: last.id, status: last.status, startedAt: last.startedAt, finishedAt: last.finishedAt ?? null } : null,
      };
    });
    res.json({ items });
  });

  router.get('/templates/:name', (req, res) => {
    const t = find(req.params.name, res);
    if (t) res.json({ ...t.template, builtin: t.builtin, nextRunAt: reports.scheduler.nextRun(t.template.name)?.toISOString() ?? null });
  });

  router.get('/preview', (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ error: 'previews are POST requests: POST /api/v1/reports/preview with a JSON body {template, format, from, to}' });
  });

  router.post('/preview', express.json({ limit: '16kb' }), async (req, res) => {
    const b = PreviewBody.safeParse(req.body ?? {});
    if (!b.success) return badRequest(res, b.error);
    const t = find(b.data.template, res);
    if (!t) return;
    const range = rangeOf(b.data.from, b.data.to, reports.zoneOf(t), res);
    if (range === false) return;
    const format = b.data.format;
    const done = await heavy.run(async () => {
      const doc = await reports.compute.build(t.template, { ...(range ? { range } : {}), timezone: reports.zoneOf(t) });
      return format === 'json' ? { doc } : { file: await reports.compute.render(doc, format) };
    }).catch((err: unknown) => ({ failed: err instanceof Error ? (err.message.split('\n')[0] ?? 'failed') : 'failed' }));
    if (!done) return void res.status(503).set('Retry-After', '5').json({ error: 'too many reports are being computed right now; retry in a few seconds' });
    if ('failed' in done) return void res.status(500).json({ error: `rendering failed: ${done.failed}` });
    const out = done.value;
    if ('doc' in out) return void res.json(out.doc);
    res.type(out.file.contentType).set('Content-Disposition', `inline; filename="${out.file.fileName}"`).send(out.file.body);
  });

  router.post('/runs', express.json({ limit: '16kb' }), async (req, res) => {
    const b = RunBody.safeParse(req.body ?? {});
    if (!b.success) return badRequest(res, b.error);
    const t = find(b.data.template, res);
    if (!t) return;
    const range = rangeOf(b.data.from, b.data.to, reports.zoneOf(t), res);
    if (range === false) return;
    const done = await heavy.run(() => reports.run(t, { trigger: 'api', deliver: b.data.deliver, ...(range ? { range } : {}), ...(b.data.formats ? { formats: b.data.formats } : {}) }));
    if (!done) return void res.status(503).set('Retry-After', '5').json({ error: 'too many reports are being computed right now; retry in a few seconds' });
    res.status(done.value.status === 'failed' ? 500 : 201).json(done.value);
  });

  router.get('/runs', (req, res) => {
    const q = RunsQuery.safeParse(req.query);
    if (!q.success) return badRequest(res, q.error);
    res.json({ items: reports.runs.list({ ...(q.data.template ? { template: q.data.template } : {}), limit: q.data.limit }) });
  });

  router.get('/runs/:id', (req, res) => {
    const run = RunStore.isId(req.params.id) ? reports.runs.get(req.params.id) : undefined;
    if (!run) return void res.status(404).json({ error: 'no such run (see /api/v1/reports/runs)' });
    res.json(run);
  });

  router.get('/runs/:id/files/:format', (req, res) => {
    const q = FileQuery.safeParse(req.query);
    if (!q.success) return badRequest(res, q.error);
    const run = RunStore.isId(req.params.id) ? reports.runs.get(req.params.id) : undefined;
    const file = run?.files.find((f) => f.format === req.params.format);
    if (!run || !file) return void res.status(404).json({ error: `no ${JSON.stringify(req.params.format.slice(0, 10))} file for this run; formats: ${run?.files.map((f) => f.format).join(', ') ?? 'none (unknown run)'}` });
    const inline = q.data.inline === 'true' || q.data.inline === '1';
    res.type(file.fileName.split('.').pop()!).set('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.fileName}"`);
    createReadStream(reports.runs.filePath(run, file.fileName)).on('error', () => res.status(410).end()).pipe(res);
  });

  return router;
}
