// Command-line parsing with node's parseArgs, kept free of heavy imports (`agentmon hook` must start fast).
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake on the command line; the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** --help / -h, accepted by every command. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies Options;

/** Parses argv for one command (options must already include HELP_OPTION), turning parseArgs' errors into UsageError. */
export function parse<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    // parseArgs appends advice about '--' separators that does not apply here; keep its first sentence.
    const text = (err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '').split(/\.\s+(?=[A-Z])/)[0]!;
    throw new UsageError(text.replace(/\.$/, ''));
  }
}
