// `agentmon hook`: reads one Claude Code hook event from stdin and appends its spool record. It must never slow down
// or fail the agent: stdin is read for at most a moment, every error is swallowed (an unwritable state folder means
// the event is dropped), nothing is printed (Claude Code would show stdout to the model for some events).
import { toSpoolRecord } from './record.js';
import { appendToSpool, readInput } from './spool-write.js';

export { appendToSpool, readInput } from './spool-write.js';

/** Limits of one capture; the defaults keep the hook well under Claude Code's hook timeout. */
export interface CaptureOptions {
  stateDir: string;
  /** Give up reading stdin after this long. */
  timeoutMs?: number;
  /** Larger inputs (a huge tool output on PostToolUse) are dropped unread past this size. */
  maxInputBytes?: number;
  /** The live spool is rotated once it passes this size; `keepRotated` older files are kept. */
  rotateBytes?: number;
  keepRotated?: number;
  now?: () => number;
}

/** Captures one hook event from `stdin`. Never throws; returns whether a record was written (for tests). */
export async function captureHook(stdin: NodeJS.ReadableStream, opts: CaptureOptions): Promise<boolean> {
  try {
    const now = opts.now ?? Date.now;
    const nowMs = now(); // the moment the hook ran, before anything slow
    const text = await readInput(stdin, opts.timeoutMs ?? 2000, opts.maxInputBytes ?? 32 * 1024 * 1024);
    if (text === undefined) return false;
    const record = toSpoolRecord(JSON.parse(text), nowMs);
    if (!record) return false;
    appendToSpool(opts.stateDir, `${JSON.stringify(record)}\n`, nowMs, opts.rotateBytes ?? 8 * 1024 * 1024, opts.keepRotated ?? 3);
    return true;
  } catch {
    return false;
  }
}
