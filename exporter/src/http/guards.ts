// Who may talk to the exporter. A web page the user happens to open can send requests to 127.0.0.1 (and, through a
// DNS name it controls that it re-points at 127.0.0.1, read the answers: DNS rebinding). So requests naming a Host
// the exporter does not answer to, and requests sent by another site's page (a foreign Origin), are refused before
// any route runs. See docs/security.md.
import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';

export interface GuardOptions {
  /** The address serve binds. */
  bindHost: string;
  /** http.allowedHosts: extra names, or "*". */
  allowedHosts: readonly string[];
  /** http.allowedOrigins: origins of other sites' pages that may call the exporter. */
  allowedOrigins: readonly string[];
  /** Whether /api needs a bearer token. */
  tokenSet: boolean;
}

/** Returns the host name of a Host header value (lowercase, without port; IPv6 without brackets). */
export function hostNameOf(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon >= 0 && /^\d*$/.test(h.slice(colon + 1)) ? h.slice(0, colon) : h;
}

/** Whether a host name is this machine's loopback: localhost (and *.localhost), 127.0.0.0/8, ::1. */
export function isLoopbackName(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'localhost' || n.endsWith('.localhost')) return true;
  if (isIP(n) === 4) return n.startsWith('127.');
  return n === '::1' || n === '0:0:0:0:0:0:0:1';
}

/**
 * Returns the Host check. Bound to loopback: loopback names only. Bound elsewhere without a token: names a page's
 * own DNS cannot be (loopback names, IP addresses, single-label names such as a compose service); with a token: any.
 * http.allowedHosts adds names; "*" turns the check off.
 */
export function hostAllowed(opts: GuardOptions): (hostHeader: string | undefined) => boolean {
  const extra = new Set(opts.allowedHosts.map((h) => hostNameOf(h)));
  if (extra.has('*')) return () => true;
  const bindName = hostNameOf(opts.bindHost);
  const loopback = isLoopbackName(bindName);
  if (!loopback && opts.tokenSet) return () => true;
  return (header) => {
    if (header === undefined || header === '') return true; // HTTP/1.0 without Host: no browser sends that
    const name = hostNameOf(header);
    if (isLoopbackName(name) || extra.has(name)) return true;
    if (loopback) return false;
    return isIP(name) !== 0 || !name.includes('.') || name === bindName;
  };
}

/** Middleware refusing requests with a Host the exporter does not answer to, or sent from another site's page. */
export function requestGuard(opts: GuardOptions) {
  const allowedHost = hostAllowed(opts);
  const origins = new Set(opts.allowedOrigins.map((o) => o.toLowerCase()));
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = req.get('host');
    if (!allowedHost(host)) {
      res.status(403).type('text/plain').send('agentmon: this host name is not answered here (DNS rebinding protection); add it to http.allowedHosts in the config or AGENTMON_ALLOWED_HOSTS\n');
      return;
    }
    // Browsers send Origin on cross-site requests (and on every POST); same-site pages, curl and Prometheus
    // either send the exporter's own origin or none. Grafana's proxy removes it.
    const origin = req.get('origin');
    if (origin !== undefined && !sameOrigin(origin, host) && !origins.has(origin.toLowerCase())) {
      res.status(403).type('text/plain').send('agentmon: requests from other sites\' pages are refused; add the origin to http.allowedOrigins to allow it\n');
      return;
    }
    next();
  };
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false; // "null" (a sandboxed page, a file://) and anything unparsable
  }
}
