// `agentmon check-config FILE`: validate a config file and say what is wrong, field by field.
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfigText } from '../config/load.js';
import { parse, UsageError } from './args.js';

export const CHECK_CONFIG_HELP = `Usage: agentmon check-config FILE

Validates an agentmon YAML config. Prints "FILE: ok" and exits 0, or prints each problem as
FILE:LINE:COL: field.path: what is wrong, and exits 2.

Options:
  -h, --help   show this help
`;

export async function checkConfigCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {}, true);
  if (values.help) {
    process.stdout.write(CHECK_CONFIG_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('check-config expects exactly one FILE');
  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  parseConfigText(text, file);
  process.stdout.write(`${file}: ok\n`);
  return 0;
}
