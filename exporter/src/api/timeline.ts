// A session's timeline, rebuilt on request from the session's own log files with the same pure parsers: nothing
// per-event is kept in memory, and what the API shows matches what was counted.
import { open, readFile } from 'node:fs/promises';
import type { SessionEntry } from '../accounting/ledger.js';
import { adapterFor } from '../adapters/index.js';
import type { AgentEvent, TokenCounts } from '../adapters/types.js';
import type { PriceTable } from '../pricing/pricing.js';
import { nanoToUsd } from '../pricing/pricing.js';
import { readLines, SHRINK_ABOVE_BYTES } from '../tail/reader.js';
import { redact } from './redact.js';

export interface TimelineItem {
  ts: string;
  kind: 'prompt' | 'response' | 'tool_call' | 'tool_result' | 'api_error';
  model?: string;
  tokens?: TokenCounts;
  costUsd?: number;
  tool?: string;
  ok?: boolean;
  errorCategory?: string;
  durationSeconds?: number;
  raw?: unknown;
}

export interface Timeline {
  timeline: TimelineItem[];
  progress?: { done: number; total: number };
  /** True when the session had more items than the limit; the first ones are returned. */
  truncated: boolean;
}

export interface TimelineOptions {
  prices: PriceTable;
  maxLineBytes: number;
  maxItems: number;
  includeRaw: boolean;
}

/** Reads the session's files and returns its timeline (responses merged across streamed lines and copies). */
export async function buildTimeline(session: SessionEntry, opts: TimelineOptions): Promise<Timeline> {
  const adapter = adapterFor(session.agent);
  const items: TimelineItem[] = [];
  const responses = new Map<string, TimelineItem>();
  const calls = new Map<string, { item: TimelineItem; ms: number }>();
  const seen = new Set<string>();
  let progress: Timeline['progress'];
  let truncated = false;

  const add = (item: TimelineItem): void => {
    if (items.length < opts.maxItems) items.push(item);
    else truncated = true;
  };
  const onEvent = (ev: AgentEvent, line: string): void => {
    if (ev.sessionId !== session.sessionId) return;
    const ts = new Date(ev.timestampMs).toISOString();
    const raw = opts.includeRaw ? () => ({ raw: redact(JSON.parse(line)) }) : () => ({});
    switch (ev.kind) {
      case 'request': {
        const prev = ev.dedupKey ? responses.get(ev.dedupKey) : undefined;
        if (prev?.tokens) {
          for (const k of Object.keys(prev.tokens) as (keyof TokenCounts)[]) prev.tokens[k] = Math.max(prev.tokens[k], ev.tokens[k]);
          return;
        }
        const item: TimelineItem = { ts, kind: 'response', model: ev.model, tokens: { ...ev.tokens }, ...raw() };
        if (ev.dedupKey) responses.set(ev.dedupKey, item);
        add(item);
        return;
      }
      case 'tool_call': {
        if (calls.has(ev.callId)) return;
        const item: TimelineItem = { ts, kind: 'tool_call', tool: ev.tool, ...raw() };
        calls.set(ev.callId, { item, ms: ev.timestampMs });
        add(item);
        return;
      }
      case 'tool_result': {
        if (seen.has(`r:${ev.callId}`)) return;
        seen.add(`r:${ev.callId}`);
        const call = calls.get(ev.callId);
        const duration = call && ev.timestampMs >= call.ms ? (ev.timestampMs - call.ms) / 1000 : undefined;
        if (call && duration !== undefined) call.item.durationSeconds = duration;
        add({ ts, kind: 'tool_result', ok: ev.ok, ...(call?.item.tool ? { tool: call.item.tool } : {}), ...(ev.errorCategory ? { errorCategory: ev.errorCategory } : {}), ...(duration !== undefined ? { durationSeconds: duration } : {}), ...raw() });
        return;
      }
      case 'api_error':
        if (ev.dedupKey && seen.has(ev.dedupKey)) return;
        if (ev.dedupKey) seen.add(ev.dedupKey);
        add({ ts, kind: 'api_error', errorCategory: ev.errorKind, ...raw() });
        return;
      case 'prompt':
        add({ ts, kind: 'prompt', ...raw() });
        return;
      case 'progress':
        progress = { done: ev.done, total: ev.total };
        return;
      case 'activity':
        return;
      default: {
        const never: never = ev;
        throw new Error(`unhandled event ${JSON.stringify(never)}`);
      }
    }
  };

  for (const path of session.files ?? []) {
    if (adapter.parseDocument && adapter.isDocumentFile?.(path)) {
      // One JSON document rewritten in place (older Gemini CLI chats): parsed whole; its records have no raw line.
      const text = await readFile(path, 'utf8').catch(() => undefined);
      const outcomes = text !== undefined && text.length <= opts.maxLineBytes * 8 ? adapter.parseDocument(text, { state: {}, path }) : undefined;
      for (const outcome of outcomes ?? []) for (const ev of outcome.events) onEvent(ev, 'null');
      continue;
    }
    let fh;
    try {
      fh = await open(path, 'r');
    } catch {
      continue; // deleted since (Claude Code removes old transcripts): the counters keep what it held
    }
    try {
      const ctx = { state: {}, path };
      await readLines(fh, { offset: 0, skipping: false }, { maxLineBytes: opts.maxLineBytes, chunkBytes: 1 << 20, shrinkAboveBytes: SHRINK_ABOVE_BYTES }, {
        line: (text) => {
          let outcome;
          try {
            outcome = adapter.parse(text, ctx);
          } catch {
            return;
          }
          for (const ev of outcome.events) onEvent(ev, text);
        },
        tooLong: () => undefined,
        consumed: () => undefined,
      });
    } finally {
      await fh.close();
    }
  }
  items.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  for (const item of items) {
    if (item.kind === 'response' && item.tokens && item.model) item.costUsd = nanoToUsd(opts.prices.costNano(item.model, item.tokens) ?? 0);
  }
  return { timeline: items, ...(progress ? { progress } : {}), truncated };
}

export const TIMELINE_CSV_COLUMNS = [
  'ts', 'kind', 'model', 'tool', 'ok', 'errorCategory', 'durationSeconds', 'costUsd',
  'tokens.input', 'tokens.output', 'tokens.cacheRead', 'tokens.cacheWrite5m', 'tokens.cacheWrite1h',
] as const;
