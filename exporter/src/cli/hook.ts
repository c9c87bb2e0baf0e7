// `agentmon hook`: the command Claude Code runs on its hook events (see docs/hooks.md). Whatever happens it exits 0
// and prints nothing: exit code 2 would block the agent's tool call, and stdout could reach the model.
import { commandStateDir } from '../config/user-paths.js';
import { captureHook } from '../hooks/capture.js';
import { HELP_OPTION, parse } from './parse-args.js';
import type { Command } from './command.js';

const HELP = `Usage: agentmon hook [options]

Records one Claude Code hook event (JSON on stdin) for \`agentmon serve\` to read: exact tool run times,
permission prompts waiting for you, session start and end. Register it in Claude Code's settings.json
for SessionStart, UserPromptSubmit, PreToolUse, PostToolUse, Notification, Stop, SubagentStop and
SessionEnd (docs/hooks.md has the snippet).

Options:
  --state-dir DIR      the exporter's state folder (env AGENTMON_STATE_DIR, default $XDG_STATE_HOME/agentmon
                       or ~/.local/state/agentmon); events go to DIR/hooks/
  -h, --help           show this help

It returns within about two seconds whatever happens, prints nothing and always exits 0: if the state
folder cannot be written the event is dropped and the agent is unaffected. Only the event name, session
id, tool name and call id, the working folder's last segment and the time are kept: never prompts, tool
input or output.
`;

const options = { 'state-dir': { type: 'string' }, ...HELP_OPTION } as const;

async function run(argv: string[]): Promise<number> {
  let stateDirFlag: string | undefined;
  try {
    const { values } = parse(argv, options);
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    stateDirFlag = values['state-dir'];
  } catch {
    // A mistyped flag in settings.json must not fail the agent: record with the defaults.
  }
  const stateDir = commandStateDir(stateDirFlag, process.env, process.cwd());
  await captureHook(process.stdin, { stateDir });
  return 0;
}

export const hookCommand: Command = { name: 'hook', summary: 'record a Claude Code hook event from stdin (for settings.json)', help: HELP, options, run };
