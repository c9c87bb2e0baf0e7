// Serves an express app in this process on an ephemeral loopback port and sends raw requests to it with
// rawRequest (http.request), which (unlike fetch) can set any Host and Origin header or none at all: the guards' cases.
import type { Express } from 'express';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { rawRequest, type RawAnswer } from '../security/helpers.js';

export interface Served {
  port: number;
  /** Sends one request; `host: null` sends no Host header at all. Answers within 10 s or rejects. */
  send(path: string, opts?: { host?: string | null; origin?: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<RawAnswer>;
  /** Sends `text` as is over a new connection and returns the status of the answer (node requires Host on HTTP/1.1, so a request without one has to be HTTP/1.0, written by hand). */
  raw(text: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0; the caller closes it in an after hook or finally. */
export async function serve(app: Express): Promise<Served> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const send: Served['send'] = (path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (typeof opts.host === 'string') headers.Host = opts.host;
    if (opts.origin !== undefined) headers.Origin = opts.origin;
    return rawRequest(port, path, { method: opts.method, headers, body: opts.body, setHost: opts.host !== null, timeoutMs: 10_000 });
  };
  const raw: Served['raw'] = (text) =>
    new Promise((resolve, reject) => {
      const sock = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => sock.destroy(new Error('no answer within 10 s')), 10_000);
      sock.on('data', (c: Buffer) => chunks.push(c));
      sock.on('error', (e) => (clearTimeout(timer), reject(e)));
      sock.on('end', () => {
        clearTimeout(timer);
        const all = Buffer.concat(chunks).toString('utf8');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(all)?.[1] ?? 0);
        resolve({ status, body: all.slice(all.indexOf('\r\n\r\n') + 4) });
      });
      sock.end(text);
    });
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { port, send, raw, close };
}
