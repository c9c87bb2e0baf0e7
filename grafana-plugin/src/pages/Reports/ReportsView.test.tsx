import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { REPORTS_API } from '../../api/reports';
import { testIds } from '../../components/testIds';
import { requestsTo, resetBackend, route } from '../../test/fakeBackend';
import { DAILY, reportHtml, runRecord, WEEKLY } from '../../test/reports';
import { browserDownload } from './DownloadBar';
import { ReportsView } from './ReportsView';

jest.mock('@grafana/runtime', () => require('../../test/grafanaRuntime').runtimeMock());

// The time picker's range: 2025-06-03 00:00 to 2025-06-05 00:00 UTC.
const RANGE = { from: Date.UTC(2025, 5, 3), to: Date.UTC(2025, 5, 5) };
/** A preview's JSON body with its values as text, as the query string used to carry them. */
const fields = (body: unknown) =>
  Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)]));

/** An exporter with the daily and weekly templates; previews echo their template and range. */
function exporterWithTemplates() {
  route('GET', `${REPORTS_API}/templates`, { data: { items: [DAILY, WEEKLY] } });
  route('POST', `${REPORTS_API}/preview`, (_url, body) => {
    const b = fields(body);
    return b.template === 'nope'
      ? { status: 404, data: { error: 'no template named "nope"; known: daily, monthly, weekly' } }
      : { data: reportHtml(`${b.template} report`, b.from ?? null) };
  });
  route('GET', `${REPORTS_API}/runs`, (url) => ({
    data: { items: url.searchParams.get('template') === 'daily' ? [runRecord('daily', ['html', 'md', 'json'])] : [] },
  }));
}

const preview = () => screen.findByTestId(testIds.reports.preview);
// Previews are POSTs with a JSON body (a GET would let any web page start one).
const previews = () =>
  requestsTo(`${REPORTS_API}/preview`).map((r) => {
    expect(r.method).toBe('POST');
    return fields(r.body);
  });

describe('ReportsView', () => {
  beforeEach(() => resetBackend());

  it('lists the templates with their schedule, delivery and last run', async () => {
    exporterWithTemplates();
    render(<ReportsView configured range={RANGE} />);
    const rows = await screen.findAllByTestId(testIds.reports.template);
    expect(rows.map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
      [
        "Daily digest daily Yesterday's agent spend and activity, with the day before for comparison.",
        'day',
        '0 8 * * * (UTC)',
        '2025-06-05 08:00:00',
        '2 email recipients, 1 webhook',
        'html, md',
        'ok 2025-06-04 08:00:00',
        'Shown below',
      ],
      [
        'Weekly progress weekly yours',
        'week',
        'On demand only',
        '—',
        'Not delivered (runs are kept)',
        'html, pdf',
        'Never',
        'Open',
      ],
    ]);
  });

  it("previews the first template's HTML report for the time picker range in a sandboxed frame", async () => {
    exporterWithTemplates();
    render(<ReportsView configured range={RANGE} />);
    const frame = await preview();
    expect(previews()).toEqual([{ template: 'daily', from: String(RANGE.from), to: String(RANGE.to), format: 'html' }]);
    expect(frame.getAttribute('srcdoc')).toBe(reportHtml('daily report', String(RANGE.from)));
    // No scripts in the frame, and it cannot navigate Grafana.
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin');
    const runs = await screen.findAllByTestId(testIds.reports.run);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toHaveTextContent('2025-06-03 to 2025-06-04');
    expect(runs[0]).toHaveTextContent('$0.0927');
    const links = within(runs[0]!).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(
      ['html', 'md', 'json'].map((f) => `${REPORTS_API}/runs/20250605T101500-daily-0f0f0f/files/${f}`)
    );
    // Downloads, not page navigations: a file name, and a target so Grafana's link handler leaves them alone.
    expect(links.map((a) => [a.getAttribute('download'), a.getAttribute('target')])).toEqual(
      ['html', 'md', 'json'].map((f) => [`daily-2025-06-03_2025-06-04.${f}`, '_blank'])
    );
  });

  it("opens another template and previews the template's own last period when asked", async () => {
    exporterWithTemplates();
    render(<ReportsView configured range={RANGE} />);
    await preview();
    fireEvent.click(screen.getByRole('button', { name: 'Open weekly' }));
    await waitFor(() => expect(previews().at(-1)).toMatchObject({ template: 'weekly', from: String(RANGE.from) }));
    expect(await screen.findByTestId(testIds.reports.runs)).toHaveTextContent('No runs yet');
    fireEvent.click(within(screen.getByTestId(testIds.reports.range)).getByLabelText('Last complete week'));
    await waitFor(() => expect(previews().at(-1)).toEqual({ template: 'weekly', format: 'html' }));
    await waitFor(async () => expect((await preview()).getAttribute('srcdoc')).toContain('<p>from null</p>'));
  });

  it('saves a run for the range and downloads its file; the run list and last run refresh', async () => {
    exporterWithTemplates();
    const posted: unknown[] = [];
    route('POST', `${REPORTS_API}/runs`, (_url, body) => {
      posted.push(body);
      return { status: 201, data: runRecord('daily', ['html', 'md', 'json']) };
    });
    const downloads: string[][] = [];
    render(<ReportsView configured range={RANGE} download={(url, name) => downloads.push([url, name])} />);
    await preview();
    const runLists = requestsTo(`${REPORTS_API}/runs?`).length;
    const templateLists = requestsTo(`${REPORTS_API}/templates`).length;
    fireEvent.click(within(screen.getByTestId(testIds.reports.download)).getByRole('button', { name: 'HTML' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(posted).toEqual([{ template: 'daily', from: RANGE.from, to: RANGE.to, deliver: false }]);
    expect(downloads[0]).toEqual([
      `${REPORTS_API}/runs/20250605T101500-daily-0f0f0f/files/html`,
      'daily-2025-06-03_2025-06-04.html',
    ]);
    expect(screen.getByTestId(testIds.reports.downloadResult)).toHaveTextContent(
      'Saved run 20250605T101500-daily-0f0f0f; downloading daily-2025-06-03_2025-06-04.html'
    );
    await waitFor(() => expect(requestsTo(`${REPORTS_API}/runs?`).length).toBe(runLists + 1));
    await waitFor(() => expect(requestsTo(`${REPORTS_API}/templates`).length).toBe(templateLists + 1));
  });

  it('adds a format the template does not render to the run it saves, and downloads it from that run', async () => {
    exporterWithTemplates();
    const posted: unknown[] = [];
    route('POST', `${REPORTS_API}/runs`, (_url, body) => {
      posted.push(body);
      return { status: 201, data: runRecord('daily', ['html', 'md', 'csv', 'json']) };
    });
    const downloads: string[][] = [];
    render(<ReportsView configured range={RANGE} download={(url, name) => downloads.push([url, name])} />);
    await preview();
    fireEvent.click(within(screen.getByTestId(testIds.reports.download)).getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(posted).toEqual([
      { template: 'daily', from: RANGE.from, to: RANGE.to, formats: ['html', 'md', 'csv'], deliver: false },
    ]);
    expect(downloads[0]).toEqual([
      `${REPORTS_API}/runs/20250605T101500-daily-0f0f0f/files/csv`,
      'daily-2025-06-03_2025-06-04.csv',
    ]);
    expect(screen.getByTestId(testIds.reports.downloadResult)).toHaveTextContent(
      'CSV was added to this run; the template renders html, md.'
    );
  });

  it('downloads a format the saved run still lacks as computed now, and says so', async () => {
    exporterWithTemplates();
    route('POST', `${REPORTS_API}/runs`, { status: 201, data: runRecord('daily', ['html', 'md', 'json']) });
    const downloads: string[][] = [];
    // The preview is a POST (not a link): its answer is handed to the browser as an object URL.
    const made: unknown[] = [];
    URL.createObjectURL = (blob: Blob | MediaSource) => (made.push(blob), 'blob:agentmon-preview');
    render(<ReportsView configured range={RANGE} download={(url, name) => downloads.push([url, name])} />);
    await preview();
    fireEvent.click(within(screen.getByTestId(testIds.reports.download)).getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(previews().at(-1)).toEqual({
      template: 'daily',
      from: String(RANGE.from),
      to: String(RANGE.to),
      format: 'csv',
    });
    expect(made).toHaveLength(1);
    expect(downloads[0]).toEqual(['blob:agentmon-preview', 'daily-2025-06-03_2025-06-04.csv']);
    expect(screen.getByTestId(testIds.reports.downloadResult)).toHaveTextContent(
      "CSV is not among the template's formats (html, md), so the run does not keep it"
    );
  });

  it("says a Viewer's run was refused for want of the Editor role (Grafana's proxy answers 403)", async () => {
    exporterWithTemplates();
    route('POST', `${REPORTS_API}/runs`, { status: 403, data: { message: 'plugin proxy route access denied' } });
    const downloads: string[][] = [];
    render(<ReportsView configured range={RANGE} download={(url, name) => downloads.push([url, name])} />);
    await preview();
    fireEvent.click(within(screen.getByTestId(testIds.reports.download)).getByRole('button', { name: 'HTML' }));
    const result = screen.getByTestId(testIds.reports.downloadResult);
    await waitFor(() => expect(result).toHaveTextContent('Saving a report run needs the Editor role'));
    expect(downloads).toEqual([]);
  });

  it('shows a failed run with its error, what to do, and the files it wrote', async () => {
    exporterWithTemplates();
    route('POST', `${REPORTS_API}/runs`, {
      status: 500,
      data: runRecord('weekly', ['html'], {
        status: 'failed',
        error:
          'cannot start Chromium at /usr/bin/chromium for PDF output (install Debian’s chromium, or set AGENTMON_CHROMIUM)',
      }),
    });
    const downloads: string[][] = [];
    render(<ReportsView configured range={RANGE} download={(url, name) => downloads.push([url, name])} />);
    await preview();
    fireEvent.click(screen.getByRole('button', { name: 'Open weekly' }));
    fireEvent.click(within(screen.getByTestId(testIds.reports.download)).getByRole('button', { name: 'PDF' }));
    const problem = await screen.findByTestId(testIds.problem);
    expect(problem).toHaveTextContent('The report run failed: cannot start Chromium');
    expect(problem).toHaveTextContent('PDF needs Chromium where the exporter runs');
    expect(downloads).toEqual([]);
    const result = screen.getByTestId(testIds.reports.downloadResult);
    expect(within(result).getByRole('link')).toHaveAttribute(
      'href',
      `${REPORTS_API}/runs/20250605T101500-weekly-0f0f0f/files/html`
    );
  });

  it('names the known templates when the exporter has no such template', async () => {
    route('GET', `${REPORTS_API}/templates`, { data: { items: [{ ...DAILY, name: 'nope' }] } });
    route('POST', `${REPORTS_API}/preview`, {
      status: 404,
      data: { error: 'no template named "nope"; known: daily, monthly, weekly' },
    });
    route('GET', `${REPORTS_API}/runs`, { data: { items: [] } });
    render(<ReportsView configured range={RANGE} />);
    const problem = await screen.findByTestId(testIds.problem);
    expect(problem).toHaveTextContent('No such report template');
    expect(problem).toHaveTextContent('known: daily, monthly, weekly');
  });

  it('says what to do when Grafana cannot reach the exporter', async () => {
    render(<ReportsView configured range={RANGE} />); // no routes: the fake answers 502 like Grafana's proxy
    const problem = await screen.findByTestId(testIds.problem);
    expect(problem).toHaveTextContent('Grafana cannot reach the agentmon exporter');
    expect(problem).toHaveTextContent('http://exporter:9477');
  });

  it('says the exporter is not configured, without asking it anything', async () => {
    render(<ReportsView configured={false} range={RANGE} />);
    expect(await screen.findByTestId(testIds.problem)).toHaveTextContent('The agentmon exporter is not configured');
    expect(requestsTo('/api')).toEqual([]);
  });

  it("prefixes download links with Grafana's sub-path when it is served below one", async () => {
    const { config } = require('@grafana/runtime');
    const before = config.appSubUrl;
    config.appSubUrl = '/grafana';
    try {
      exporterWithTemplates();
      route('POST', `${REPORTS_API}/runs`, { status: 201, data: runRecord('daily', ['html', 'md', 'json']) });
      const downloads: string[][] = [];
      render(<ReportsView configured range={RANGE} download={(url, name) => downloads.push([url, name])} />);
      const run = await screen.findByTestId(testIds.reports.run);
      expect(within(run).getAllByRole('link')[0]).toHaveAttribute(
        'href',
        `/grafana${REPORTS_API}/runs/20250605T101500-daily-0f0f0f/files/html`
      );
      fireEvent.click(within(screen.getByTestId(testIds.reports.download)).getByRole('button', { name: 'Markdown' }));
      await waitFor(() => expect(downloads).toHaveLength(1));
      expect(downloads[0]![0]).toBe(`/grafana${REPORTS_API}/runs/20250605T101500-daily-0f0f0f/files/md`);
      // Requests through backendSrv stay unprefixed: backendSrv adds the sub-path itself.
      expect(requestsTo(`${REPORTS_API}/runs`).length).toBeGreaterThan(0);
    } finally {
      config.appSubUrl = before;
    }
  });

  it('downloads through a link Grafana does not turn into a page navigation', () => {
    const clicked: HTMLAnchorElement[] = [];
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    try {
      browserDownload('/api/plugin-proxy/x/files/pdf', 'weekly.pdf');
    } finally {
      spy.mockRestore();
    }
    expect(clicked.map((a) => [a.getAttribute('href'), a.download, a.target])).toEqual([
      ['/api/plugin-proxy/x/files/pdf', 'weekly.pdf', '_blank'],
    ]);
    expect(document.querySelector('a[download]')).toBeNull(); // removed again
  });
});
