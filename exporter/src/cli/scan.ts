// `agentmon scan`: read all logs once and print per-day usage.
import { dailyUsage, type DailyRow, type Totals } from '../accounting/daily.js';
import { loadConfig } from '../config/load.js';
import { Engine } from '../engine.js';
import { createLogger } from '../util/log.js';
import { DIR_OPTIONS, dirsFrom, parse, parseDay, UsageError } from './args.js';

export const SCAN_HELP = `Usage: agentmon scan [options]

Reads every agent log once and prints usage per UTC day, agent and model.

Options:
  --json                 print JSON: {"daily":[...],"totals":{...}}
  --since YYYY-MM-DD     first day to include (UTC)
  --until YYYY-MM-DD     last day to include (UTC)
  --claude-dir DIR       read Claude Code transcripts below DIR (repeatable)
  --codex-dir DIR        read Codex CLI rollouts below DIR (repeatable)
  --config FILE          config file (prices, limits); also AGENTMON_CONFIG
  -h, --help             show this help

With no --*-dir flag the default locations are read (~/.claude/projects, ~/.config/claude/projects,
$CLAUDE_CONFIG_DIR/projects, ~/.codex/sessions, $CODEX_HOME/sessions). With any of them, only the named
folders are read. Token fields mean the same for every agent: inputTokens is uncached input,
cacheReadTokens cached input, cacheCreationTokens cache writes (5-minute + 1-hour), outputTokens
includes reasoning.
`;

const fmt = (n: number): string => n.toLocaleString('en-US');
const usd = (n: number): string => `$${n.toFixed(2)}`;

/** Renders the daily rows as an aligned text table with a total line. */
export function renderTable(daily: DailyRow[], totals: Totals): string {
  const head = ['Date', 'Agent', 'Model', 'Input', 'Output', 'Cache write', 'Cache read', 'Cost', 'Requests'];
  const rows = daily.map((r) => [r.date, r.agent, r.model, fmt(r.inputTokens), fmt(r.outputTokens), fmt(r.cacheCreationTokens), fmt(r.cacheReadTokens), usd(r.costUsd), fmt(r.requests)]);
  rows.push(['Total', '', '', fmt(totals.inputTokens), fmt(totals.outputTokens), fmt(totals.cacheCreationTokens), fmt(totals.cacheReadTokens), usd(totals.costUsd), fmt(totals.requests)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(0, -1).map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(rows[rows.length - 1]!)].join('\n') + '\n';
}

export async function scanCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' }, since: { type: 'string' }, until: { type: 'string' }, config: { type: 'string' }, ...DIR_OPTIONS });
  if (values.help) {
    process.stdout.write(SCAN_HELP);
    return 0;
  }
  const since = parseDay('--since', values.since);
  const until = parseDay('--until', values.until);
  if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
  const config = loadConfig({ configFile: values.config, dirs: dirsFrom(values) });
  const log = createLogger('warn', process.stderr, 'text');
  const engine = new Engine(config, log);
  const showProgress = process.stderr.isTTY === true;
  const started = Date.now();
  await engine.scanAll(
    showProgress
      ? (p) => {
          if (Date.now() - started > 1000) process.stderr.write(`\rscanning: ${p.filesDone}/${p.filesTotal} files, ${(p.bytes / 1e6).toFixed(0)} MB`);
        }
      : undefined,
  );
  if (showProgress && Date.now() - started > 1000) process.stderr.write('\n');
  await engine.tracker.closeAll();
  const { daily, totals } = dailyUsage(engine.ledger.rollups.all(), since, until);
  if (values.json) process.stdout.write(JSON.stringify({ daily, totals }) + '\n');
  else if (daily.length === 0) process.stdout.write(`No usage found in: ${engine.roots.map((r) => r.root).join(', ') || '(no folders)'}\n`);
  else process.stdout.write(renderTable(daily, totals));
  return 0;
}
