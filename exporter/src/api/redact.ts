// Raw log lines shown by the API pass through here: values under secret names (whatever their type) and secrets
// inside strings are masked by the shared detector (redact/secrets.ts), long strings and lists are cut. The logs are
// the user's own, but screenshots and exports travel.
import { maskSecrets, REDACTED, isSecretName } from '../redact/secrets.js';

const MAX_STRING = 4000;
/** Characters past the cut that are still scanned, so a secret straddling the cut is not shown in part. */
const SCAN_MARGIN = 512;
const MAX_ITEMS = 500;

/** Returns a copy of a parsed JSON value with secrets masked and long strings cut. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 40) return '[too deep]';
  if (typeof value === 'string') {
    if (value.length <= MAX_STRING) return maskSecrets(value);
    const masked = maskSecrets(value.slice(0, MAX_STRING + SCAN_MARGIN)).slice(0, MAX_STRING);
    return `${masked}… [${value.length - MAX_STRING} more characters]`;
  }
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Any value under a secret name goes, whatever its type (a number, an object, a list of headers); only
      // booleans and null say nothing.
      out[k] = isSecretName(k) && v !== null && typeof v !== 'boolean' ? REDACTED : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
