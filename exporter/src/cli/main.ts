#!/usr/bin/env node
// The `agentmon` command: dispatches to a subcommand. Exit codes: 0 ok, 1 runtime failure, 2 usage or config error.
import { ConfigError } from '../config/load.js';
import { renderMetricsDoc } from '../metrics/docs.js';
import { agentmonVersion } from '../util/version.js';
import { UsageError } from './args.js';
import { CHECK_CONFIG_HELP, checkConfigCommand } from './check-config.js';
import { SCAN_HELP, scanCommand } from './scan.js';
import { SERVE_HELP, serveCommand } from './serve.js';

const HELP = `Usage: agentmon [command] [options]

Observability for AI coding agents (Claude Code, Codex CLI) from their own log files.

Commands:
  serve          tail the logs and serve Prometheus metrics (default)
  scan           read all logs once and print usage per day (--json for JSON)
  check-config   validate a config file
  docs-metrics   print the metrics reference (Markdown) generated from the catalogue

Run "agentmon <command> --help" for a command's options. "agentmon --version" prints the version.
`;

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; help: string }> = {
  serve: { run: serveCommand, help: SERVE_HELP },
  scan: { run: scanCommand, help: SCAN_HELP },
  'check-config': { run: checkConfigCommand, help: CHECK_CONFIG_HELP },
  'docs-metrics': {
    run: async () => {
      process.stdout.write(renderMetricsDoc());
      return 0;
    },
    help: 'Usage: agentmon docs-metrics\n\nPrints docs/metrics.md, generated from the metric catalogue.\n',
  },
};

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (first === '--version' || first === '-V') {
    process.stdout.write(`${agentmonVersion()}\n`);
    return 0;
  }
  const name = first === undefined || first.startsWith('-') ? 'serve' : first;
  const cmd = COMMANDS[name];
  const rest = first === undefined || first.startsWith('-') ? argv : argv.slice(1);
  if (!cmd) {
    process.stderr.write(`agentmon: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`agentmon ${name}: ${err.message}\n\n${cmd.help}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`agentmon: config error:\n${err.message}\n`);
      return 2;
    }
    process.stderr.write(`agentmon: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    if (code !== 0 || process.argv[2] !== undefined) setTimeout(() => process.exit(code), 50).unref();
  },
  (err: unknown) => {
    process.stderr.write(`agentmon: ${String(err)}\n`);
    process.exit(1);
  },
);
