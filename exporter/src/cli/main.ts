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
    if (first === 'help' && argv[1] !== undefined && !about) return unknownCommand(argv[1], COMMANDS.map((c) => c.name));
    process.stdout.write(about ? about.help : TOP_HELP);
    return 0;
  }
  // No command (or only flags): serve, like most exporters. A command loads its own modules only: Claude Code runs
  // `agentmon hook` on every tool call, and `scan` should not pay for the report renderers.
  const implicit = first === undefined || first.startsWith('-');
  const name = implicit ? 'serve' : first;
  const load = Object.hasOwn(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name] : undefined;
  if (!load) return unknownCommand(name, Object.keys(COMMAND_LOADERS));
  return await runCommand(await load(), implicit ? argv : argv.slice(1));
}

/** Runs a command and maps its errors to exit codes: 2 for usage and config errors, 1 for the rest. */
async function runCommand(cmd: Command, argv: string[]): Promise<number> {
  try {
    return await cmd.run(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      // The mistake and where to look, not 25 lines of help that push the mistake off the screen (git, ccusage).
      process.stderr.write(`agentmon ${cmd.name}: ${err.message}\nRun 'agentmon ${cmd.name} --help' for its options.\n`);
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

/** Returns the edit distance of two short words (for "did you mean"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

function unknownCommand(name: string, known: string[]): number {
  const shown = JSON.stringify(name.slice(0, 40));
  const near = known.filter((k) => distance(name, k) <= 2).sort((a, b) => distance(name, a) - distance(name, b))[0];
  process.stderr.write(`agentmon: unknown command ${shown}${near ? `; did you mean "${near}"?` : ''}\nRun 'agentmon --help' for the commands.\n`);
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
