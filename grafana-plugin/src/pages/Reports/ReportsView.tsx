import React, { useState } from 'react';
import { describeReportFailure, exporterNotConfigured } from '../../api/problems';
import { listTemplates } from '../../api/reports';
import type { MsRange } from '../../api/reportTypes';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { useRequest } from '../../utils/useRequest';
import { TemplateReport } from './TemplateReport';
import { TemplatesTable } from './TemplatesTable';

interface Props {
  /** Whether an exporter URL is configured at all. */
  configured: boolean;
  /** The page's time range, Unix ms. */
  range: MsRange;
  /** How to start a download (tests record it). */
  download?: (url: string, fileName: string) => void;
}

/** The Reports page body: the exporter's templates, then the chosen one's report, downloads and runs. */
export function ReportsView({ configured, range, download }: Props) {
  const [chosen, setChosen] = useState<string | undefined>();
  const [runsSaved, setRunsSaved] = useState(0);
  const templates = useRequest(
    () => (configured ? listTemplates() : Promise.reject(new Error('not configured'))),
    [configured, runsSaved]
  );
  if (!configured) {
    return <ProblemAlert problem={exporterNotConfigured()} />;
  }
  if (templates.error !== undefined) {
    return <ProblemAlert problem={describeReportFailure(templates.error)} />;
  }
  const items = templates.value?.items;
  if (!items) {
    return <div>Loading…</div>;
  }
  if (items.length === 0) {
    return <div>The exporter has no report templates.</div>;
  }
  // The first template until the user opens another (the built-ins are daily, monthly, weekly).
  const shown = items.find((t) => t.name === chosen) ?? items[0]!;
  return (
    <div>
      <TemplatesTable templates={items} selected={shown.name} onSelect={setChosen} />
      <TemplateReport
        key={shown.name}
        template={shown}
        range={range}
        download={download}
        onRun={() => setRunsSaved((n) => n + 1)}
      />
    </div>
  );
}
