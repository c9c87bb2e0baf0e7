import React, { useState } from 'react';
import { Button, Field, RadioButtonGroup, Stack } from '@grafana/ui';
import { describeReportFailure } from '../../api/problems';
import { listRuns, previewHtml } from '../../api/reports';
import type { MsRange, ReportTemplateSummary } from '../../api/reportTypes';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { testIds } from '../../components/testIds';
import { formatTime } from '../../utils/format';
import { useRequest } from '../../utils/useRequest';
import { DownloadBar } from './DownloadBar';
import { periodLabel } from './labels';
import { ReportPreview } from './ReportPreview';
import { RunsTable } from './RunsTable';

type RangeMode = 'picker' | 'period';

interface Props {
  template: ReportTemplateSummary;
  /** The page's time picker range, Unix ms. */
  range: MsRange;
  /** Called after a run is saved (the template list shows the last run). */
  onRun: () => void;
  download?: (url: string, fileName: string) => void;
}

const when = (ms: number) => formatTime(new Date(ms).toISOString());

/** One template: its report for the chosen range (previewed as HTML), downloads, and its last runs. */
export function TemplateReport({ template, range, onRun, download }: Props) {
  const [mode, setMode] = useState<RangeMode>('picker');
  const [generation, setGeneration] = useState(0);
  const [runsSeen, setRunsSeen] = useState(0);
  const chosen = mode === 'picker' ? range : undefined;
  const preview = useRequest(
    () => previewHtml(template.name, chosen),
    [template.name, mode, chosen?.from, chosen?.to, generation]
  );
  const runs = useRequest(() => listRuns(template.name, 10), [template.name, runsSeen]);

  return (
    <div>
      <h3>{template.title}</h3>
      <Stack direction="row" gap={2} alignItems="flex-end" wrap="wrap">
        <Field
          label="Range"
          description={
            mode === 'picker'
              ? `${when(range.from)} to ${when(range.to)} (the time picker; hours count when they start in it)`
              : `The ${template.period} before today in ${template.timezone}, as the schedule runs it`
          }
        >
          <RadioButtonGroup<RangeMode>
            data-testid={testIds.reports.range}
            options={[
              { label: 'Time picker range', value: 'picker' },
              { label: periodLabel(template.period), value: 'period' },
            ]}
            value={mode}
            onChange={(m) => setMode(m)}
          />
        </Field>
        <Field label="">
          <Button
            data-testid={testIds.reports.refresh}
            variant="secondary"
            icon="sync"
            onClick={() => setGeneration((g) => g + 1)}
          >
            Generate again
          </Button>
        </Field>
      </Stack>
      <DownloadBar
        template={template}
        range={chosen}
        download={download}
        onRun={() => {
          setRunsSeen((n) => n + 1);
          onRun();
        }}
      />
      {preview.error !== undefined && <ProblemAlert problem={describeReportFailure(preview.error)} />}
      {preview.loading && <div>Computing the report…</div>}
      {preview.value !== undefined && preview.error === undefined && (
        <ReportPreview html={preview.value} title={`${template.title} preview`} />
      )}
      <h4>Last runs</h4>
      {runs.error !== undefined ? (
        <ProblemAlert problem={describeReportFailure(runs.error)} />
      ) : runs.value ? (
        <RunsTable runs={runs.value.items} />
      ) : (
        <div>Loading…</div>
      )}
    </div>
  );
}
