// A stand-in for Grafana's backendSrv in jest: answers requests from a table of routes the test sets, records
// every request, and fails like Grafana does (FetchError with status and data) for unknown URLs.
import { Observable } from 'rxjs';

/** What a route answers: a status (default 200) and a JSON body. */
export interface FakeAnswer {
  status?: number;
  data: unknown;
}

type Handler = (url: URL, body: unknown, headers: Record<string, string>) => FakeAnswer | Promise<FakeAnswer>;

/** Requests seen, in order. */
export const requests: Array<{ method: string; url: string; body: unknown }> = [];
const routes: Array<{ method: string; path: string; prefix: boolean; handler: Handler }> = [];

/** Registers an answer for method + path (query string ignored; the handler sees it in url.searchParams). */
export function route(method: string, path: string, handler: Handler | FakeAnswer): void {
  routes.unshift({ method, path, prefix: false, handler: typeof handler === 'function' ? handler : () => handler });
}

/** Sends every request whose path starts with prefix to handler (e.g. a real exporter behind the plugin route). */
export function routePrefix(method: string, prefix: string, handler: Handler): void {
  routes.unshift({ method, path: prefix, prefix: true, handler });
}

/** Forgets all routes and requests (call in beforeEach). */
export function resetBackend(): void {
  routes.length = 0;
  requests.length = 0;
}

/** Requests whose path starts with prefix. */
export function requestsTo(prefix: string) {
  return requests.filter((r) => r.url.startsWith(prefix));
}

/** The fake backendSrv: only fetch() is used by the app. */
export const fakeBackendSrv = {
  fetch<T>(options: {
    url: string;
    method?: string;
    data?: unknown;
    headers?: Record<string, string>;
  }): Observable<{ data: T; status: number }> {
    const method = (options.method ?? 'GET').toUpperCase();
    requests.push({ method, url: options.url, body: options.data });
    const url = new URL(options.url, 'http://grafana.local');
    const match = routes.find(
      (r) => r.method === method && (r.prefix ? url.pathname.startsWith(r.path) : r.path === url.pathname)
    );
    return new Observable((sub) => {
      let live = true;
      // Answer asynchronously, as HTTP does, so components render their loading state first.
      const timer = setTimeout(async () => {
        const answer: FakeAnswer = match
          ? await match.handler(url, options.data, options.headers ?? {})
          : { status: 502, data: { message: 'Bad Gateway' } };
        const status = answer.status ?? 200;
        if (!live) {
          return;
        }
        if (status >= 400 || status === 0) {
          sub.error({ status, data: answer.data, statusText: '' });
        } else {
          sub.next({ data: answer.data as T, status });
          sub.complete();
        }
      }, 0);
      return () => {
        live = false;
        clearTimeout(timer);
      };
    });
  },
};
