// The Sessions page's filter state and how it becomes an API query.
import type { SessionQuery, SessionSort, SessionStatus } from '../../api/types';

/** What the user picked on the Sessions page. */
export interface SessionFilters {
  agent: string;
  project: string;
  model: string;
  status: SessionStatus | '';
  sort: SessionSort;
  order: 'asc' | 'desc';
}

/** Rows per page. */
export const PAGE_SIZE = 50;

/** Filters when the page opens: every session, most recently active first. */
export const DEFAULT_FILTERS: SessionFilters = {
  agent: '',
  project: '',
  model: '',
  status: '',
  sort: 'lastActivity',
  order: 'desc',
};

/** Returns the API query for filters, the page's time range and the page offset. */
export function toQuery(f: SessionFilters, range: { from: string; to: string }, offset: number): SessionQuery {
  return {
    agent: f.agent,
    project: f.project.trim(),
    model: f.model.trim(),
    status: f.status,
    from: range.from,
    to: range.to,
    sort: f.sort,
    order: f.order,
    limit: PAGE_SIZE,
    offset,
  };
}

/** Agents the exporter reads with its built-in adapters (the API filters on these). */
export const AGENTS = ['claude-code', 'codex', 'gemini'];

/** Status choices with the words the page shows. */
export const STATUS_OPTIONS: Array<{ label: string; value: SessionStatus | '' }> = [
  { label: 'Any status', value: '' },
  { label: 'Active', value: 'active' },
  { label: 'Stuck', value: 'stuck' },
  { label: 'Looping', value: 'looping' },
  { label: 'Ended', value: 'ended' },
];

/** Sort choices. */
export const SORT_OPTIONS: Array<{ label: string; value: SessionSort }> = [
  { label: 'Last activity', value: 'lastActivity' },
  { label: 'Started', value: 'started' },
  { label: 'Cost', value: 'cost' },
  { label: 'Tokens', value: 'tokens' },
];

/** Reads filters and page offset from the URL (a link, a reload or the back button keeps them); anything missing or not one of the page's choices is the default. */
export function filtersFromSearch(search: URLSearchParams): { filters: SessionFilters; offset: number } {
  const get = (k: string) => search.get(k) ?? '';
  const oneOf = <T extends string>(v: string, allowed: readonly T[], fallback: T): T =>
    (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  const filters: SessionFilters = {
    agent: oneOf(get('agent'), ['', ...AGENTS], DEFAULT_FILTERS.agent),
    project: get('project').slice(0, 200),
    model: get('model').slice(0, 200),
    status: oneOf(
      get('status'),
      STATUS_OPTIONS.map((o) => o.value),
      DEFAULT_FILTERS.status
    ),
    sort: oneOf(
      get('sort'),
      SORT_OPTIONS.map((o) => o.value),
      DEFAULT_FILTERS.sort
    ),
    order: oneOf(get('order'), ['asc', 'desc'] as const, DEFAULT_FILTERS.order),
  };
  const n = Number(get('offset'));
  const offset = Number.isInteger(n) && n > 0 && n % PAGE_SIZE === 0 && n <= 1_000_000 ? n : 0;
  return { filters, offset };
}

/** The URL parameters for filters and offset: defaults are left out (null removes a parameter). */
export function searchOfFilters(
  f: SessionFilters,
  offset: number
): Record<keyof SessionFilters | 'offset', string | null> {
  const keep = (v: string, d: string) => (v === d ? null : v);
  return {
    agent: keep(f.agent, DEFAULT_FILTERS.agent),
    project: keep(f.project, DEFAULT_FILTERS.project),
    model: keep(f.model, DEFAULT_FILTERS.model),
    status: keep(f.status, DEFAULT_FILTERS.status),
    sort: keep(f.sort, DEFAULT_FILTERS.sort),
    order: keep(f.order, DEFAULT_FILTERS.order),
    offset: offset > 0 ? String(offset) : null,
  };
}
