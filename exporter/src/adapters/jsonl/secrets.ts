// Values from custom logs are whatever a team's tool wrote: a token, a password or a key pasted into a field that is
// mapped to a label or a session id must never reach /metrics, the API or agentmon's own log.
import { fnv1a } from '../../tail/fingerprint.js';

const KNOWN_SECRETS = [
  /sk-[A-Za-z0-9_-]{16,}/, // OpenAI / Anthropic keys
  /\bgh[pousr]_[A-Za-z0-9]{20,}/, // GitHub tokens
  /github_pat_[A-Za-z0-9_]{20,}/,
  /\bAKIA[0-9A-Z]{16}\b/, // AWS access key id
  /\bAIza[0-9A-Za-z_-]{30,}/, // Google API key
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/, // Slack
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(?:bearer|basic)\s+[A-Za-z0-9._~+/=-]{12,}/i,
  /\b(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key)\s*[:=]/i,
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value looks like a credential: a known key format, `password=...`, or a long random-looking string. */
export function looksSecret(value: string): boolean {
  if (KNOWN_SECRETS.some((re) => re.test(value))) return true;
  if (UUID.test(value)) return false;
  // 32+ characters of one base64/hex-like run with letters and digits mixed: keys and tokens, not names.
  return value.length >= 32 && /^[A-Za-z0-9+/=_]+$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

/** Returns a value fit for a label's raw input: text (or a number) cut to `max`, `redacted` when it looks secret. */
export function safeText(v: unknown, max = 200): string | undefined {
  const text = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
  if (text === undefined || text.trim() === '') return undefined;
  return looksSecret(text) ? 'redacted' : text.slice(0, max);
}

/** Returns a session id: as logged, or a stable stand-in (`redacted-<hash>`) when the id itself looks secret. */
export function safeSessionId(v: unknown): string | undefined {
  const text = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
  if (text === undefined || text.trim() === '') return undefined;
  return looksSecret(text) ? `redacted-${fnv1a(Buffer.from(text, 'utf8'))}` : text.slice(0, 200);
}
