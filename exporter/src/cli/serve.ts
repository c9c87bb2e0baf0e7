// `agentmon serve`: run the exporter until SIGINT/SIGTERM.
import './heap.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { createLogger } from '../util/log.js';
import { DIR_OPTIONS, dirsFrom, HELP_OPTION, missingDirs, nonEmpty, parse, parseLogLevel, parsePort } from './args.js';
import { type Command, RuntimeFailure } from './command.js';

const HELP = `Usage: agentmon serve [options]

Tails the agents' logs and serves Prometheus metrics. History already on disk is read first.

Options:
  --config FILE        YAML config (env AGENTMON_CONFIG)
  --host HOST          address to bind (env AGENTMON_HOST, default 127.0.0.1)
  --port N             port (env AGENTMON_PORT, default 9477)
  --state-dir DIR      checkpoint folder (env AGENTMON_STATE_DIR, default $XDG_STATE_HOME/agentmon
                       or ~/.local/state/agentmon)
  --log-level LEVEL    debug, info, warn or error (env AGENTMON_LOG_LEVEL, default info)
  --claude-dir DIR     read Claude Code transcripts below DIR (repeatable)
  --codex-dir DIR      read Codex CLI rollouts below DIR (repeatable)
  --gemini-dir DIR     read Gemini CLI chats below DIR (~/.gemini/tmp or a folder in it; repeatable)
  -h, --help           show this help

With any --*-dir flag only the named folders are read; agents without one are not read.
Precedence: flag, then environment, then config file, then defaults.
Endpoints: / (landing page), /metrics, /healthz, /readyz (200 once the history is read), /api/v1 (needs the
bearer token when api.token or AGENTMON_API_TOKEN is set). Bound to loopback, only loopback host names are
answered (add others with http.allowedHosts or AGENTMON_ALLOWED_HOSTS); beyond loopback without a token, serve
warns. See docs/security.md.
Exit codes: 0 stopped by SIGINT/SIGTERM, 1 cannot start (e.g. port in use), 2 bad arguments or config.
`;

const options = {
  config: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'state-dir': { type: 'string' },
  'log-level': { type: 'string' },
  ...DIR_OPTIONS,
  ...HELP_OPTION,
} as const;

const LISTEN_ERRORS: Record<string, string> = {
  EADDRINUSE: 'the port is already in use; stop the other process or pick another port with --port or AGENTMON_PORT',
  EACCES: 'permission denied (ports below 1024 need privileges); pick another port with --port',
  EADDRNOTAVAIL: 'this machine has no such address; check --host or AGENTMON_HOST',
  ENOTFOUND: 'the host name does not resolve; check --host or AGENTMON_HOST',
};

async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = await loadConfig({
    configFile: nonEmpty('--config', values.config),
    host: nonEmpty('--host', values.host),
    port: parsePort('--port', values.port),
    stateDir: nonEmpty('--state-dir', values['state-dir']),
    logLevel: parseLogLevel('--log-level', values['log-level']),
    dirs: dirsFrom(values),
  });
  const log = createLogger(config.logLevel);
  // Unlike scan, serve keeps going: the agent may create its folder later, and the rescan will find it.
  for (const m of missingDirs(values)) log.warn('folder does not exist yet; it will be read once it appears', { flag: m.flag, path: m.dir });
  // Loaded here, not at the top: scan/report/backfill never pay for express and prom-client.
  const { Service } = await import('../service.js');
  const service = new Service(config, log);
  try {
    await service.start();
  } catch (err) {
    if (err instanceof ConfigError) throw err; // a bad report template: exit 2 with FILE:LINE:COL problems
    const e = err as NodeJS.ErrnoException;
    const why = LISTEN_ERRORS[e.code ?? ''] ?? (err instanceof Error ? err.message : String(err));
    throw new RuntimeFailure(e.syscall === 'listen' || e.code === 'ENOTFOUND' ? `cannot listen on ${config.host}:${config.port}: ${why}` : `cannot start: ${why}`);
  }
  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info('stopping', { signal });
      service.stop().then(
        () => resolve(0),
        (err: unknown) => {
          log.error('error while stopping', { error: String(err) });
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

export const serveCommand: Command = { name: 'serve', summary: 'tail the logs and serve Prometheus metrics (default)', help: HELP, options, run };
