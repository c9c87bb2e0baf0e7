// CSV for every export the project writes (sessions, a session's timeline, the report CSV): RFC 4180 quoting, and
// text a spreadsheet would run as a formula neutralized as OWASP's CSV Injection page says: a cell whose text starts
// with = + - @, a tab or a carriage return gets a leading single quote (also after leading blanks or control
// characters, and for the full-width forms of those signs, which some spreadsheets read the same way). Control
// characters other than tab and line breaks (ESC starts terminal escape sequences) become U+FFFD. Numbers are
// written as numbers: only text from the logs can carry a formula.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const FORMULA_START = /^[\s\u0000-\u001f]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/** Returns one CSV cell for a value. */
export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = (typeof v === 'object' ? (JSON.stringify(v) ?? '') : String(v)).replace(CONTROL, '\ufffd');
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s.startsWith("'") ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Returns CSV text for rows, with the given columns (dot paths into each row) as the header. */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const get = (row: Record<string, unknown>, path: string): unknown =>
    path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(get(r, c))).join(','))].join('\r\n') + '\r\n';
}
