// `agentmon statusline`: reads Claude Code's statusLine JSON from stdin, leaves its plan-limit and context readings in
// the spool for `serve`, and returns the line to print (its own, or that of the user's command given with --then).
// It must never fail or hold up Claude Code: stdin and the wrapped command are read for a bounded time, every error
// is swallowed (an unwritable state folder means the reading is dropped), and some line is always printed.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendToSpool, readInput } from '../hooks/spool-write.js';
import { hookSpoolDir } from '../hooks/spool.js';
import { toStatusRecord, type StatusRecord } from './record.js';
import { renderStatusLine } from './render.js';
import { STATUS_PREFIX } from './spool.js';

export interface StatuslineOptions {
  stateDir: string;
  /** A shell command whose output is printed instead of agentmon's own line (it gets the same stdin). */
  then?: string;
  /** How long the --then command may run before its line is given up for agentmon's own. */
  thenTimeoutMs?: number;
  /** Give up reading stdin after this long. */
  timeoutMs?: number;
  maxInputBytes?: number;
  rotateBytes?: number;
  keepRotated?: number;
  /** An unchanged reading is written again only after this long (Claude Code reruns the statusline on every update). */
  refreshMs?: number;
  now?: () => number;
}

/** What was written last, per session: [record without its time, when]. Bounded to the most recent sessions. */
type Written = Record<string, [string, number]>;
const MAX_REMEMBERED = 32;
const MAX_THEN_OUTPUT = 64 * 1024;

/** The file remembering what was written last (not .jsonl: the exporter does not read it). */
export const lastWrittenFile = (stateDir: string): string => join(hookSpoolDir(stateDir), `${STATUS_PREFIX}.last`);

function readWritten(file: string): Written {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Written) : {};
  } catch {
    return {};
  }
}

/**
 * Appends the record unless the same reading of the same session was written within refreshMs. Claude Code reruns
 * the statusline on every message update; the spool only needs the changes. Returns whether it wrote.
 */
export function recordStatus(stateDir: string, rec: StatusRecord, opts: Required<Pick<StatuslineOptions, 'rotateBytes' | 'keepRotated' | 'refreshMs'>>): boolean {
  const { ts, ...reading } = rec;
  const sig = JSON.stringify(reading);
  const who = rec.session ?? '';
  const file = lastWrittenFile(stateDir);
  const written = readWritten(file);
  const last = written[who];
  if (Array.isArray(last) && last[0] === sig && typeof last[1] === 'number' && ts - last[1] >= 0 && ts - last[1] < opts.refreshMs) return false;
  appendToSpool(stateDir, `${JSON.stringify(rec)}\n`, ts, opts.rotateBytes, opts.keepRotated, STATUS_PREFIX);
  const kept = Object.entries(written).filter(([k, v]) => k !== who && Array.isArray(v)).sort((a, b) => Number(b[1][1]) - Number(a[1][1]));
  const next: Written = Object.fromEntries([[who, [sig, ts]], ...kept.slice(0, MAX_REMEMBERED - 1)]);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(next), { mode: 0o600 });
  renameSync(tmp, file); // atomic: a concurrent statusline reads the old or the new map, never half of one
  return true;
}

/** Runs the user's statusline command with the same stdin; returns its output, or undefined on failure or timeout. */
export async function runThen(command: string, input: string, timeoutMs: number): Promise<string | undefined> {
  // Loaded only here: node:child_process (with net and dgram) is a few ms of start-up the plain statusline skips.
  const { spawn } = await import('node:child_process');
  return await new Promise((resolve) => {
    let out = '';
    let done = false;
    const finish = (v: string | undefined): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(v);
    };
    let child: import('node:child_process').ChildProcess;
    try {
      // Its own process group, so a timeout ends the command and anything it started.
      child = spawn(command, { shell: true, stdio: ['pipe', 'pipe', 'ignore'], detached: process.platform !== 'win32' });
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(process.platform !== 'win32' ? -child.pid : child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      finish(undefined);
    }, timeoutMs);
    child.on('error', () => finish(undefined));
    child.stdin!.on('error', () => undefined); // a command that does not read stdin closes it early
    child.stdout!.on('data', (d: Buffer) => {
      if (out.length < MAX_THEN_OUTPUT) out += d.toString('utf8');
    });
    child.on('close', () => finish(out.trim() === '' ? undefined : out.slice(0, MAX_THEN_OUTPUT)));
    child.stdin!.end(input);
  });
}

/** Reads one statusLine input from `stdin`, records it, and returns the text to print. Never throws. */
export async function runStatusline(stdin: NodeJS.ReadableStream, opts: StatuslineOptions): Promise<string> {
  const nowMs = (opts.now ?? Date.now)();
  let text: string | undefined;
  let input: unknown;
  try {
    text = await readInput(stdin, opts.timeoutMs ?? 1000, opts.maxInputBytes ?? 1024 * 1024);
    input = text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    input = undefined;
  }
  try {
    const rec = toStatusRecord(input, nowMs);
    if (rec) recordStatus(opts.stateDir, rec, { rotateBytes: opts.rotateBytes ?? 8 * 1024 * 1024, keepRotated: opts.keepRotated ?? 3, refreshMs: opts.refreshMs ?? 300_000 });
  } catch {
    // An unwritable state folder: the reading is dropped, the line is still printed.
  }
  let line: string | undefined;
  try {
    line = renderStatusLine(input, nowMs);
  } catch {
    line = undefined;
  }
  if (opts.then) {
    const theirs = await runThen(opts.then, text ?? '', opts.thenTimeoutMs ?? 3000);
    if (theirs !== undefined) return theirs.endsWith('\n') ? theirs : `${theirs}\n`;
  }
  return `${line ?? 'agentmon'}\n`;
}
