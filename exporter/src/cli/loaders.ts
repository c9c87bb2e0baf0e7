// Each subcommand's module, loaded on demand: `agentmon scan` should not pay for the report renderers, nor `hook`
// (run by Claude Code on every tool call) for anything but itself. commands.ts keeps the full list for the help.
import type { Command } from './command.js';

export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import('./serve.js')).serveCommand,
  scan: async () => (await import('./scan.js')).scanCommand,
  backfill: async () => (await import('./backfill.js')).backfillCommand,
  report: async () => (await import('./report.js')).reportCommand,
  'check-config': async () => (await import('./check-config.js')).checkConfigCommand,
  'docs-metrics': async () => (await import('./docs-metrics.js')).docsMetricsCommand,
  hook: async () => (await import('./hook.js')).hookCommand,
  statusline: async () => (await import('./statusline.js')).statuslineCommand,
};
