// Tracks log files by identity (device + inode + fingerprint of the first bytes) and reads what each gained since
// its committed offset. Handles new files, growth, truncation, rename rotation (the old file is drained through
// its still-open handle), deleted files, unreadable files and inode reuse. All reads go through one queue.
import { fstatSync, statSync } from 'node:fs';
import { openForRead, type ReadHandle } from './handle.js';
import type { AgentId, FileState, ParseOutcome } from '../adapters/types.js';
import { fingerprintOf, FINGERPRINT_BYTES, tailFingerprintOf } from './fingerprint.js';
import { readDocumentText } from './document.js';
import { readLines, type ReadOptions, type ReadResult } from './reader.js';
import type { LineFilter } from './usage-filter.js';
import type { PreparedRead } from './parse-pool.js';
import type { BatchItem } from './parse-file.js';

export interface TrackedFile {
  path: string;
  agent: AgentId;
  dev: number;
  ino: number;
  fp: string;
  fpLen: number;
  offset: number;
  skipping: boolean;
  /**
   * Hash of the bytes before byte `at` (see tailFingerprintOf), `at` being where the last read ended. Not tied to
   * `offset`: a snapshot taken during a read has a newer offset, and the older end still tells whether the bytes read
   * are still there. Absent in checkpoints of older versions.
   */
  tail?: { at: number; fp: string };
  /** The adapter's per-file memory, checkpointed with the offset. */
  state: FileState;
  /** Whole-document files only: modification time of the version read (a rewrite may keep the size). */
  mtimeMs?: number;
}

interface LiveFile extends TrackedFile {
  fh?: ReadHandle;
  fpVerified: boolean;
  lastUsed: number;
  warned: boolean;
}

/** Changes seen in log files and folders (the `event` label of agentmon_file_events_total). */
export const FILE_EVENTS = ['discovered', 'truncated', 'rotated', 'deleted', 'unreadable', 'too_deep'] as const;
export type FileEvent = (typeof FILE_EVENTS)[number];

/** What the tracker tells the rest of the exporter. */
export interface TrackerSink {
  line(file: TrackedFile, text: string): void;
  tooLong(file: TrackedFile): void;
  consumed(file: TrackedFile, bytes: number): void;
  fileEvent(file: { agent: AgentId; path: string }, event: Exclude<FileEvent, 'too_deep'>, detail?: string): void;
  /** A whole-document file's current text; returns false when it is not complete yet (it is read again later). */
  document?(file: TrackedFile, text: string): boolean;
  /** A line parsed by a parse worker (see `prepared`): what `line` would have made of it. */
  parsed?(file: TrackedFile, outcome: ParseOutcome): void;
}

export interface TrackerOptions extends Omit<ReadOptions, 'budgetBytes'> {
  /**
   * Bytes one visit reads before the file goes to the back of the queue (undefined: to its end). `serve` sets it so
   * that a file written faster than it can be read does not hold up the others; one-shot commands read straight on.
   */
  visitBudgetBytes?: number;
  /** Open handles kept for recently read files (to drain a rotated file); the least recently used are closed. */
  maxOpenFiles: number;
  /** Files that are one JSON document rewritten in place: read whole whenever size or mtime changes. */
  isDocument?: (agent: AgentId, path: string) => boolean;
  /** Usage-only reads: the line filter of an agent's files (undefined: every line is handed on). */
  lineFilter?: (agent: AgentId) => LineFilter | undefined;
}

const idKey = (dev: number, ino: number): string => `${dev}:${ino}`;

export class FileTracker {
  private readonly files = new Map<string, LiveFile>();
  private queue: Promise<void> = Promise.resolve();
  /** Files with an open handle (at most maxOpenFiles): the only ones that can be drained, the only ones to close. */
  private readonly openFiles = new Set<LiveFile>();
  /** Visits queued and not started yet, by agent and path: a burst of notifications for one file is one visit. */
  private readonly queuedVisits = new Map<string, Promise<void>>();
  /**
   * During a cold read with parse workers (parse-pool.ts): a file's read done by a worker. A file not read before is
   * then taken from it, batch by batch, instead of read here; whatever it did not cover is read here as usual.
   */
  prepared?: (path: string, agent: AgentId) => PreparedRead | undefined;

  constructor(private readonly opts: TrackerOptions, private readonly sink: TrackerSink, restored: TrackedFile[] = []) {
    for (const f of restored) this.files.set(idKey(f.dev, f.ino), { ...f, fpVerified: false, lastUsed: 0, warned: false });
  }

  /** Number of tracked files per agent. */
  countByAgent(): Map<AgentId, number> {
    const out = new Map<AgentId, number>();
    for (const f of this.files.values()) out.set(f.agent, (out.get(f.agent) ?? 0) + 1);
    return out;
  }

  /** Runs work after everything already queued (reads never overlap). */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.then(() => undefined, () => undefined);
    return next;
  }

  /**
   * Reads whatever the file at `path` gained. Resolves once it is read to its end: with a visit budget, in turns,
   * each queued behind the visits that came in meanwhile (so files listed one after another are still read in order).
   */
  visit(path: string, agent: AgentId): Promise<void> {
    const key = `${agent}\u0000${path}`;
    const queued = this.queuedVisits.get(key);
    if (queued) return queued;
    const visit = this.enqueue(async () => {
      // From here on, a new notification queues a new visit: what is appended during this read is read by that one.
      this.queuedVisits.delete(key);
      return (await this.visitNow(path, agent)).more;
    }).then((more) => (more ? this.visit(path, agent) : undefined));
    this.queuedVisits.set(key, visit);
    return visit;
  }

  /**
   * Visits every listed file, then forgets tracked files no longer found at any listed path (draining their open
   * handle first). `complete` must be true only when the listing covered every root.
   */
  reconcile(listing: { path: string; agent: AgentId }[], complete: boolean): Promise<void> {
    return this.enqueue(async () => {
      const seen = new Set<string>();
      for (const { path, agent } of listing) {
        const { key, more } = await this.visitNow(path, agent);
        if (key) seen.add(key);
        if (more) void this.visit(path, agent); // the rest after this pass
      }
      if (!complete) return;
      for (const [key, f] of this.files) {
        if (seen.has(key)) continue;
        await this.drain(f);
        await this.close(f);
        this.files.delete(key);
        this.sink.fileEvent(f, 'deleted');
      }
    });
  }

  /** Plain data of every tracked file, for the checkpoint. Synchronous, so it pairs with the ledger snapshot. */
  snapshot(): TrackedFile[] {
    return [...this.files.values()].map(({ path, agent, dev, ino, fp, fpLen, offset, skipping, tail, state, mtimeMs }) => ({
      path, agent, dev, ino, fp, fpLen, offset, skipping, ...(tail !== undefined ? { tail } : {}), state: { ...state }, ...(mtimeMs !== undefined ? { mtimeMs } : {}),
    }));
  }

  async closeAll(): Promise<void> {
    await this.enqueue(async () => {
      for (const f of [...this.openFiles]) await this.close(f);
    });
  }

  /** Reads what one file gained; returns its identity key (undefined when it is not a readable file) and whether its budget ran out first. */
  private async visitNow(path: string, agent: AgentId): Promise<{ key?: string; more: boolean }> {
    const NOTHING = { more: false };
    let st;
    try {
      // Synchronous stats: microseconds on a local disk, several times cheaper than a thread-pool round trip, and
      // a rescan stats every file.
      st = statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') this.sink.fileEvent({ agent, path }, 'unreadable', code);
      return NOTHING;
    }
    if (!st.isFile()) return NOTHING; // e.g. a folder named x.jsonl
    const key = idKey(st.dev, st.ino);
    let f = this.files.get(key);
    if (f && f.path !== path) {
      // Same file under another name: a rename (rotation), or a second path (symlink) to one file.
      let old;
      try {
        old = statSync(f.path);
      } catch {
        old = undefined;
      }
      if (old && old.dev === st.dev && old.ino === st.ino) return { key, more: false };
      this.sink.fileEvent(f, 'rotated');
      f.path = path;
    }
    // A different file now at a path we were reading: drain the old one through its open handle. Only files with
    // an open handle can be drained, so only those are looked at (a visit must not cost O(tracked files)).
    for (const other of [...this.openFiles]) {
      if (other.path === path && idKey(other.dev, other.ino) !== key) await this.drain(other);
    }
    if (!f) {
      f = { path, agent, dev: st.dev, ino: st.ino, fp: '', fpLen: 0, offset: 0, skipping: false, state: {}, fpVerified: true, lastUsed: 0, warned: false };
      this.files.set(key, f);
      this.sink.fileEvent(f, 'discovered');
    }
    const isDocument = this.opts.isDocument?.(agent, path) === true;
    if (isDocument && st.size === f.offset && st.mtimeMs === f.mtimeMs) return { key, more: false };
    if (!isDocument && st.size === f.offset && f.fpVerified) return { key, more: false };
    const fh = await this.handle(f);
    if (!fh) return { key, more: false };
    try {
      if (isDocument) {
        await this.readDocument(f, fh);
        return { key, more: false };
      }
      const size = fstatSync(fh.fd).size;
      // Truncated in place (same inode, shorter; or rewritten longer with the same first bytes, which only the bytes
      // before the offset tell), or the inode reused by a new file: start from the beginning.
      const event = size < f.offset ? 'truncated' : !this.sameContent(f, fh) ? 'discovered' : this.sameTail(f, fh) ? undefined : 'truncated';
      if (event) {
        Object.assign(f, { fp: '', fpLen: 0, offset: 0, skipping: false, state: {} });
        delete f.tail;
        this.sink.fileEvent(f, event);
        this.sameContent(f, fh);
      }
      await this.replay(f, fh);
      // Stopped at its budget: the caller queues the rest behind the files that are waiting.
      return { key, more: (await this.read(f, fh, true)).more };
    } catch (err) {
      this.unreadable(f, (err as NodeJS.ErrnoException).code);
      await this.close(f);
    }
    return { key, more: false };
  }

  /** Checks the fingerprint against the file's first bytes, extending it while the file is still short. */
  private sameContent(f: LiveFile, fh: ReadHandle): boolean {
    if (f.fpLen > 0) {
      const now = fingerprintOf(fh, f.fpLen);
      if (now.fpLen < f.fpLen || now.fp !== f.fp) return false;
    }
    f.fpVerified = true;
    if (f.fpLen < FINGERPRINT_BYTES) {
      const ext = fingerprintOf(fh);
      f.fp = ext.fp;
      f.fpLen = ext.fpLen;
    }
    return true;
  }

  /** Whether the bytes before the committed offset are still those that were read (see tailFingerprintOf). */
  private sameTail(f: LiveFile, fh: ReadHandle): boolean {
    // Within the first bytes the head fingerprint already covers them.
    if (f.tail === undefined || f.tail.at <= f.fpLen) return true;
    return tailFingerprintOf(fh, f.tail.at) === f.tail.fp;
  }

  /** Reads what the file gained (with `budgeted`, at most about visitBudgetBytes) and notes the new tail's hash. */
  private async read(f: LiveFile, fh: ReadHandle, budgeted: boolean): Promise<ReadResult> {
    const result = await readLines(fh, f, { ...this.opts, budgetBytes: budgeted ? this.opts.visitBudgetBytes : undefined }, {
      line: (text) => this.sink.line(f, text),
      tooLong: () => this.sink.tooLong(f),
      consumed: (bytes) => this.sink.consumed(f, bytes),
      keep: this.opts.lineFilter?.(f.agent),
    });
    if (result.bytes > 0 || (f.tail === undefined && f.offset > 0)) f.tail = { at: f.offset, fp: tailFingerprintOf(fh, f.offset) };
    return result;
  }

  /**
   * Applies a parse worker's read of a file not read before, in order, moving the offset and adapter state with each
   * batch exactly as reading it here would. A worker that read another file (same path, other identity or first
   * bytes, or more bytes than there are now) is ignored; one that is gone leaves the rest to the read after this.
   */
  private async replay(f: LiveFile, fh: ReadHandle): Promise<void> {
    if (!this.prepared || f.offset !== 0 || f.skipping || Object.keys(f.state).length > 0) return;
    const prep = this.prepared(f.path, f.agent);
    if (!prep) return;
    for (let first = true; ; first = false) {
      const b = await prep.next();
      if (!b) return;
      if (first) {
        const id = b.file;
        if (!id || id.dev !== f.dev || id.ino !== f.ino || id.fp !== f.fp || id.fpLen !== f.fpLen || fstatSync(fh.fd).size < b.offset) return prep.discard();
      }
      for (const item of typeof b.items === 'string' ? (JSON.parse(b.items) as BatchItem[]) : b.items) {
        if (item === 0) this.sink.tooLong(f);
        else this.sink.parsed?.(f, typeof item === 'string' ? { result: item, events: [] } : item);
      }
      if (b.bytes > 0) this.sink.consumed(f, b.bytes);
      f.offset = b.offset;
      f.skipping = b.skipping;
      f.state = b.state;
      if (b.done || b.failed) return;
    }
  }

  /** Reads a whole-document file (rewritten in place, so offsets mean nothing) and hands its text on. */
  private async readDocument(f: LiveFile, fh: ReadHandle): Promise<void> {
    const st = fstatSync(fh.fd);
    // A document may hold many lines' worth; past this it is skipped and counted like an over-long line.
    if (st.size > this.opts.maxLineBytes * 8) {
      if (f.offset !== st.size) this.sink.tooLong(f);
    } else {
      const text = await readDocumentText(fh, st.size);
      if (!(this.sink.document?.(f, text) ?? true)) return;
      this.sink.consumed(f, st.size);
    }
    f.offset = st.size;
    f.mtimeMs = st.mtimeMs;
  }

  private async drain(f: LiveFile): Promise<void> {
    if (!f.fh || this.opts.isDocument?.(f.agent, f.path)) return; // documents have nothing appended to drain
    try {
      await this.read(f, f.fh, false);
    } catch {
      // The old file is gone for good; what it held past the last read is lost.
    }
  }

  private async handle(f: LiveFile): Promise<ReadHandle | undefined> {
    f.lastUsed = Date.now();
    if (f.fh) return f.fh;
    try {
      f.fh = await openForRead(f.path, this.opts.syncReads === true);
      this.openFiles.add(f);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Deleted between listing and opening: the next rescan forgets it; not an error.
      if (code !== 'ENOENT') this.unreadable(f, code);
      return undefined;
    }
    if (this.openFiles.size > this.opts.maxOpenFiles) await this.closeLeastRecent(f);
    return f.fh;
  }

  private async closeLeastRecent(keep: LiveFile): Promise<void> {
    const open = [...this.openFiles].filter((x) => x !== keep).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const f of open.slice(0, Math.max(1, Math.floor(this.opts.maxOpenFiles / 4)))) await this.close(f);
  }

  private async close(f: LiveFile): Promise<void> {
    if (!f.fh) return;
    const fh = f.fh;
    f.fh = undefined;
    this.openFiles.delete(f);
    await fh.close().catch(() => undefined);
  }

  private unreadable(f: LiveFile, code: string | undefined): void {
    // Logged once per file; counted every time.
    this.sink.fileEvent(f, 'unreadable', f.warned ? undefined : (code ?? 'EUNKNOWN'));
    f.warned = true;
  }
}
