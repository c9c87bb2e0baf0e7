import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';

/**
 * The exporter's HTML report, exactly as email recipients and the PDF get it, in a sandboxed frame: no scripts run
 * (the report has none), and the frame may not navigate Grafana. "allow-same-origin" without "allow-scripts" only
 * lets this page read the report's height to size the frame.
 */
export function ReportPreview({ html, title }: { html: string; title: string }) {
  const s = useStyles2(getStyles);
  const [height, setHeight] = useState(900);
  return (
    <iframe
      data-testid={testIds.reports.preview}
      className={s.frame}
      title={title}
      sandbox="allow-same-origin"
      referrerPolicy="no-referrer"
      srcDoc={html}
      style={{ height }}
      onLoad={(e) => {
        const body = e.currentTarget.contentDocument?.body;
        if (body && body.scrollHeight > 0) {
          setHeight(body.scrollHeight + 48);
        }
      }}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  frame: css({
    width: '100%',
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    // The report is a white document in both themes, like the PDF.
    background: '#fff',
  }),
});
