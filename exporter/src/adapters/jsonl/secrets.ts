// Values from custom logs are whatever a team's tool wrote: a token, a password or a key pasted into a field that is
// mapped to a label or a session id must never reach /metrics, the API or agentmon's own log. The detection itself is
// the shared one (redact/secrets.ts).
import { looksSecret, safeSessionId as safeId } from '../../redact/secrets.js';

export { looksSecret } from '../../redact/secrets.js';

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
  return safeId(text);
}
