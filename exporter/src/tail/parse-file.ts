// One file's read for the cold read's parse workers (parse-pool.ts, parse-worker.ts): the tailer's own reader and
// usage filter, the agent's own adapter, and batches of what the parse produced — events, line results, readings and
// the file's position and adapter state after each batch — never the lines themselves. Parsing is pure but for the
// per-file adapter state, which lives here for the file's whole read, so applying the batches in order gives what
// reading the file in the tracker would have given. Runs in a worker, or in the main thread for a file it takes over.
import { fstatSync } from 'node:fs';
import { adapterFor } from '../adapters/index.js';
import type { AgentId, FileState, ParseOutcome } from '../adapters/types.js';
import { fingerprintOf } from './fingerprint.js';
import { openForRead } from './handle.js';
import { readLines, type ReadPosition } from './reader.js';
import { usageLineFilter, type LineFilter } from './usage-filter.js';

export interface ParseFileOptions {
  usageOnly: boolean;
  maxLineBytes: number;
  chunkBytes: number;
  shrinkAboveBytes: number;
}

export interface ParseJob {
  id: number;
  path: string;
  agent: AgentId;
}

/**
 * One line's parse in a batch: its result alone when it produced nothing else (most lines of a full read), the whole
 * outcome otherwise, or 0 for a line longer than the cap (counted as too long, never parsed).
 */
export type BatchItem = ParseOutcome['result'] | ParseOutcome | 0;

/** Part of a file's read, in line order; `offset`, `skipping` and `state` are the file's position after it. */
export interface ParseBatch {
  id: number;
  /**
   * The lines' parse; from a worker as JSON, since one string crosses to the main thread far cheaper than the
   * objects it holds (structured clone).
   */
  items: string | BatchItem[];
  /** Bytes consumed by this batch's lines (counted as read). */
  bytes: number;
  offset: number;
  skipping: boolean;
  state: FileState;
  /** The first batch of a file says which file was read: identity and the hash of its first bytes. */
  file?: { dev: number; ino: number; fp: string; fpLen: number };
  /** Last batch of the file. */
  done?: true;
  /** The file could not be read here (the main thread reads it, from the last batch's position). */
  failed?: true;
}

/** A batch is sent after this many lines, or this many bytes read, so a huge file streams in bounded pieces. */
const BATCH_ITEMS = 500;
const BATCH_BYTES = 8 << 20;

const filters = new Map<AgentId, LineFilter | undefined>();

function filterOf(agent: AgentId): LineFilter | undefined {
  if (!filters.has(agent)) {
    const markers = adapterFor(agent).usageMarkers;
    filters.set(agent, markers ? usageLineFilter(markers) : undefined);
  }
  return filters.get(agent);
}

/** Reads and parses one file from its start, handing each batch to `send` (items as JSON with `json`). */
export async function parseFile(job: ParseJob, opts: ParseFileOptions, send: (b: ParseBatch) => void, json: boolean): Promise<void> {
  const pos: ReadPosition = { offset: 0, skipping: false };
  const state: FileState = {};
  let items: BatchItem[] = [];
  let bytes = 0;
  let file: ParseBatch['file'];
  const flush = (end: { done?: true; failed?: true } = {}): void => {
    send({ id: job.id, items: json ? JSON.stringify(items) : items, bytes, offset: pos.offset, skipping: pos.skipping, state: { ...state }, ...(file ? { file } : {}), ...end });
    items = [];
    bytes = 0;
    file = undefined;
  };
  let fh;
  try {
    fh = await openForRead(job.path, true);
  } catch {
    return flush({ failed: true });
  }
  try {
    const { dev, ino } = fstatSync(fh.fd);
    file = { dev, ino, ...fingerprintOf(fh) };
    const adapter = adapterFor(job.agent);
    const ctx = { state, path: job.path, usageOnly: opts.usageOnly };
    await readLines(fh, pos, { maxLineBytes: opts.maxLineBytes, chunkBytes: opts.chunkBytes, shrinkAboveBytes: opts.shrinkAboveBytes, syncReads: true }, {
      line: (text) => {
        let outcome: ParseOutcome;
        try {
          outcome = adapter.parse(text, ctx);
        } catch {
          outcome = { result: 'malformed', events: [] }; // as the engine does: a parser bug is one malformed line
        }
        items.push(outcome.events.length === 0 && outcome.agent === undefined && outcome.readings === undefined ? outcome.result : outcome);
        if (items.length >= BATCH_ITEMS || bytes >= BATCH_BYTES) flush();
      },
      tooLong: () => void items.push(0),
      consumed: (n) => void (bytes += n),
      keep: opts.usageOnly ? filterOf(job.agent) : undefined,
    });
    flush({ done: true });
  } catch {
    // What was sent stands (each batch ends at a line boundary); the tracker reads the rest.
    flush({ failed: true });
  } finally {
    await fh.close();
  }
}
