// `agentmon docs-metrics`: print the metrics reference generated from the catalogue.
import { renderMetricsDoc } from '../metrics/docs.js';
import { HELP_OPTION, parse } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: agentmon docs-metrics [options]

Prints the metrics reference (Markdown, as in docs/metrics.md), generated from the metric catalogue.

Options:
  -h, --help   show this help
`;

const options = { ...HELP_OPTION };

export const docsMetricsCommand: Command = {
  name: 'docs-metrics',
  summary: 'print the metrics reference (Markdown) generated from the catalogue',
  help: HELP,
  options,
  async run(argv) {
    const { values } = parse(argv, options);
    process.stdout.write(values.help ? HELP : renderMetricsDoc());
    return 0;
  },
};
