import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, type BadgeColor, useStyles2 } from '@grafana/ui';
import type { ReportInsight } from '../../api/reportTypes';
import { testIds } from '../../components/testIds';
import { formatSaving } from '../../utils/reportFormat';

const LEVELS: Record<ReportInsight['level'], { text: string; color: BadgeColor }> = {
  warn: { text: 'act', color: 'orange' },
  info: { text: 'note', color: 'blue' },
  good: { text: 'good', color: 'green' },
};

const NOT_ASSESSED = { text: 'not assessed', color: 'darkgrey' as BadgeColor };

/** Insights: what was found with its numbers, the estimated saving with the assumption it rests on, and what to do. */
export function InsightList({ items }: { items: ReportInsight[] }) {
  const s = useStyles2(getStyles);
  return (
    <div data-testid={testIds.panel.insights}>
      {items.map((i) => {
        const saving = formatSaving(i.savingUsd, i.savingMinutes);
        const level = i.skipped ? NOT_ASSESSED : (LEVELS[i.level] ?? LEVELS.info);
        return (
          <div key={i.id} className={s.insight} data-testid={testIds.panel.insight}>
            <div className={s.head}>
              <Badge text={level.text} color={level.color} />
              <strong>{i.title}</strong>
              {saving && <span className={s.saving}>Estimated saving: {saving}</span>}
            </div>
            <div>{i.summary}</div>
            {saving && i.assumption && <div className={s.assumption}>Assumption: {i.assumption}</div>}
            {!i.skipped && i.suggestion && <div className={s.suggestion}>{i.suggestion}</div>}
          </div>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  insight: css({
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  head: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', flexWrap: 'wrap' }),
  saving: css({ marginLeft: 'auto', fontWeight: theme.typography.fontWeightMedium }),
  suggestion: css({ color: theme.colors.text.secondary, fontStyle: 'italic' }),
  assumption: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
