import { RequestFailure } from './http';
import { describeFailure, describeReportFailure } from './problems';

const fail = (status: number, message = '') => new RequestFailure('/x', status, message);

describe('describeFailure', () => {
  it('turns each kind of failure into the fix the user needs', () => {
    expect(describeFailure('exporter', fail(0)).title).toBe('Grafana cannot reach the agentmon exporter');
    expect(describeFailure('exporter', fail(502)).action).toContain('(http://exporter:9477), not localhost');
    expect(describeFailure('exporter', fail(401)).action).toContain('AGENTMON_API_TOKEN');
    expect(describeFailure('exporter', fail(400, 'limit must be 1-500')).action).toBe('limit must be 1-500');
    expect(describeFailure('exporter', fail(404)).action).toContain('upgrade agentmon');
    expect(describeFailure('prometheus', fail(503)).title).toBe('Grafana cannot reach Prometheus');
    expect(describeFailure('alertmanager', fail(403)).title).toBe('Grafana refused the request (403)');
    expect(describeFailure('exporter', fail(500, 'boom')).detail).toBe('/x: HTTP 500: boom');
    expect(describeFailure('exporter', new Error('weird')).title).toBe(
      'Unexpected error talking to the agentmon exporter'
    );
  });
});

describe('describeReportFailure', () => {
  it('names the missing template, an exporter without reports, and a rendering failure; the rest as any request', () => {
    const noTemplate = describeReportFailure(fail(404, 'no template named "x"; known: daily, monthly, weekly'));
    expect(noTemplate.title).toBe('No such report template');
    expect(noTemplate.action).toContain('known: daily, monthly, weekly');
    expect(describeReportFailure(fail(404, 'Cannot GET /api/v1/reports/templates')).title).toBe(
      'The exporter does not serve reports'
    );
    const rendering = describeReportFailure(fail(500, 'rendering failed: cannot start Chromium at /usr/bin/chromium'));
    expect(rendering.title).toBe('The exporter could not render the report');
    expect(rendering.action).toContain('AGENTMON_CHROMIUM');
    expect(describeReportFailure(fail(502)).title).toBe('Grafana cannot reach the agentmon exporter');
    expect(describeReportFailure(fail(400, 'from: must be before to')).action).toBe('from: must be before to');
  });
});
