// `agentmon serve`: run the exporter until SIGINT/SIGTERM.
import { loadConfig } from '../config/load.js';
import { Service } from '../service.js';
import { createLogger } from '../util/log.js';
import { DIR_OPTIONS, dirsFrom, parse, parsePort } from './args.js';

export const SERVE_HELP = `Usage: agentmon serve [options]

Tails the agents' logs and serves Prometheus metrics. History already on disk is read first.

Options:
  --config FILE        YAML config (env AGENTMON_CONFIG)
  --host HOST          address to bind (env AGENTMON_HOST, default 127.0.0.1)
  --port N             port (env AGENTMON_PORT, default 9477)
  --state-dir DIR      checkpoint folder (env AGENTMON_STATE_DIR, default $XDG_STATE_HOME/agentmon
                       or ~/.local/state/agentmon)
  --claude-dir DIR     read Claude Code transcripts below DIR (repeatable)
  --codex-dir DIR      read Codex CLI rollouts below DIR (repeatable)
  -h, --help           show this help

Endpoints: / (landing page), /metrics, /healthz, /readyz (200 once the history is read).
Precedence: flag, then environment, then config file, then defaults.
`;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, 'state-dir': { type: 'string' }, ...DIR_OPTIONS });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const config = loadConfig({ configFile: values.config, host: values.host, port: parsePort('--port', values.port), stateDir: values['state-dir'], dirs: dirsFrom(values) });
  const log = createLogger(config.logLevel);
  const service = new Service(config, log);
  try {
    await service.start();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    log.error(code === 'EADDRINUSE' ? 'port already in use: pick another with --port or AGENTMON_PORT' : 'cannot start', { host: config.host, port: config.port, code, error: String(err) });
    return 1;
  }
  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info('stopping', { signal });
      service.stop().then(() => resolve(0), (err: unknown) => {
        log.error('error while stopping', { error: String(err) });
        resolve(1);
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
