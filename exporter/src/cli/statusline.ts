// `agentmon statusline`: the command Claude Code runs for its status line (see docs/statusline.md). Whatever happens
// it prints a line and exits 0: a failing statusline command leaves the user with an empty status line.
import { commandStateDir } from '../config/user-paths.js';
import { runStatusline } from '../statusline/capture.js';
import { HELP_OPTION, parse } from './parse-args.js';
import type { Command } from './command.js';

const HELP = `Usage: agentmon statusline [options]

Reads Claude Code's statusLine JSON on stdin, records the plan's 5-hour and 7-day usage windows and the
session's context fill for \`agentmon serve\` (agentmon_plan_usage_ratio and friends), and prints one line:
  Opus 4.6 · ctx 26% · 5h 42% (2h13m) · 7d 36% (5d4h) · $1.37
(model, context used, each window's use with the time to its reset, the session's cost). Set it as the
statusLine command in Claude Code's settings.json (docs/statusline.md has the snippet).

Options:
  --state-dir DIR       the exporter's state folder (env AGENTMON_STATE_DIR, default $XDG_STATE_HOME/agentmon
                        or ~/.local/state/agentmon); readings go to DIR/hooks/agentmon-statusline.jsonl
  --then CMD            keep your own status line: run CMD (through the shell, with the same stdin) and print
                        its output instead of agentmon's line; agentmon's line is printed if CMD fails,
                        prints nothing or takes longer than --then-timeout
  --then-timeout SECS   how long CMD may take (default 3)
  -h, --help            show this help

It always exits 0 and prints a line ("agentmon" when the input is missing or not JSON). Only the session
id, the project folder's last segment, the context fill and the rate-limit windows are kept: never paths,
prompts, the model or the cost (the transcript counts those). An unchanged reading is written again at most
every 5 minutes.
`;

const options = { 'state-dir': { type: 'string' }, then: { type: 'string' }, 'then-timeout': { type: 'string' }, ...HELP_OPTION } as const;

async function run(argv: string[]): Promise<number> {
  let stateDirFlag: string | undefined;
  let then: string | undefined;
  let thenTimeoutMs: number | undefined;
  try {
    const { values } = parse(argv, options);
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    stateDirFlag = values['state-dir'];
    then = values.then?.trim() || undefined;
    const secs = Number(values['then-timeout']);
    if (values['then-timeout'] !== undefined && Number.isFinite(secs) && secs > 0) thenTimeoutMs = Math.min(secs, 60) * 1000;
  } catch {
    // A mistyped flag in settings.json must not blank the status line: record and print with the defaults.
  }
  const stateDir = commandStateDir(stateDirFlag, process.env, process.cwd());
  const line = await runStatusline(process.stdin, { stateDir, ...(then ? { then } : {}), ...(thenTimeoutMs ? { thenTimeoutMs } : {}) });
  process.stdout.write(line);
  return 0;
}

export const statuslineCommand: Command = { name: 'statusline', summary: 'print a Claude Code status line and record plan limits (for settings.json)', help: HELP, options, run };
