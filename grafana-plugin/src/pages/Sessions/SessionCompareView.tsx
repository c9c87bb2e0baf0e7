import React from 'react';
import { useStyles2 } from '@grafana/ui';
import { getSessionDetail } from '../../api/exporter';
import { describeFailure, exporterNotConfigured } from '../../api/problems';
import type { SessionDetail } from '../../api/types';
import { AppLink } from '../../components/AppLink/AppLink';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { testIds } from '../../components/testIds';
import { formatCount, formatDuration, formatUsd } from '../../utils/format';
import { sessionRoute } from '../../utils/routing';
import { getTableStyles } from '../../utils/tableStyles';
import { useRequest } from '../../utils/useRequest';
import { FIGURES, toolUsage, type Figure } from './summary';

const show = (f: Figure['format'], n: number) =>
  f === 'usd' ? formatUsd(n) : f === 'duration' ? formatDuration(n) : formatCount(n);

/** "+12%", "−3%", "" when the first value is 0. */
export function change(a: number, b: number): string {
  if (a === 0) {
    return b === 0 ? '0%' : '';
  }
  const pct = Math.round(((b - a) / a) * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct)}%`;
}

/** Two sessions side by side: every figure, the change from the first to the second, and tool use. */
export function SessionCompareView({ a, b, configured }: { a: string; b: string; configured: boolean }) {
  const t = useStyles2(getTableStyles);
  const both = useRequest<[SessionDetail, SessionDetail]>(
    () =>
      configured
        ? Promise.all([getSessionDetail(a), getSessionDetail(b)])
        : Promise.reject(new Error('not configured')),
    [a, b, configured]
  );
  if (!configured) {
    return <ProblemAlert problem={exporterNotConfigured()} />;
  }
  if (both.error !== undefined) {
    return <ProblemAlert problem={describeFailure('exporter', both.error)} />;
  }
  if (!both.value) {
    return <div>Loading…</div>;
  }
  const [first, second] = both.value;
  const toolsA = new Map(toolUsage(first.timeline).map((u) => [u.tool, u]));
  const toolsB = new Map(toolUsage(second.timeline).map((u) => [u.tool, u]));
  const tools = [...new Set([...toolsA.keys(), ...toolsB.keys()])].sort();
  return (
    <table className={t.table} data-testid={testIds.compare.table}>
      <thead>
        <tr>
          <th />
          {[first, second].map((s) => (
            <th key={s.id} className="num">
              <AppLink href={sessionRoute(s.id)}>{`${s.agent} ${s.sessionId.slice(0, 8)}`}</AppLink>
              <div>
                {s.project} · {s.model}
              </div>
            </th>
          ))}
          <th className="num">Change</th>
        </tr>
      </thead>
      <tbody>
        {FIGURES.map((f) => {
          const va = f.value(first);
          const vb = f.value(second);
          return (
            <tr key={f.label}>
              <td>{f.label}</td>
              <td className="num">{show(f.format, va)}</td>
              <td className="num">{show(f.format, vb)}</td>
              <td className="num">{change(va, vb)}</td>
            </tr>
          );
        })}
        {tools.map((tool) => {
          const ca = toolsA.get(tool)?.calls ?? 0;
          const cb = toolsB.get(tool)?.calls ?? 0;
          return (
            <tr key={`tool-${tool}`}>
              <td>Calls to {tool}</td>
              <td className="num">{ca}</td>
              <td className="num">{cb}</td>
              <td className="num">{change(ca, cb)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
