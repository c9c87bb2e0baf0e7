import { PLUGIN_BASE_URL } from '../constants';

/** Returns the app URL of route (a path below the app). */
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

/** App URL of one session's page. */
export function sessionRoute(id: string): string {
  return prefixRoute(`sessions/view/${encodeURIComponent(id)}`);
}

/** App URL of the side-by-side comparison of two sessions. */
export function compareRoute(a: string, b: string): string {
  return prefixRoute(`sessions/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`);
}
