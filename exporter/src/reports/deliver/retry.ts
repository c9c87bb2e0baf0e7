// Retries a delivery with exponential backoff. A PermanentError (a 4xx answer, a rejected address) stops at once.
import { setTimeout as sleep } from 'node:timers/promises';

/** A failure that another try cannot fix. */
export class PermanentError extends Error {}

export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** How a delivery ended. */
export interface RetryOutcome {
  ok: boolean;
  attempts: number;
  error?: string;
}

/** Returns the wait before try number `attempt` (2, 3, ...): initial × 2^(attempt-2), capped. */
export const backoffMs = (policy: RetryPolicy, attempt: number): number => Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 2));

/** Runs `fn` until it succeeds, fails permanently, runs out of tries, or `signal` aborts the wait. */
export async function withRetry(fn: () => Promise<void>, policy: RetryPolicy, signal?: AbortSignal, onFailure?: (attempt: number, error: string) => void): Promise<RetryOutcome> {
  let error = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) {
      try {
        await sleep(backoffMs(policy, attempt), undefined, { signal });
      } catch {
        return { ok: false, attempts: attempt - 1, error: `${error} (stopped before retrying)` };
      }
    }
    try {
      await fn();
      return { ok: true, attempts: attempt };
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      onFailure?.(attempt, error);
      if (err instanceof PermanentError) return { ok: false, attempts: attempt, error };
    }
  }
  return { ok: false, attempts: policy.attempts, error };
}
