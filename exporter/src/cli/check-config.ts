// `agentmon check-config FILE...`: validate config files and say what is wrong, field by field.
import { ConfigError, formatProblem } from '../config/problems.js';
import { readConfigFile } from '../config/file.js';
import { HELP_OPTION, parse, UsageError } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: agentmon check-config [options] FILE...

Validates agentmon YAML config files without starting anything. Prints "FILE: ok" on stdout for a
valid file; for an invalid one prints each problem on stderr as
  FILE:LINE:COL: field.path: what is wrong
and exits 2. examples/agentmon.yaml lists every field with its default.

Options:
  -h, --help   show this help
`;

const options = { ...HELP_OPTION };

export const checkConfigCommand: Command = {
  name: 'check-config',
  summary: 'validate config files (FILE:LINE:COL: field: problem)',
  help: HELP,
  options,
  async run(argv) {
    const { values, positionals } = parse(argv, options, true);
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('expects at least one FILE');
    let code = 0;
    for (const file of positionals) {
      try {
        readConfigFile(file);
        process.stdout.write(`${file}: ok\n`);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(err.problems.map((p) => formatProblem(p) + '\n').join(''));
        code = 2;
      }
    }
    return code;
  },
};
