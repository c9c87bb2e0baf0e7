// Structured logs (one JSON object per line on stderr). Messages are fixed strings written here; fields hold
// paths, counts and codes — never text taken from an agent's log lines — and every string among them passes the
// shared secret detector anyway (an error message may quote a URL with its password, a path may hold a token).
import { maskSecrets } from '../redact/secrets.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Returns a logger writing at or above `level` to the given stream (stderr by default). */
export function createLogger(level: LogLevel = 'info', out: NodeJS.WritableStream = process.stderr, format: 'json' | 'text' = 'json'): Logger {
  const write = (l: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[l] < ORDER[level]) return;
    if (fields) fields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? maskSecrets(v) : v]));
    if (format === 'text') {
      const extra = Object.entries(fields ?? {}).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
      out.write(`agentmon: ${l}: ${msg}${extra ? ` (${extra})` : ''}\n`);
      return;
    }
    out.write(JSON.stringify({ time: new Date().toISOString(), level: l, msg, ...fields }) + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** A logger that drops everything (one-shot commands with their own output). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
