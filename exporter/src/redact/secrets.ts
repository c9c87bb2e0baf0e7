// The one secret detector: every path that shows or stores text from the logs (the API's raw lines, metric labels,
// session ids, reports, agentmon's own log) asks it. Known token formats come from gitleaks' rule set (rules.ts);
// credentials without a shape of their own are found by what they are assigned to: `DB_PASSWORD=…`, `"apiKey": …`,
// `Authorization: Bearer …`, `scheme://user:password@host`, `mysql -pPASSWORD`.
import { fnv1a } from '../tail/fingerprint.js';
import { KEY_QUALIFIERS, PRIVATE_KEY_BEGIN, PRIVATE_KEY_END, SECRET_NAME_ENDINGS, TOKEN_FORMATS } from './rules.js';

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

const NAME_ENDINGS = new RegExp(`(?:${SECRET_NAME_ENDINGS.join('|')})$`);
const NOT_SECRET_NAMES = new Set(['pwd', 'oldpwd']); // the shell's working folder, not a password

/** Splits a field or variable name into lowercase words: `DB_PASSWORD`, `apiKey`, `x-api-key`, `PGPASSWORD`. */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Whether a field, variable or header name holds a credential (its last word decides: `max_tokens` does not). */
export function isSecretName(name: string): boolean {
  if (name.length > 100) return false;
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined || NOT_SECRET_NAMES.has(words.join(''))) return false;
  if (NAME_ENDINGS.test(last)) return true;
  return last === 'key' && words.length > 1 && KEY_QUALIFIERS.includes(words[words.length - 2]!);
}

/** Values that only point at a secret (a variable, a template, a mask) and are safe to show. */
const REFERENCE = /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\{\{[^}]*\}\}|\{\{[^}]*\}\}|%[A-Za-z_][A-Za-z0-9_]*%|<[^<>]*>|\*+|x{3,}|\[redacted\]|null|undefined|none|true|false)$/i;

/**
 * `name = value`, `name: value`, `"name": "value"`, `--name=value`: the name, then a quoted or bare value. Every
 * part is bounded, so a hostile line cannot make this slow.
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_.-]{0,99})(["']?)([ \t]{0,3}(?::=|=>|[:=])[ \t]{0,3})(?:"([^"\n]{0,500})"|'([^'\n]{0,500})'|(\$\{[^\s}]{1,100}\}|[^\s"'`,;&|(){}[\]<>]{1,500}))/g;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/** `Bearer <token>`, `Basic <base64>`, `token <token>` as in Authorization headers. */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic|Token|Bot)([ \t]+)([A-Za-z0-9._~+/=-]{8,500})/gi;
/** `scheme://user:password@host`: the password part. */
const URL_CREDENTIAL = /\b([a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/?#@"'<>]{1,200}:)([^\s/?#@"'<>]{1,200})@/gi;
/** MySQL/MariaDB clients take the password glued to -p. */
const MYSQL_PASSWORD = /\b(mysql|mysqldump|mysqladmin|mariadb|mysqlimport|mysqlcheck|mysqlshow|mysqlpump)\b([^\n;|&]{0,200}?[ \t]-p)([^\s'"-][^\s'"]{0,200})/g;

/** Whether a bare (unquoted) value looks like data rather than code: it has a digit or a symbol besides `_.-`. */
const dataLike = (v: string): boolean => /[0-9]|[^A-Za-z0-9_.-]/.test(v);

/**
 * Returns text with every secret replaced by [redacted]. `strict` (labels, ids: short values shown to everyone)
 * also masks bare words assigned to secret names and scheme credentials without digits, which in the free text of
 * a transcript are more often code (`password: string`) than credentials.
 */
export function maskSecrets(text: string, strict = false): string {
  if (text.length === 0) return text;
  let out = text.replace(TOKEN_FORMATS, REDACTED);
  out = maskPrivateKeys(out);
  out = out.replace(URL_CREDENTIAL, (_m, head: string) => `${head}${REDACTED}@`);
  out = out.replace(MYSQL_PASSWORD, (_m, cmd: string, mid: string) => `${cmd}${mid}${REDACTED}`);
  out = out.replace(ASSIGNMENT, (m, name: string, close: string, op: string, dq?: string, sq?: string, bare?: string) => {
    if (!isSecretName(name)) return m;
    const value = dq ?? sq ?? bare ?? '';
    if (value === '' || value === REDACTED || REFERENCE.test(value.trim())) return m;
    if (bare !== undefined && !strict && !ENV_NAME.test(name) && !dataLike(bare)) return m;
    return `${name}${close}${op}${dq !== undefined ? `"${REDACTED}"` : sq !== undefined ? `'${REDACTED}'` : REDACTED}`;
  });
  out = out.replace(SCHEME_CREDENTIAL, (m, scheme: string, gap: string, token: string) =>
    strict || /[0-9._~+/=]/.test(token) ? (token === REDACTED ? m : `${scheme}${gap}${REDACTED}`) : m,
  );
  return out;
}

function maskPrivateKeys(text: string): string {
  if (!text.includes('PRIVATE KEY')) return text;
  let out = '';
  let at = 0;
  PRIVATE_KEY_BEGIN.lastIndex = 0;
  for (let m = PRIVATE_KEY_BEGIN.exec(text); m; m = PRIVATE_KEY_BEGIN.exec(text)) {
    if (m.index < at) continue;
    PRIVATE_KEY_END.lastIndex = m.index + m[0].length;
    const end = PRIVATE_KEY_END.exec(text);
    out += text.slice(at, m.index) + REDACTED;
    at = end ? end.index + end[0].length : text.length;
    PRIVATE_KEY_BEGIN.lastIndex = at;
  }
  return out + text.slice(at);
}

/** Whether text holds a secret anywhere (strict: see maskSecrets). */
export function containsSecret(text: string, strict = true): boolean {
  return maskSecrets(text, strict) !== text;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a short value shown as a whole (a label, a session id) must not be shown: it holds a secret, or is a long
 * random-looking run of letters and digits (keys and tokens of formats no rule knows), UUIDs excepted.
 */
export function looksSecret(value: string): boolean {
  if (UUID.test(value)) return false;
  if (containsSecret(value, true)) return true;
  return value.length >= 32 && /^[A-Za-z0-9+/=_]+$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

/**
 * Returns a session id fit to show: as logged (cut to 200 characters), or a stable stand-in `redacted-<hash>` when the
 * id itself looks secret (a custom log mapping a connection string or a token to the session field).
 */
export function safeSessionId(id: string): string {
  if (UUID.test(id)) return id;
  return looksSecret(id.slice(0, 1000)) ? `redacted-${fnv1a(Buffer.from(id, 'utf8'))}` : id.slice(0, 200);
}
