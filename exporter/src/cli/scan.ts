// `agentmon scan`: read all logs once and print per-day usage.
import { dailyUsage } from '../accounting/daily.js';
import { isUnpriced, unpricedNote } from '../pricing/unpriced.js';
import { DIR_OPTIONS, dirsFrom, HELP_OPTION, missingDirs, parse, parseDay, UsageError } from './args.js';
import type { Command } from './command.js';
import { readAllLogs } from './read-logs.js';
import { renderTable } from './table.js';

const HELP = `Usage: agentmon scan [options]

Reads every agent log once and prints usage per UTC day, agent and model.

Options:
  --json                 print JSON: {"daily":[...],"totals":{...}}; unpricedRequests counts requests of
                         models without a price (their costUsd is 0, not free)
  --blocks               print Claude Code's 5-hour windows instead (start, end, requests, tokens, cost,
                         models; as \`ccusage blocks\`); with --json: {"blocks":[...],"totals":{...}}
  --since YYYY-MM-DD     first day to include (UTC; YYYYMMDD also accepted)
  --until YYYY-MM-DD     last day to include (UTC)
  --claude-dir DIR       read Claude Code transcripts below DIR (repeatable)
  --codex-dir DIR        read Codex CLI rollouts below DIR (repeatable)
  --gemini-dir DIR       read Gemini CLI chats below DIR (~/.gemini/tmp or a folder in it; repeatable)
  --config FILE          YAML config (prices, limits; env AGENTMON_CONFIG)
  -h, --help             show this help

With no --*-dir flag the default locations are read: ~/.claude/projects and ~/.config/claude/projects (or
$CLAUDE_CONFIG_DIR/projects), ~/.codex/sessions and ~/.codex/archived_sessions (or $CODEX_HOME/sessions and
$CODEX_HOME/archived_sessions), ~/.gemini/tmp; or the folders in the config file. With any of them, only the
named folders are read (the config's custom logs always are).
Token fields mean the same for every agent: inputTokens is uncached input, cacheReadTokens cached input,
cacheCreationTokens cache writes (5-minute + 1-hour), outputTokens includes reasoning.
Exit codes: 0 ok, 1 failure while reading, 2 bad arguments or config.
`;

const options = { json: { type: 'boolean' }, blocks: { type: 'boolean' }, since: { type: 'string' }, until: { type: 'string' }, config: { type: 'string' }, ...DIR_OPTIONS, ...HELP_OPTION } as const;

async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const since = parseDay('--since', values.since);
  const until = parseDay('--until', values.until);
  if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
  const dirs = dirsFrom(values);
  // A one-shot read of a folder that isn't there is almost always a typo: reading nothing would hide it.
  const [missing] = missingDirs(values);
  if (missing) throw new UsageError(`${missing.flag} ${JSON.stringify(missing.dir)} is not an existing folder`);
  // Scan prints usage only, so it parses only the lines that can change usage (the same totals as a full read).
  const engine = await readAllLogs({ configFile: values.config, dirs }, undefined, { usageOnly: true, markUnpriced: true });
  if (values.blocks) {
    // Only the windows module is needed here: loaded on demand, like the other commands' extras.
    const { printBlocks } = await import('./scan-blocks.js');
    process.stdout.write(printBlocks(engine, { json: values.json === true, since, until, nowMs: Date.now() }));
    return 0;
  }
  const usage = dailyUsage(engine.ledger.rollups.all(), since, until);
  // Requests of a model without a price count $0: every row says how many of its requests that is.
  const daily = usage.daily.map((r) => ({ ...r, unpricedRequests: isUnpriced(engine.prices, r.model, r.requests, r.costUsd) ? r.requests : 0 }));
  const totals = { ...usage.totals, unpricedRequests: daily.reduce((a, r) => a + r.unpricedRequests, 0) };
  if (values.json) process.stdout.write(JSON.stringify({ daily, totals }) + '\n');
  else if (daily.length === 0) process.stdout.write(`No usage found in: ${engine.roots.filter((r) => !r.hooks).map((r) => r.root).join(', ') || '(no folders)'}\n`);
  else {
    process.stdout.write(renderTable(daily, totals));
    const models = [...new Set(daily.filter((r) => r.unpricedRequests > 0).map((r) => r.model))];
    if (models.length > 0) process.stdout.write(`\n* ${unpricedNote(models, totals.unpricedRequests)}\n`);
  }
  return 0;
}

export const scanCommand: Command = { name: 'scan', summary: 'read all logs once and print usage per day (--json for JSON)', help: HELP, options, run };
