// `agentmon report`: read all logs once and write one report from a template (HTML, PDF, Markdown, JSON or CSV).
import './heap.js';
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../config/load.js';
import { Engine } from '../engine.js';
import { attachActivity } from '../reports/activity/attach.js';
import { ActivityStore } from '../reports/activity/store.js';
import { buildReport } from '../reports/build.js';
import { sourcesOf } from '../reports/data.js';
import { dayRange, type TimeRange } from '../reports/period.js';
import { renderReport } from '../reports/render/index.js';
import { findTemplate, loadTemplates } from '../reports/template/load.js';
import { FORMATS, type ReportFormat } from '../reports/template/schema.js';
import { createLogger } from '../util/log.js';
import { DIR_OPTIONS, dirsFrom, HELP_OPTION, missingDirs, nonEmpty, parse, parseDay, UsageError } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: agentmon report --template NAME [options]

Reads every agent log once and writes a report: summary with the change against the previous period,
charts, tables and insights (with estimated savings). Numbers agree with "agentmon scan" to the cent.

Options:
  --template NAME|FILE   built-in (daily, weekly, monthly), one from reports.templatesDir, or a .yaml file
  --format FORMAT        html, pdf, md, json or csv (default: from --out's extension, else html)
  --out FILE             write here; "-" is standard output (default: standard output, except PDF, which
                         goes to <template>-<first day>_<last day>.pdf in the current folder)
  --from YYYY-MM-DD      first day to cover (default: the template's last complete day, week or month)
  --to YYYY-MM-DD        last day to cover, included (default: today with --from)
  --timezone ZONE        days in this IANA zone (default: the template's, else reports.timezone, else UTC)
  --claude-dir DIR       read Claude Code transcripts below DIR (repeatable)
  --codex-dir DIR        read Codex CLI rollouts below DIR (repeatable)
  --gemini-dir DIR       read Gemini CLI chats below DIR (repeatable)
  --config FILE          YAML config (prices, reports.templatesDir, reports.timezone; env AGENTMON_CONFIG)
  --list                 list the templates and exit
  -h, --help             show this help

With no --*-dir flag the default locations are read (as for "agentmon scan").
Days are whole days in the report's zone, and --to includes its day; /api/v1/reports reads from/to the same way
(a day includes itself; an exact time, as Grafana sends, is the end itself).
PDF output prints the HTML with headless Chromium (/usr/bin/chromium, or env AGENTMON_CHROMIUM).
Exit codes: 0 ok, 1 failure while reading or rendering, 2 bad arguments, config or template.
`;

const options = {
  template: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  timezone: { type: 'string' },
  config: { type: 'string' },
  list: { type: 'boolean' },
  ...DIR_OPTIONS,
  ...HELP_OPTION,
} as const;

function pickFormat(format: string | undefined, out: string | undefined): ReportFormat {
  const given = format ?? (out ? /\.([a-z]+)$/i.exec(out)?.[1]?.toLowerCase().replace(/^markdown$/, 'md') : undefined);
  if (given === undefined) return 'html';
  const f = FORMATS.find((x) => x === given);
  if (!f) throw new UsageError(format !== undefined ? `--format expects one of ${FORMATS.join(', ')}, got "${format}"` : `cannot tell the format from --out "${out}"; add --format (${FORMATS.join(', ')})`);
  return f;
}

function checkZone(tz: string | undefined): string | undefined {
  if (tz === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new UsageError(`--timezone expects an IANA zone such as UTC or Europe/Paris, got "${tz}"`);
  }
  return tz;
}

async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const dirs = dirsFrom(values);
  const config = await loadConfig({ configFile: nonEmpty('--config', values.config), dirs });
  if (values.list) {
    for (const [name, t] of loadTemplates(config.reports.templatesDir)) process.stdout.write(`${name.padEnd(16)} ${t.template.period.padEnd(6)} ${(t.template.schedule ?? 'on demand').padEnd(14)} ${t.template.title}${t.builtin ? '' : `  (${t.file})`}\n`);
    return 0;
  }
  const name = nonEmpty('--template', values.template);
  if (!name) throw new UsageError('--template is required (daily, weekly, monthly, or a .yaml file; --list shows them)');
  const out = values.out === '-' ? undefined : nonEmpty('--out', values.out);
  const format = pickFormat(values.format, out);
  const from = parseDay('--from', values.from);
  const to = parseDay('--to', values.to);
  if (to && !from) throw new UsageError('--to needs --from');
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const zone = checkZone(values.timezone);
  const [missing] = missingDirs(values);
  if (missing) throw new UsageError(`${missing.flag} ${JSON.stringify(missing.dir)} is not an existing folder`);
  const { template } = findTemplate(name, config.reports.templatesDir);
  const tz = zone ?? template.timezone ?? config.reports.timezone;
  let range: TimeRange | undefined;
  if (from) range = dayRange(from, to ?? new Date().toISOString().slice(0, 10), tz);

  const engine = new Engine(config, createLogger('warn', process.stderr, 'text'), undefined, process.env, { syncReads: true });
  attachActivity(engine, new ActivityStore(0));
  const started = Date.now();
  const progress = process.stderr.isTTY === true;
  await engine.scanAll((p) => {
    if (progress && Date.now() - started > 1000) process.stderr.write(`\rscanning: ${p.filesDone}/${p.filesTotal} files, ${(p.bytes / 1e6).toFixed(0)} MB`);
  });
  if (progress && Date.now() - started > 1000) process.stderr.write('\n');
  await engine.tracker.closeAll();
  const doc = await buildReport({ ...template, timezone: tz }, sourcesOf(engine), { ...(range ? { range } : {}), timezone: tz });
  const file = await renderReport(doc, format);
  // PDF bytes on a terminal are noise: without --out a PDF goes to a file named like a stored run ("-" still pipes it).
  const target = out ?? (format === 'pdf' && values.out !== '-' ? file.fileName : undefined);
  if (target) {
    await writeFile(target, file.body);
    if (progress || !out) process.stderr.write(`wrote ${target} (${file.body.length} bytes, ${doc.range.firstDay} to ${doc.range.lastDay})\n`);
  } else process.stdout.write(file.body);
  return 0;
}

export const reportCommand: Command = { name: 'report', summary: 'write a report (HTML, PDF, Markdown, JSON, CSV) from a template', help: HELP, options, run };
