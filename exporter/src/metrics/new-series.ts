// New series and Prometheus' increase(): Prometheus takes a counter's first sample as its starting point, so a series
// whose first scrape already shows its value (a new project's first request) never adds that value to increase() or
// rate(). A series born after the history was read is therefore shown at 0 to each Prometheus scraper once — in its
// first scrape after the birth — and with its value from the next scrape on: Prometheus then sees 0 → value, one
// increment, at most one scrape interval late. Nothing is held back from anyone else (people, tests, the API).
//
// A scraper is recognized by the X-Prometheus-Scrape-Timeout-Seconds header that Prometheus (and Grafana Agent/Alloy,
// vmagent) send with every scrape, and told apart by its address and User-Agent. Each one's last scrape time is kept
// in memory: after a restart of the exporter a scraper's first scrape holds the series born in the last few minutes
// (those read while catching up on what was written while it was down), never series restored from the checkpoint.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import type { Registry } from 'prom-client';

/** How far back a scraper not seen since the exporter started is assumed to have scraped (Prometheus' staleness). */
const UNKNOWN_SCRAPER_WINDOW_MS = 5 * 60_000;
/** Scrapers remembered; the least recently seen are forgotten beyond this. */
const MAX_SCRAPERS = 64;

interface ScrapeContext {
  /** Series born after this time are shown at 0 in this scrape. */
  holdBornAfterMs: number;
}

const current = new AsyncLocalStorage<ScrapeContext>();
/** Last scrape of each scraper, on the monotonic clock of birthClockMs (a wall clock stepped back by NTP would show a series at 0 again after its value: a reset). */
const lastScrape = new Map<string, number>();

/** The clock births and scrapes are compared on: milliseconds since the process started, never going back. */
export const birthClockMs = (): number => performance.now();

/** Whether a series born at `bornMs` is shown at 0 in the scrape being rendered (false outside a Prometheus scrape). */
export function heldInThisScrape(bornMs: number | undefined): boolean {
  if (bornMs === undefined) return false;
  const ctx = current.getStore();
  return ctx !== undefined && bornMs > ctx.holdBornAfterMs;
}

/** The request facts that identify a scraper. */
export interface ScrapeRequest {
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
}

/**
 * Renders the registry for one /metrics request: for a Prometheus scraper, series born since its previous scrape are
 * shown at 0 (see above); for anyone else, everything as it is.
 */
export async function renderMetrics(registry: Registry, req: ScrapeRequest, nowMs = birthClockMs()): Promise<string> {
  if (req.headers['x-prometheus-scrape-timeout-seconds'] === undefined) return await registry.metrics();
  const key = `${req.remoteAddress ?? ''}\u0000${String(req.headers['user-agent'] ?? '').slice(0, 200)}`;
  const previous = lastScrape.get(key) ?? Math.max(0, nowMs - UNKNOWN_SCRAPER_WINDOW_MS);
  // What this scrape shows at its value is what the next one may not hold again: the time is taken before rendering.
  lastScrape.delete(key);
  lastScrape.set(key, nowMs);
  if (lastScrape.size > MAX_SCRAPERS) lastScrape.delete(lastScrape.keys().next().value!);
  return await current.run({ holdBornAfterMs: previous }, () => registry.metrics());
}
