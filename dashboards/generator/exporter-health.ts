// "agentmon / Exporter health": is the exporter up, reading, keeping up, and saving its state?
import { bars, dashboard, queryVar, stat, table, timeseries, type Json } from './grafana.ts';

const inst = 'instance=~"$instance", user=~"$user"';
const agentInst = `agent=~"$agent", ${inst}`;

/** The job label of the exporter's scrape job, taken from where agentmon_build_info is scraped. */
const jobVariable = queryVar('job', 'Job', 'label_values(agentmon_build_info, job)');

/** The Exporter health dashboard. */
export function exporterHealth(): Json {
  const up = `up{job=~"$job", instance=~"$instance"}`;
  return dashboard({
    uid: 'agentmon-exporter-health',
    title: 'agentmon / Exporter health',
    description:
      "Whether each agentmon exporter is up, reading its agents' logs, keeping up, and checkpointing its state.",
    time: 'now-6h',
    variables: [jobVariable],
    panels: [
      stat(
        {
          title: 'Exporters up',
          description: "Scrape targets of the job answering (Prometheus' up series).",
          unit: 'short',
          thresholds: [
            [null, 'red'],
            [1, 'green'],
          ],
        },
        { expr: `sum(${up}) or vector(0)`, legend: 'up' }
      ),
      stat(
        {
          title: 'History read',
          description: '1 once each exporter has read the logs found at start; until then totals are partial.',
          unit: 'short',
          thresholds: [
            [null, 'orange'],
            [1, 'green'],
          ],
        },
        { expr: `min(agentmon_initial_scan_complete{${inst}})` }
      ),
      stat(
        { title: 'Files tracked', description: 'Log files the exporters follow now.', unit: 'short' },
        { expr: `sum(agentmon_files_watched{${agentInst}}) or vector(0)` }
      ),
      stat(
        {
          title: 'Since last checkpoint',
          description:
            'Age of the newest state checkpoint (written every few seconds). Growing = state is not being saved.',
          unit: 's',
          thresholds: [
            [null, 'green'],
            [60, 'orange'],
            [300, 'red'],
          ],
        },
        { expr: `time() - max(agentmon_checkpoint_last_success_timestamp_seconds{${inst}})` }
      ),
      stat(
        {
          title: 'Since newest event',
          description:
            "Age of the newest event read from the agents' logs: large while nobody works, or when the exporter stopped reading.",
          unit: 's',
        },
        { expr: `time() - max(agentmon_last_event_timestamp_seconds{${agentInst}})` }
      ),
      stat(
        {
          title: 'Scrape time',
          description: 'How long Prometheus took to scrape /metrics (max over exporters).',
          unit: 's',
          decimals: 3,
          thresholds: [
            [null, 'green'],
            [1, 'orange'],
            [5, 'red'],
          ],
        },
        { expr: `max(scrape_duration_seconds{job=~"$job", instance=~"$instance"})` }
      ),
      table(
        {
          title: 'Exporters',
          description: 'Version and Node.js version of every exporter.',
          unit: 'short',
          w: 24,
          h: 5,
          columns: {
            instance: 'Instance',
            job: 'Job',
            version: 'agentmon',
            nodejs_version: 'Node.js',
            'Value #A': 'Up',
          },
          exclude: ['Value #B', '__name__'],
        },
        { expr: up },
        { expr: `agentmon_build_info{${inst}}` }
      ),
      timeseries(
        {
          title: 'Log lines per second by result',
          description:
            'parsed, ignored (known but unused), unknown_type, malformed, too_long. Malformed or unknown rising = an agent changed its log format.',
          unit: 'short',
          stacked: true,
        },
        { expr: `sum by (result) (rate(agentmon_lines_total{${agentInst}}[$__rate_interval]))`, legend: '{{result}}' }
      ),
      timeseries(
        {
          title: 'Log bytes read per second by agent',
          description: "How much of the agents' logs the exporters read.",
          unit: 'Bps',
          stacked: true,
        },
        {
          expr: `sum by (agent) (rate(agentmon_bytes_read_total{${agentInst}}[$__rate_interval]))`,
          legend: '{{agent}}',
        }
      ),
      bars(
        {
          title: 'File events',
          description:
            'discovered, truncated, rotated, deleted, unreadable over the time range. Unreadable = check file permissions.',
          unit: 'short',
          w: 8,
        },
        { expr: `sum by (event) (increase(agentmon_file_events_total{${agentInst}}[$__range]))`, legend: '{{event}}' }
      ),
      bars(
        {
          title: 'Checkpoint writes',
          description: 'State checkpoints written over the time range, by result.',
          unit: 'short',
          w: 8,
        },
        {
          expr: `sum by (result) (increase(agentmon_checkpoint_writes_total{${inst}}[$__range]))`,
          legend: '{{result}}',
        }
      ),
      bars(
        {
          title: 'Duplicates and unpriced',
          description:
            'Lines that repeated a response already counted (expected: streaming, resumed sessions), and responses of models with no price.',
          unit: 'short',
          w: 8,
        },
        {
          expr: `sum(increase(agentmon_duplicate_responses_total{${agentInst}}[$__range])) or vector(0)`,
          legend: 'duplicate lines',
        },
        {
          expr: `sum(increase(agentmon_unpriced_requests_total{${agentInst}}[$__range])) or vector(0)`,
          legend: 'unpriced responses',
        }
      ),
      timeseries(
        {
          title: 'Memory',
          description: 'Resident memory of the exporter processes (prom-client process metrics).',
          unit: 'bytes',
        },
        { expr: `process_resident_memory_bytes{job=~"$job", instance=~"$instance"}`, legend: '{{instance}}' }
      ),
      timeseries(
        { title: 'CPU', description: 'CPU used by the exporter processes, in cores.', unit: 'short' },
        {
          expr: `rate(process_cpu_seconds_total{job=~"$job", instance=~"$instance"}[$__rate_interval])`,
          legend: '{{instance}}',
        }
      ),
    ],
  });
}
