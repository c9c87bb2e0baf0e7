import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { SummaryItem } from '../../api/reportTypes';
import { testIds } from '../../components/testIds';
import { changeTone, formatChange, formatReportValue } from '../../utils/reportFormat';

/** One line under a figure: its change against the previous period, coloured by whether that is good news. */
function Change({ item }: { item: SummaryItem }) {
  const s = useStyles2(getStyles);
  if (item.previous === undefined) {
    return null;
  }
  const before = `${formatReportValue(item.previous, item.unit)}${item.previousUnpriced ? '*' : ''}`;
  if (item.change === undefined) {
    // The exporter leaves the change out when the previous period was 0.
    return <div className={s.change}>previous period: {before}</div>;
  }
  const tone = changeTone(item.change, item.higherIsBetter);
  const arrow = item.change > 0 ? '▲' : item.change < 0 ? '▼' : '';
  return (
    <div className={s.change}>
      <span className={s[tone]} aria-label={`change ${tone}`}>
        {arrow ? `${arrow} ` : ''}
        {formatChange(item.change)}
      </span>{' '}
      vs {before}
    </div>
  );
}

const UNPRICED = 'leaves out requests of models without a price (add them under prices: in the exporter config)';

/** A summary section's figures as tiles: value, change vs the previous period, and the previous value. */
export function SummaryTiles({ items }: { items: SummaryItem[] }) {
  const s = useStyles2(getStyles);
  return (
    <div className={s.tiles} data-testid={testIds.panel.summary}>
      {items.map((item) => (
        <div key={item.metric} className={s.tile} data-testid={testIds.panel.metric}>
          <div className={s.label}>{item.label}</div>
          <div className={s.value}>
            {formatReportValue(item.value, item.unit)}
            {item.unpriced && <span title={UNPRICED}>*</span>}
          </div>
          <Change item={item} />
        </div>
      ))}
      {items.some((i) => i.unpriced || i.previousUnpriced) && <div className={s.note}>* {UNPRICED}</div>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tiles: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  }),
  note: css({
    gridColumn: '1 / -1',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  tile: css({
    padding: theme.spacing(1),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  value: css({ fontSize: theme.typography.h3.fontSize, fontVariantNumeric: 'tabular-nums' }),
  change: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  good: css({ color: theme.colors.success.text }),
  bad: css({ color: theme.colors.error.text }),
  neutral: css({ color: theme.colors.text.secondary }),
});
