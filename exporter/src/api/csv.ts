// CSV for exports: RFC 4180 quoting, and cells that a spreadsheet would run as a formula are neutralized.

const cell = (v: unknown): string => {
  let s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Returns CSV text for rows, with the given columns (dot paths into each row) as the header. */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const get = (row: Record<string, unknown>, path: string): unknown =>
    path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(get(r, c))).join(','))].join('\r\n') + '\r\n';
}
