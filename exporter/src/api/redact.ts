// Raw log lines shown by the API pass through here: secret-looking fields and values are masked and very long
// strings shortened. The logs are the user's own, but screenshots and exports travel.

const SECRET_KEYS = /^(api[_-]?key|x-api-key|access[_-]?token|refresh[_-]?token|auth[_-]?token|id[_-]?token|token|secret|client[_-]?secret|password|passwd|authorization|cookie|set-cookie|private[_-]?key)$/i;
const SECRET_VALUES = /(sk-ant-[A-Za-z0-9_-]{16,}|sk-[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[0-9A-Z]{16}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/g;
const MAX_STRING = 4000;

/** Returns a copy of a parsed JSON value with secrets masked and long strings cut. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 40) return '[too deep]';
  if (typeof value === 'string') {
    const masked = value.replace(SECRET_VALUES, '[redacted]');
    return masked.length > MAX_STRING ? `${masked.slice(0, MAX_STRING)}… [${masked.length - MAX_STRING} more characters]` : masked;
  }
  if (Array.isArray(value)) return value.slice(0, 500).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) && typeof v === 'string' ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}
