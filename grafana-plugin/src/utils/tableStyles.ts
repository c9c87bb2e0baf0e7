import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

/** The app's plain tables: compact rows, weak borders, numbers (className "num") right-aligned. */
export const getTableStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    margin: theme.spacing(1, 0),
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium, whiteSpace: 'nowrap' },
    // More specific than "th, td" above, so numbers line up on the right.
    '.num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  }),
});
