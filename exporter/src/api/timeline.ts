// A session's timeline, rebuilt on request from the session's own log files with the same pure parsers: nothing
// per-event is kept in memory, and what the API shows matches what was counted.
// The answer stays proportional to the session's bytes: a log line is parsed and redacted once however many steps
// it holds (one Claude Code line can carry thousands of tool calls), its raw event is sent once (later steps of the
// same line point at it with `sameRawAs`), and raw events stop at a total budget.
import { fstatSync } from 'node:fs';
import type { SessionEntry } from '../accounting/ledger.js';
import { adapterFor } from '../adapters/index.js';
import type { AgentEvent, TokenCounts } from '../adapters/types.js';
import type { PriceTable } from '../pricing/pricing.js';
import { nanoToUsd } from '../pricing/pricing.js';
import { readDocumentText } from '../tail/document.js';
import { openForRead, type ReadHandle } from '../tail/handle.js';
import { readLines, SHRINK_ABOVE_BYTES } from '../tail/reader.js';
import { sanitizeLabel } from '../accounting/labels.js';
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
  /** The raw event is the one of the item at this index (several steps came from one log line). */
  sameRawAs?: number;
}

export interface Timeline {
  timeline: TimelineItem[];
  progress?: { done: number; total: number };
  /** True when the session had more items than the limit; the first ones are returned. */
  truncated: boolean;
  /** True when raw events were left out past the raw budget. */
  rawTruncated: boolean;
}

export interface TimelineOptions {
  prices: PriceTable;
  maxLineBytes: number;
  maxItems: number;
  includeRaw: boolean;
  /** Raw events stop once their JSON reaches this many characters (default 8 MB). */
  maxRawChars?: number;
  /** Reading stops when this is aborted (the client went away). */
  signal?: AbortSignal;
}

const DEFAULT_MAX_RAW_CHARS = 8 * 1024 * 1024;

/** An item while the timeline is built: which log line it came from, the model id as logged (for its price). */
type Building = TimelineItem & { line?: number; priceModel?: string };

/** Reads the session's files and returns its timeline (responses merged across streamed lines and copies). */
export async function buildTimeline(session: SessionEntry, opts: TimelineOptions): Promise<Timeline> {
  const adapter = adapterFor(session.agent);
  const items: Building[] = [];
  const responses = new Map<string, TimelineItem>();
  const calls = new Map<string, { item: TimelineItem; ms: number }>();
  const seen = new Set<string>();
  const raws = new Map<number, unknown>(); // line number → its redacted event, for lines that have steps
  const maxRawChars = opts.maxRawChars ?? DEFAULT_MAX_RAW_CHARS;
  let rawChars = 0;
  let rawTruncated = false;
  let progress: Timeline['progress'];
  let truncated = false;
  let lineNo = 0;
  let lineText = '';

  /** The current line's redacted event, parsed once however many steps the line holds. */
  const rawOfLine = (): { line?: number } => {
    if (!opts.includeRaw || lineText === 'null') return {};
    if (!raws.has(lineNo)) {
      if (rawChars >= maxRawChars) {
        rawTruncated = true;
        return {};
      }
      let value: unknown;
      try {
        value = redact(JSON.parse(lineText));
      } catch {
        return {};
      }
      rawChars += JSON.stringify(value)?.length ?? 0;
      raws.set(lineNo, value);
    }
    return { line: lineNo };
  };
  const add = (item: Building): void => {
    if (items.length < opts.maxItems) items.push(item);
    else truncated = true;
  };
  const onEvent = (ev: AgentEvent): void => {
    if (ev.sessionId !== session.sessionId) return;
    const ts = new Date(ev.timestampMs).toISOString();
    switch (ev.kind) {
      case 'request': {
        const prev = ev.dedupKey ? responses.get(ev.dedupKey) : undefined;
        if (prev?.tokens) {
          for (const k of Object.keys(prev.tokens) as (keyof TokenCounts)[]) prev.tokens[k] = Math.max(prev.tokens[k], ev.tokens[k]);
          return;
        }
        // The model as the metrics spell it (a key pasted into the model field shows as `redacted`), priced as logged.
        const item: Building = { ts, kind: 'response', model: sanitizeLabel(ev.model, 100), priceModel: ev.model, tokens: { ...ev.tokens }, ...rawOfLine() };
        if (ev.dedupKey) responses.set(ev.dedupKey, item);
        add(item);
        return;
      }
      case 'tool_call': {
        if (calls.has(ev.callId)) return;
        const item: Building = { ts, kind: 'tool_call', tool: sanitizeLabel(ev.tool, 100), ...rawOfLine() };
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
        add({ ts, kind: 'tool_result', ok: ev.ok, ...(call?.item.tool ? { tool: call.item.tool } : {}), ...(ev.errorCategory ? { errorCategory: ev.errorCategory } : {}), ...(duration !== undefined ? { durationSeconds: duration } : {}), ...rawOfLine() });
        return;
      }
      case 'api_error':
        if (ev.dedupKey && seen.has(ev.dedupKey)) return;
        if (ev.dedupKey) seen.add(ev.dedupKey);
        add({ ts, kind: 'api_error', errorCategory: ev.errorKind, ...rawOfLine() });
        return;
      case 'prompt':
        add({ ts, kind: 'prompt', ...rawOfLine() });
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
    if (opts.signal?.aborted) break;
    let fh: ReadHandle;
    try {
      fh = await openForRead(path, false); // regular files only: a FIFO or a device here must not block or spin
    } catch {
      continue; // deleted since (Claude Code removes old transcripts), or no longer a regular file
    }
    try {
      const ctx = { state: {}, path };
      if (adapter.parseDocument && adapter.isDocumentFile?.(path)) {
        // One JSON document rewritten in place (older Gemini CLI chats): parsed whole; its records have no raw line.
        const size = fstatSync(fh.fd).size;
        const outcomes = size <= opts.maxLineBytes * 8 ? adapter.parseDocument(await readDocumentText(fh, size), ctx) : undefined;
        lineText = 'null';
        for (const outcome of outcomes ?? []) for (const ev of outcome.events) onEvent(ev);
        continue;
      }
      await readLines(fh, { offset: 0, skipping: false }, { maxLineBytes: opts.maxLineBytes, chunkBytes: 1 << 20, shrinkAboveBytes: SHRINK_ABOVE_BYTES }, {
        line: (text) => {
          if (opts.signal?.aborted) throw new Error('aborted');
          let outcome;
          try {
            outcome = adapter.parse(text, ctx);
          } catch {
            return;
          }
          lineNo += 1;
          lineText = text;
          for (const ev of outcome.events) onEvent(ev);
        },
        tooLong: () => undefined,
        consumed: () => undefined,
      }).catch((err: unknown) => {
        if (!opts.signal?.aborted) throw err;
      });
    } finally {
      await fh.close();
    }
  }
  items.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  // Each line's raw event goes with the first of its steps; the others point at that step.
  const firstOfLine = new Map<number, number>();
  const timeline = items.map((b, i): TimelineItem => {
    const { line, priceModel, ...item } = b;
    if (item.kind === 'response' && item.tokens && priceModel) item.costUsd = nanoToUsd(opts.prices.costNano(priceModel, item.tokens) ?? 0);
    if (line === undefined) return item;
    const first = firstOfLine.get(line);
    if (first !== undefined) return { ...item, sameRawAs: first };
    firstOfLine.set(line, i);
    return { ...item, raw: raws.get(line) };
  });
  return { timeline, ...(progress ? { progress } : {}), truncated, rawTruncated };
}

export const TIMELINE_CSV_COLUMNS = [
  'ts', 'kind', 'model', 'tool', 'ok', 'errorCategory', 'durationSeconds', 'costUsd',
  'tokens.input', 'tokens.output', 'tokens.cacheRead', 'tokens.cacheWrite5m', 'tokens.cacheWrite1h',
] as const;
