#!/usr/bin/env node
// The `agentmon` command: dispatches to a subcommand. Exit codes: 0 ok, 1 runtime failure, 2 usage or config error.
import { ConfigError } from '../config/problems.js';
import { agentmonVersion } from '../util/version.js';
import type { Command } from './command.js';
import { COMMAND_LOADERS } from './loaders.js';
import { UsageError } from './parse-args.js';

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === '--version' || first === '-V') {
    process.stdout.write(`${agentmonVersion()}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const { COMMANDS, TOP_HELP } = await import('./commands.js');
    const about = first === 'help' ? COMMANDS.find((c) => c.name === argv[1]) : undefined;
    if (first === 'help' && argv[1] !== undefined && !about) return unknownCommand(argv[1], TOP_HELP);
    process.stdout.write(about ? about.help : TOP_HELP);
    return 0;
  }
  // No command (or only flags): serve, like most exporters. A command loads its own modules only: Claude Code runs
  // `agentmon hook` on every tool call, and `scan` should not pay for the report renderers.
  const implicit = first === undefined || first.startsWith('-');
  const name = implicit ? 'serve' : first;
  const load = Object.hasOwn(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name] : undefined;
  if (!load) return unknownCommand(name, (await import('./commands.js')).TOP_HELP);
  return await runCommand(await load(), implicit ? argv : argv.slice(1));
}

/** Runs a command and maps its errors to exit codes: 2 for usage and config errors, 1 for the rest. */
async function runCommand(cmd: Command, argv: string[]): Promise<number> {
  try {
    return await cmd.run(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`agentmon ${cmd.name}: ${err.message}\n\n${cmd.help}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    process.stderr.write(`agentmon ${cmd.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function unknownCommand(name: string, topHelp: string): number {
  process.stderr.write(`agentmon: unknown command "${name}"\n\n${topHelp}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Watchers or sockets may linger after a command finished; don't let them keep the process alive.
    setTimeout(() => process.exit(code), 50).unref();
  },
  (err: unknown) => {
    process.stderr.write(`agentmon: ${String(err)}\n`);
    process.exit(1);
  },
);
