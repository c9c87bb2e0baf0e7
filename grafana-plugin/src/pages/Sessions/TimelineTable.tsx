import React, { useState } from 'react';
import { Button, Icon, type IconName, useStyles2 } from '@grafana/ui';
import type { TimelineEntry, TimelineKind } from '../../api/types';
import { testIds } from '../../components/testIds';
import { formatCount, formatDuration, formatTime, formatUsd, totalTokens } from '../../utils/format';
import { getTableStyles } from '../../utils/tableStyles';

const KINDS: Record<TimelineKind, { label: string; icon: IconName }> = {
  prompt: { label: 'Prompt', icon: 'user' },
  response: { label: 'Model response', icon: 'comment-alt' },
  tool_call: { label: 'Tool call', icon: 'wrench' },
  tool_result: { label: 'Tool result', icon: 'check' },
  api_error: { label: 'API error', icon: 'exclamation-triangle' },
};

/** What a timeline entry says, in one line. */
export function describeEntry(e: TimelineEntry): string {
  const parts: string[] = [];
  if (e.model) {
    parts.push(e.model);
  }
  if (e.tool) {
    parts.push(e.tool);
  }
  if (e.kind === 'tool_result') {
    parts.push(e.ok === false ? `error${e.errorCategory ? ` (${e.errorCategory})` : ''}` : 'ok');
  }
  if (e.kind === 'api_error' && e.errorCategory) {
    parts.push(e.errorCategory);
  }
  if (e.durationSeconds !== undefined) {
    parts.push(formatDuration(e.durationSeconds));
  }
  if (e.tokens) {
    parts.push(`${formatCount(totalTokens(e.tokens))} tokens`);
  }
  if (e.costUsd !== undefined) {
    parts.push(formatUsd(e.costUsd));
  }
  return parts.join(' · ');
}

/** The raw event of an entry: its own, or the one of the entry it shares a log line with. */
export function rawOf(timeline: TimelineEntry[], e: TimelineEntry): Record<string, unknown> | undefined {
  return e.raw ?? (e.sameRawAs !== undefined ? timeline[e.sameRawAs]?.raw : undefined);
}

/** A session's timeline, one row per step, each with its raw event JSON on demand. */
export function TimelineTable({ timeline, startedAt }: { timeline: TimelineEntry[]; startedAt: string }) {
  const s = useStyles2(getTableStyles);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const start = Date.parse(startedAt);
  const toggle = (i: number) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (next.has(i)) {
        next.delete(i);
      } else {
        next.add(i);
      }
      return next;
    });
  return (
    <table className={s.table} data-testid={testIds.session.timeline}>
      <thead>
        <tr>
          <th>Time</th>
          <th className="num">+</th>
          <th>Step</th>
          <th>Detail</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {timeline.map((e, i) => {
          const raw = rawOf(timeline, e);
          return (
            <React.Fragment key={i}>
              <tr data-testid={testIds.session.entry}>
                <td>{formatTime(e.ts)}</td>
                <td className="num">{formatDuration(Math.max(0, (Date.parse(e.ts) - start) / 1000))}</td>
                <td>
                  <Icon
                    name={e.kind === 'tool_result' && e.ok === false ? 'times' : (KINDS[e.kind]?.icon ?? 'circle')}
                  />{' '}
                  {KINDS[e.kind]?.label ?? e.kind}
                </td>
                <td>{describeEntry(e)}</td>
                <td>
                  {raw && (
                    <Button size="sm" variant="secondary" fill="text" onClick={() => toggle(i)}>
                      {open.has(i) ? 'Hide JSON' : 'Raw JSON'}
                    </Button>
                  )}
                </td>
              </tr>
              {open.has(i) && raw && (
                <tr>
                  <td colSpan={5}>
                    <pre data-testid={testIds.session.raw}>{JSON.stringify(raw, null, 2)}</pre>
                  </td>
                </tr>
              )}
            </React.Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
