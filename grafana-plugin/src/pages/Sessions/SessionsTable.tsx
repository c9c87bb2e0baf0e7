import React, { useState } from 'react';
import { locationService } from '@grafana/runtime';
import { Button, Checkbox, Field, Input, LinkButton, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';
import { listSessions, sessionsUrl } from '../../api/exporter';
import { browserUrl } from '../../api/http';
import { describeFailure, exporterNotConfigured } from '../../api/problems';
import { AppLink } from '../../components/AppLink/AppLink';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { testIds } from '../../components/testIds';
import { formatCount, formatTime, formatUsd, totalTokens } from '../../utils/format';
import { compareRoute, sessionRoute } from '../../utils/routing';
import { getTableStyles } from '../../utils/tableStyles';
import { useRequest } from '../../utils/useRequest';
import {
  AGENTS,
  filtersFromSearch,
  PAGE_SIZE,
  searchOfFilters,
  SORT_OPTIONS,
  STATUS_OPTIONS,
  toQuery,
  type SessionFilters,
} from './filters';
import { StatusBadge } from './StatusBadge';

interface Props {
  /** The page's time range as ISO times. */
  range: { from: string; to: string };
  /** Whether an exporter URL is configured at all. */
  configured: boolean;
  /** How to open another app page (tests pass their own). */
  navigate?: (url: string) => void;
  /** The page URL's parameters, read once and kept in step with the filters (tests pass their own). */
  url?: { search: () => URLSearchParams; replace: (params: Record<string, string | null>) => void };
}

const grafanaUrl: NonNullable<Props['url']> = {
  search: () => locationService.getSearch(),
  replace: (params) => locationService.partial(params, true),
};

const AGENT_OPTIONS = [{ label: 'Any agent', value: '' }, ...AGENTS.map((a) => ({ label: a, value: a }))];

/** The Sessions page body: filters, the sessions table with paging, compare and export. */
export function SessionsTable({
  range,
  configured,
  navigate = (url) => locationService.push(url),
  url = grafanaUrl,
}: Props) {
  const s = useStyles2(getTableStyles);
  const [initial] = useState(() => filtersFromSearch(url.search()));
  const [filters, setFiltersState] = useState<SessionFilters>(initial.filters);
  const [offset, setOffsetState] = useState(initial.offset);
  // The URL follows the filters, replacing its history entry: a filter change is not a page to go back to.
  const show = (f: SessionFilters, o: number) => {
    setFiltersState(f);
    setOffsetState(o);
    url.replace(searchOfFilters(f, o));
  };
  const setOffset = (o: number) => show(filters, o);
  const [selected, setSelected] = useState<string[]>([]);
  const query = toQuery(filters, range, offset);
  const page = useRequest(
    () => (configured ? listSessions(query) : Promise.reject(new Error('not configured'))),
    [configured, JSON.stringify(query)]
  );

  const update = (patch: Partial<SessionFilters>) => show({ ...filters, ...patch }, 0);
  const toggle = (id: string) =>
    setSelected((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur.slice(-1), id]));

  if (!configured) {
    return <ProblemAlert problem={exporterNotConfigured()} />;
  }
  const total = page.value?.total ?? 0;
  const items = page.value?.items ?? [];
  const [first, second] = selected;
  return (
    <div>
      <Stack direction="row" wrap="wrap" gap={2} alignItems="flex-end">
        <Field label="Agent">
          <RadioButtonGroup
            data-testid={testIds.sessions.agent}
            options={AGENT_OPTIONS}
            value={filters.agent}
            onChange={(agent) => update({ agent })}
          />
        </Field>
        <Field label="Status">
          <RadioButtonGroup
            data-testid={testIds.sessions.status}
            options={STATUS_OPTIONS}
            value={filters.status}
            onChange={(status) => update({ status })}
          />
        </Field>
        <Field label="Project">
          <Input
            data-testid={testIds.sessions.project}
            width={20}
            defaultValue={filters.project}
            placeholder="any"
            onBlur={(e) => update({ project: e.currentTarget.value })}
            onKeyDown={(e) => e.key === 'Enter' && update({ project: e.currentTarget.value })}
          />
        </Field>
        <Field label="Model">
          <Input
            data-testid={testIds.sessions.model}
            width={24}
            defaultValue={filters.model}
            placeholder="any"
            onBlur={(e) => update({ model: e.currentTarget.value })}
            onKeyDown={(e) => e.key === 'Enter' && update({ model: e.currentTarget.value })}
          />
        </Field>
        <Field label="Sort by">
          <Stack direction="row" gap={1}>
            <RadioButtonGroup
              data-testid={testIds.sessions.sort}
              options={SORT_OPTIONS}
              value={filters.sort}
              onChange={(sort) => update({ sort })}
            />
            <Button
              variant="secondary"
              icon={filters.order === 'desc' ? 'arrow-down' : 'arrow-up'}
              aria-label={filters.order === 'desc' ? 'Descending' : 'Ascending'}
              onClick={() => update({ order: filters.order === 'desc' ? 'asc' : 'desc' })}
            />
          </Stack>
        </Field>
      </Stack>

      {page.error !== undefined && <ProblemAlert problem={describeFailure('exporter', page.error)} />}

      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <span data-testid={testIds.sessions.total}>
          {page.loading && !page.value
            ? 'Loading…'
            : total === 0
              ? 'No sessions match.'
              : `Sessions ${offset + 1}–${offset + items.length} of ${total}`}
        </span>
        <Stack direction="row" gap={1}>
          <Button
            data-testid={testIds.sessions.compare}
            variant="secondary"
            icon="columns"
            disabled={!first || !second}
            tooltip="Tick two sessions to compare them side by side"
            onClick={() => first && second && navigate(compareRoute(first, second))}
          >
            Compare {selected.length}/2
          </Button>
          <LinkButton
            data-testid={testIds.sessions.exportCsv}
            variant="secondary"
            icon="download-alt"
            href={browserUrl(sessionsUrl({ ...query, limit: undefined, offset: undefined }, 'csv'))}
            target="_blank"
            download="agentmon-sessions.csv"
          >
            CSV
          </LinkButton>
          <LinkButton
            data-testid={testIds.sessions.exportJson}
            variant="secondary"
            icon="download-alt"
            href={browserUrl(sessionsUrl({ ...query, limit: undefined, offset: undefined }, 'json'))}
            target="_blank"
            download="agentmon-sessions.json"
          >
            JSON
          </LinkButton>
        </Stack>
      </Stack>

      <table className={s.table} data-testid={testIds.sessions.table}>
        <thead>
          <tr>
            <th />
            <th>Session</th>
            <th>Agent</th>
            <th>Project</th>
            <th>Model</th>
            <th>Status</th>
            <th>Started</th>
            <th>Last activity</th>
            <th className="num">Requests</th>
            <th className="num">Cost</th>
            <th className="num">Tokens</th>
            <th className="num">Tool calls</th>
            <th className="num">Tool errors</th>
            <th className="num">API errors</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.id} data-testid={testIds.sessions.row}>
              <td>
                <Checkbox
                  aria-label={`select ${row.id}`}
                  value={selected.includes(row.id)}
                  onChange={() => toggle(row.id)}
                />
              </td>
              <td>
                <AppLink href={sessionRoute(row.id)}>{row.sessionId.slice(0, 8)}</AppLink>
              </td>
              <td>{row.agent}</td>
              <td>{row.project}</td>
              <td>{row.model}</td>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td>{formatTime(row.startedAt)}</td>
              <td>{formatTime(row.lastActivityAt)}</td>
              <td className="num">{row.requests}</td>
              <td className="num">{formatUsd(row.costUsd)}</td>
              <td className="num">{formatCount(totalTokens(row.tokens))}</td>
              <td className="num">{row.toolCalls}</td>
              <td className="num">{row.toolErrors}</td>
              <td className="num">{row.apiErrors}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <Stack direction="row" gap={1} justifyContent="flex-end">
        <Button
          data-testid={testIds.sessions.prev}
          variant="secondary"
          icon="angle-left"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        >
          Previous
        </Button>
        <Button
          data-testid={testIds.sessions.next}
          variant="secondary"
          icon="angle-right"
          disabled={offset + PAGE_SIZE >= total}
          onClick={() => setOffset(offset + PAGE_SIZE)}
        >
          Next
        </Button>
      </Stack>
    </div>
  );
}
