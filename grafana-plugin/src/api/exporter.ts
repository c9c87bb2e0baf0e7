// The exporter's API as the app reaches it: through Grafana's plugin route (server side, token added there), never
// from the browser to the exporter directly.
import { EXPORTER_PROXY_URL } from '../constants';
import { getJson, queryString, RequestFailure } from './http';
import type { EventBatch, SessionDetail, SessionHealth, SessionPage, SessionQuery } from './types';

const API = `${EXPORTER_PROXY_URL}/api/v1`;

const sessionParams = (q: SessionQuery): Record<string, string | number | undefined> => ({
  agent: q.agent,
  project: q.project,
  model: q.model,
  status: q.status,
  from: q.from,
  to: q.to,
  sort: q.sort,
  order: q.order,
  limit: q.limit,
  offset: q.offset,
});

/** URL of the session list (JSON, or CSV with format "csv"), e.g. for a download link. */
export function sessionsUrl(q: SessionQuery, format?: 'csv' | 'json'): string {
  return `${API}/sessions${queryString({ ...sessionParams(q), format })}`;
}

/** URL of one session's detail (JSON, or CSV with format "csv"). */
export function sessionUrl(id: string, format?: 'csv' | 'json'): string {
  return `${API}/sessions/${encodeURIComponent(id)}${queryString({ format })}`;
}

/** Returns one page of sessions matching q. */
export function listSessions(q: SessionQuery): Promise<SessionPage> {
  return getJson<SessionPage>(sessionsUrl(q));
}

/** Returns one session with its timeline, without raw log events (what any Viewer may see). */
export function getSessionDetail(id: string): Promise<SessionDetail> {
  return getJson<SessionDetail>(sessionUrl(id));
}

/** URL of one session's detail with its raw log events (prompts, tool inputs): a route of its own in plugin.json. */
export function rawSessionUrl(id: string): string {
  return `${API}/raw/sessions/${encodeURIComponent(id)}`;
}

/**
 * Returns one session with its timeline. With the transcripts permission (agentmon-agents-app.transcripts:read,
 * Editors and Admins by default) each entry carries its redacted raw log event; without it (Grafana answers 403) the
 * timeline comes without them and `rawAllowed` is false.
 */
export async function getSession(id: string): Promise<SessionDetail & { rawAllowed: boolean }> {
  try {
    return { ...(await getJson<SessionDetail>(rawSessionUrl(id))), rawAllowed: true };
  } catch (err) {
    if (!(err instanceof RequestFailure) || err.status !== 403) {
      throw err;
    }
    return { ...(await getJson<SessionDetail>(sessionUrl(id))), rawAllowed: false };
  }
}

/** Returns the events after cursor (0 for everything the exporter still holds) and the next cursor. */
export function pollEvents(cursor: number | string): Promise<EventBatch> {
  return getJson<EventBatch>(`${API}/events${queryString({ after: cursor })}`);
}

/** Returns the sessions the exporter currently considers stuck or looping. */
export function sessionHealth(): Promise<SessionHealth[]> {
  return getJson<SessionHealth[]>(`${API}/health/sessions`);
}
