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
