import React, { useState } from 'react';
import { Alert, Button, Stack } from '@grafana/ui';
import { describeReportFailure } from '../../api/problems';
import { browserUrl, previewFile, runFileUrl, startRun } from '../../api/reports';
import { REPORT_FORMATS, type MsRange, type ReportFormat, type ReportRun } from '../../api/reportTypes';
import { ProblemAlert } from '../../components/ProblemAlert/ProblemAlert';
import { testIds } from '../../components/testIds';
import { FORMAT_LABELS } from './labels';
import { RunFiles } from './RunsTable';

/**
 * Starts a browser download of url (same origin: Grafana's plugin route) saved as fileName. The target keeps
 * Grafana's own link handler, which turns clicks on same-origin links into page navigations, away from it.
 */
export function browserDownload(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

interface Props {
  template: { name: string; formats: ReportFormat[] };
  /** Unix ms; undefined for the template's last complete period. */
  range: MsRange | undefined;
  /** Called once a run is stored, so the run list and the templates' last run refresh. */
  onRun: () => void;
  /** How to start a download (tests record it). */
  download?: (url: string, fileName: string) => void;
}

type Outcome =
  | { kind: 'kept'; run: ReportRun; fileName: string; added?: ReportFormat }
  | { kind: 'notKept'; run: ReportRun; format: ReportFormat }
  | { kind: 'failed'; run: ReportRun }
  | { kind: 'error'; error: unknown };

const renamed = (run: ReportRun, format: ReportFormat) =>
  (run.files[0]?.fileName ?? `${run.template}.json`).replace(/\.[a-z]+$/, `.${format}`);

/**
 * Download buttons: each saves a run in the exporter's history (POST /runs, nothing delivered) and downloads its
 * file. A format the template does not render is added to that run's formats, so the run keeps it too; an exporter
 * whose run still lacks the file gets it computed now (a preview), with a note.
 */
export function DownloadBar({ template, range, onRun, download = browserDownload }: Props) {
  const [busy, setBusy] = useState<ReportFormat | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const save = async (format: ReportFormat) => {
    setBusy(format);
    setOutcome(undefined);
    try {
      const added = template.formats.includes(format) ? undefined : format;
      const run = await startRun(template.name, range, added ? [...template.formats, added] : undefined);
      onRun();
      const file = run.files.find((f) => f.format === format);
      if (run.status === 'failed') {
        setOutcome({ kind: 'failed', run });
      } else if (file) {
        download(browserUrl(runFileUrl(run.id, format)), file.fileName);
        setOutcome({ kind: 'kept', run, fileName: file.fileName, ...(added ? { added } : {}) });
      } else {
        // Previews are POSTs: fetch the file, then hand the browser a link to it.
        download(URL.createObjectURL(await previewFile(template.name, range, format)), renamed(run, format));
        setOutcome({ kind: 'notKept', run, format });
      }
    } catch (error) {
      setOutcome({ kind: 'error', error });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div data-testid={testIds.reports.download}>
      <Stack direction="row" gap={1} alignItems="center" wrap="wrap">
        <span>Save a run and download:</span>
        {REPORT_FORMATS.map((f) => (
          <Button
            key={f}
            size="sm"
            variant={template.formats.includes(f) ? 'primary' : 'secondary'}
            icon={busy === f ? 'spinner' : 'download-alt'}
            disabled={busy !== undefined}
            onClick={() => save(f)}
          >
            {FORMAT_LABELS[f]}
          </Button>
        ))}
      </Stack>
      <div data-testid={testIds.reports.downloadResult}>
        {outcome?.kind === 'kept' && (
          <Alert severity="success" title={`Saved run ${outcome.run.id}; downloading ${outcome.fileName}`}>
            Covers {outcome.run.range.firstDay} to {outcome.run.range.lastDay}.{' '}
            {outcome.added && (
              <>
                {FORMAT_LABELS[outcome.added]} was added to this run; the template renders {template.formats.join(', ')}
                .{' '}
              </>
            )}
            Its files stay in the exporter&apos;s history:
            <RunFiles run={outcome.run} />
          </Alert>
        )}
        {outcome?.kind === 'notKept' && (
          <Alert severity="info" title={`Saved run ${outcome.run.id}; downloading ${FORMAT_LABELS[outcome.format]}`}>
            {FORMAT_LABELS[outcome.format]} is not among the template&apos;s formats ({template.formats.join(', ')}), so
            the run does not keep it: this copy was computed just now. Add {outcome.format} to the template&apos;s{' '}
            <code>formats</code> to keep it with every run.
            <RunFiles run={outcome.run} />
          </Alert>
        )}
        {outcome?.kind === 'failed' && (
          <ProblemAlert
            problem={{
              title: `The report run failed: ${outcome.run.error ?? 'no reason given'}`,
              action: /chromium|pdf/i.test(outcome.run.error ?? '')
                ? 'PDF needs Chromium where the exporter runs (install Debian’s chromium there, or set AGENTMON_CHROMIUM); the other formats do not. The files written before the failure are below.'
                : 'Check the exporter’s log for this run; the files written before the failure are below.',
              detail: `run ${outcome.run.id}`,
            }}
          />
        )}
        {outcome?.kind === 'failed' && <RunFiles run={outcome.run} />}
        {outcome?.kind === 'error' && <ProblemAlert problem={describeReportFailure(outcome.error)} />}
      </div>
    </div>
  );
}
