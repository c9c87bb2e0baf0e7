// What every subcommand provides, so main.ts can dispatch, print usage and tests can compare help with options.
import type { Options } from './args.js';

/** A subcommand of `agentmon`. run() returns the exit code or throws UsageError (2), ConfigError (2) or Error (1). */
export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** Full usage text, printed for --help (stdout) and after a usage error (stderr). */
  help: string;
  /** Every flag the command accepts (including --help); its help must list each one. */
  options: Options;
  run(argv: string[]): Promise<number>;
}

/** A failure after the arguments were accepted (port in use, unreadable folder); the CLI exits 1 with the message. */
export class RuntimeFailure extends Error {}
