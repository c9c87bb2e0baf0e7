// Webhook delivery: POST a JSON summary of the report (totals, summary, insights, links to the files). A `text`
// field makes chat webhooks (Slack, Mattermost) show a readable line.
import type { ReportDocument } from '../document.js';
import type { RenderedFile } from '../render/index.js';
import { formatUsd } from '../render/format.js';
import { PermanentError } from './retry.js';

/** A webhook target after names are looked up and ${VAR} header values are filled from the environment. */
export interface WebhookTarget {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/** Returns the body POSTed to webhooks. */
export function webhookPayload(doc: ReportDocument, runId: string, files: RenderedFile[], links: Record<string, string>) {
  const insights = doc.sections.flatMap((s) => (s.type === 'insights' ? s.items : []));
  // The insights' savings are already combined without overlap (insights/combine.ts): their sum is the total.
  const saving = insights.reduce((a, i) => a + (i.savingUsd ?? 0), 0);
  const unpriced = doc.unpriced.requests > 0 ? ` (+ ${doc.unpriced.requests} unpriced requests)` : '';
  const days = doc.range.firstDay === doc.range.lastDay ? doc.range.firstDay : `${doc.range.firstDay} to ${doc.range.lastDay}`;
  return {
    text: `${doc.title} (${days}): ${formatUsd(doc.totals.costUsd)}${unpriced} over ${doc.totals.requests} requests${saving > 0 ? `; estimated saving ${formatUsd(saving)}` : ''}`,
    runId,
    template: doc.template,
    title: doc.title,
    range: doc.range,
    timezone: doc.timezone,
    totals: doc.totals,
    summary: doc.sections.flatMap((s) => (s.type === 'summary' ? s.items : [])),
    insights: insights.map((i) => ({ id: i.id, title: i.title, level: i.level, summary: i.summary, ...(i.suggestion ? { suggestion: i.suggestion } : {}), ...(i.savingUsd !== undefined ? { savingUsd: i.savingUsd } : {}), ...(i.savingMinutes !== undefined ? { savingMinutes: i.savingMinutes } : {}), ...(i.assumption ? { assumption: i.assumption } : {}), ...(i.skipped ? { skipped: i.skipped } : {}) })),
    unpriced: doc.unpriced,
    files: files.map((f) => ({ format: f.format, fileName: f.fileName, bytes: f.body.length, ...(links[f.format] ? { url: links[f.format] } : {}) })),
    notes: doc.notes,
  };
}

/** Fills ${VAR} in header values from the environment (secrets stay out of the config file). */
export function expandHeaders(headers: Record<string, string>, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? '')]));
}

/**
 * POSTs the payload; 4xx answers other than 408 and 429 are permanent. Redirects are not followed: a 3xx would
 * carry the body and the configured (secret) headers to wherever it points, so it fails the delivery, permanently.
 */
export async function postWebhook(target: WebhookTarget, payload: unknown): Promise<void> {
  if (!/^https?:$/.test(new URL(target.url).protocol)) throw new PermanentError(`webhook ${target.name}: only http:// and https:// URLs are allowed`);
  let res: Response;
  try {
    res = await fetch(target.url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json', 'user-agent': 'agentmon-reports', ...target.headers }, body: JSON.stringify(payload), signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new Error(`webhook ${target.name}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return;
  if (res.status >= 300 && res.status < 400) throw new PermanentError(`webhook ${target.name} answered a redirect (HTTP ${res.status}); agentmon does not follow redirects: configure the final URL`);
  const message = `webhook ${target.name} answered HTTP ${res.status}`;
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentError(message);
  throw new Error(message);
}
