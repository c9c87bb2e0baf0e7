import { RequestFailure } from './http';
import { describeFailure } from './problems';

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
