// Renders docs/metrics.md from the catalogue, so the reference cannot drift from the code.
import { METRICS } from './catalogue.js';

/** Returns the metrics reference as Markdown. */
export function renderMetricsDoc(): string {
  const lines = [
    '# Metrics reference',
    '',
    'Generated from `exporter/src/metrics/catalogue.ts` by `npm run docs:metrics -w exporter`; a test fails when this file',
    'and the catalogue disagree. All names carry the `agentmon_` prefix; counters end in `_total`; values are in base',
    'units (seconds, US dollars, tokens). Static labels from `labels.static` in the config are added to every series.',
    '',
    '| metric | type | labels | persisted | description |',
    '|---|---|---|---|---|',
  ];
  for (const m of Object.values(METRICS)) {
    const labels = m.labels.length ? m.labels.map((l) => `\`${l}\``).join(', ') : '—';
    lines.push(`| \`${m.name}\` | ${m.type} | ${labels} | ${m.persisted ? 'yes' : 'no'} | ${m.help} |`);
  }
  lines.push(
    '',
    '## Label values',
    '',
    '- `agent`: `claude-code`, `codex`.',
    '- `project`: the last folder name of the session\'s working directory (never a full path); the first',
    '  `labels.maxProjects` (default 50) distinct projects get their own value, later ones are `other`.',
    '- `model`: the model id as the agent logged it (sanitized); beyond `labels.maxModels` (default 100), `other`.',
    '- `tool`: the tool name (e.g. `Bash`, `Read`, `exec_command`); beyond `labels.maxTools` (default 100), `other`.',
    '- `type` on `agentmon_tokens_total`: `input` (uncached input), `output` (includes reasoning/thinking),',
    '  `cache_read`, `cache_write_5m`, `cache_write_1h`. The same meaning for every agent.',
    '',
    '"Persisted" counters are restored from the checkpoint at start, so they never go down, even when old log files',
    'are deleted. Session ids, prompts, file paths and other free text never appear in labels; per-session detail',
    'belongs to the exporter\'s API.',
    '',
  );
  return lines.join('\n');
}
