// Shared by the hardening tests: a temp folder per test file, raw HTTP requests (the Host and Origin headers a browser
// would send, which fetch does not let us set), and what the exporter process uses (RSS from /proc).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temp folder with helpers to write files into it; `cleanup` removes it. */
export function workspace(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `agentmon-${prefix}-`));
  return {
    dir,
    path: (...parts: string[]) => join(dir, ...parts),
    write(rel: string, text: string): string {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with exactly the given headers (Host included; `setHost: false` sends none at all), answered within
 * timeoutMs or rejected.
 */
export function rawRequest(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number; setHost?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {}, setHost: opts.setHost ?? true, timeout: opts.timeoutMs ?? 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path} within ${opts.timeoutMs ?? 20_000} ms`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Resident and peak resident memory of a process in MB (Linux /proc). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Polls `check` every 100 ms until it returns a value (not undefined) or the timeout; returns the last value. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A Claude Code assistant line with the given content blocks. */
export function claudeLine(o: { session: string; ts: string; msgId: string; content: unknown[]; model?: string; cwd?: string }): string {
  return JSON.stringify({
    type: 'assistant', timestamp: o.ts, sessionId: o.session, cwd: o.cwd ?? '/w/alpha', requestId: `req_${o.msgId}`,
    message: { id: o.msgId, role: 'assistant', model: o.model ?? 'claude-sonnet-4-5-20250929', usage: { input_tokens: 10, output_tokens: 20 }, content: o.content },
  });
}

/**
 * Polls /metrics until `check` passes or the timeout; a failed connection is retried (undici may reuse a keep-alive
 * connection the busy server is just closing). Returns the last scrape.
 */
export async function metricsWhen(url: string, check: (m: Map<string, number>) => boolean, timeoutMs = 30_000): Promise<Map<string, number>> {
  const { parseMetrics } = await import('../helpers/exporter.js');
  const deadline = Date.now() + timeoutMs;
  let last = new Map<string, number>();
  for (;;) {
    try {
      last = parseMetrics(await (await fetch(`${url}/metrics`)).text());
      if (check(last)) return last;
    } catch {
      // retried below
    }
    if (Date.now() > deadline) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
}
