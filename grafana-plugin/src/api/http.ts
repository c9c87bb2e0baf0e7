// One way to call Grafana's backend from the app: JSON over getBackendSrv, no error toasts (pages show their own
// Alert), failures thrown as RequestFailure with the HTTP status and the server's message.
import { config, getBackendSrv, type FetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

/** A failed request: status 0 when no HTTP answer came back at all. */
export class RequestFailure extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly serverMessage: string,
    /** The answer's body, when there was one (e.g. a failed report run's record). */
    readonly body?: unknown
  ) {
    super(`${url}: ${status ? `HTTP ${status}` : 'no answer'}${serverMessage ? `: ${serverMessage}` : ''}`);
    this.name = 'RequestFailure';
  }
}

/** Returns the query string for params, leaving out empty values. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') {
      q.set(k, String(v));
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const messageOf = (data: unknown): string => {
  if (typeof data === 'string') {
    return data.slice(0, 300);
  }
  if (data && typeof data === 'object') {
    const d = data as { error?: unknown; message?: unknown };
    if (typeof d.error === 'string') {
      return d.error;
    }
    if (typeof d.message === 'string') {
      return d.message;
    }
  }
  return '';
};

/** Sends one request through Grafana's backend and returns the answer's body; throws RequestFailure on any failure. */
async function send<T>(
  url: string,
  options: { method: 'GET' | 'POST'; data?: unknown; responseType?: 'json' | 'text' | 'blob' }
): Promise<T> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<T>({
        url,
        method: options.method,
        ...(options.data === undefined ? {} : { data: options.data, headers: { 'Content-Type': 'application/json' } }),
        ...(options.responseType ? { responseType: options.responseType } : {}),
        showErrorAlert: false,
        showSuccessAlert: false,
      })
    );
    return response.data;
  } catch (err) {
    if (err instanceof RequestFailure) {
      throw err;
    }
    const e = err as Partial<FetchError>;
    throw new RequestFailure(
      url,
      typeof e.status === 'number' ? e.status : 0,
      messageOf(e.data) || (err instanceof Error ? err.message : ''),
      e.data
    );
  }
}

/** GETs url and returns its JSON body; throws RequestFailure on any failure. */
export function getJson<T>(url: string): Promise<T> {
  return send<T>(url, { method: 'GET' });
}

/** GETs url and returns its body as text (e.g. an HTML report); throws RequestFailure on any failure. */
export function getText(url: string): Promise<string> {
  return send<string>(url, { method: 'GET', responseType: 'text' });
}

/** POSTs body as JSON to url and returns the JSON answer; throws RequestFailure on any failure. */
export function postJson<T>(url: string, body: unknown): Promise<T> {
  return send<T>(url, { method: 'POST', data: body });
}

/** POSTs body as JSON to url and returns the answer as text (e.g. an HTML report); throws RequestFailure on failure. */
export function postText(url: string, body: unknown): Promise<string> {
  return send<string>(url, { method: 'POST', data: body, responseType: 'text' });
}

/** POSTs body as JSON to url and returns the answer as a Blob (a file to save); throws RequestFailure on failure. */
export function postBlob(url: string, body: unknown): Promise<Blob> {
  return send<Blob>(url, { method: 'POST', data: body, responseType: 'blob' });
}

/**
 * url for the browser itself (a link or download), not for backendSrv: prefixed with Grafana's sub-path when it is
 * served below one (root_url http://host/grafana/), which backendSrv adds on its own but a plain link does not.
 */
export function browserUrl(url: string): string {
  return `${config.appSubUrl ?? ''}${url}`;
}
