import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/** A link inside Grafana. A plain anchor: Grafana routes same-origin link clicks itself, no router context needed. */
export function AppLink({ href, children }: { href: string; children: React.ReactNode }) {
  const s = useStyles2(getStyles);
  return (
    <a className={s.link} href={href}>
      {children}
    </a>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  link: css({ color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
});
