import React from 'react';
import { Badge, Button, useStyles2 } from '@grafana/ui';
import type { ReportTemplateSummary } from '../../api/reportTypes';
import { testIds } from '../../components/testIds';
import { formatTime } from '../../utils/format';
import { getTableStyles } from '../../utils/tableStyles';
import { deliveryLabel, RUN_STATUS_COLORS, scheduleLabel } from './labels';

interface Props {
  templates: ReportTemplateSummary[];
  selected: string | undefined;
  onSelect: (name: string) => void;
}

/** The exporter's report templates: what each covers, when it runs, where it goes, and how its last run went. */
export function TemplatesTable({ templates, selected, onSelect }: Props) {
  const s = useStyles2(getTableStyles);
  return (
    <table className={s.table} data-testid={testIds.reports.templates}>
      <thead>
        <tr>
          <th>Template</th>
          <th>Period</th>
          <th>Schedule</th>
          <th>Next run</th>
          <th>Delivery</th>
          <th>Formats</th>
          <th>Last run</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {templates.map((t) => (
          <tr key={t.name} data-testid={testIds.reports.template}>
            <td>
              <strong>{t.title}</strong> <code>{t.name}</code> {!t.builtin && <Badge text="yours" color="purple" />}
              {t.description && <div>{t.description}</div>}
            </td>
            <td>{t.period}</td>
            <td>{scheduleLabel(t)}</td>
            <td>{t.nextRunAt ? formatTime(t.nextRunAt) : '—'}</td>
            <td>{deliveryLabel(t.delivery)}</td>
            <td>{t.formats.join(', ')}</td>
            <td>
              {t.lastRun ? (
                <>
                  <Badge text={t.lastRun.status} color={RUN_STATUS_COLORS[t.lastRun.status] ?? 'blue'} />{' '}
                  {formatTime(t.lastRun.startedAt)}
                </>
              ) : (
                'Never'
              )}
            </td>
            <td>
              <Button
                size="sm"
                variant={t.name === selected ? 'primary' : 'secondary'}
                aria-label={`Open ${t.name}`}
                onClick={() => onSelect(t.name)}
              >
                {t.name === selected ? 'Shown below' : 'Open'}
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
