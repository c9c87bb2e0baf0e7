// The list of subcommands and the top-level help (apart from main.ts so tests can import them without running the CLI).
import { backfillCommand } from './backfill.js';
import { checkConfigCommand } from './check-config.js';
import type { Command } from './command.js';
import { docsMetricsCommand } from './docs-metrics.js';
import { hookCommand } from './hook.js';
import { scanCommand } from './scan.js';
import { reportCommand } from './report.js';
import { serveCommand } from './serve.js';
import { statuslineCommand } from './statusline.js';

/** Every subcommand, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [serveCommand, scanCommand, backfillCommand, reportCommand, checkConfigCommand, docsMetricsCommand, hookCommand, statuslineCommand];

/** The top-level usage text. */
export const TOP_HELP = `Usage: agentmon [command] [options]

Observability for AI coding agents (Claude Code, Codex CLI, Gemini CLI, any JSONL log) from their own log files.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}

Options:
  -h, --help       show this help
  -V, --version    print the version

Run "agentmon <command> --help" for a command's options. With no command, "serve" runs.
Exit codes: 0 ok, 1 runtime failure, 2 bad arguments or config.
`;
