// `agentmon backfill`: write the history held in the logs as OpenMetrics with real timestamps (and optionally
// Prometheus TSDB blocks), labelled like the live series so history and live scrapes form one counter series.
import './heap.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createBlocks } from '../backfill/blocks.js';
import { writeOpenMetrics } from '../backfill/openmetrics.js';
import { HistoryRecorder } from '../backfill/recorder.js';
import { validateOpenMetrics } from '../backfill/validate.js';
import { DIR_OPTIONS, dirsFrom, HELP_OPTION, missingDirs, parse, parseDay, UsageError } from './args.js';
import { type Command, RuntimeFailure } from './command.js';
import { readAllLogs } from './read-logs.js';

const HELP = `Usage: agentmon backfill --out FILE.om [options]

Writes the usage history held in the agents' logs as OpenMetrics with real timestamps, for
"promtool tsdb create-blocks-from openmetrics" (or let --blocks run it). A fresh Prometheus then shows the
weeks of history already on disk.

Options:
  --out FILE             OpenMetrics file to write (required)
  --blocks DIR           also create TSDB blocks in DIR with promtool (move them into Prometheus' data folder)
  --since YYYY-MM-DD     first day to write samples for (earlier usage still counts in the first values)
  --until WHEN           last sample time: YYYY-MM-DD (that day's start, UTC), an ISO time, or "now"
                         (default: now minus 3 hours, the part of the history Prometheus' head block owns)
  --step 1m|5m|1h        sample resolution (default 5m)
  --label NAME=VALUE     label added to every series (repeatable); default job=agentmon and
                         instance=127.0.0.1:9477 — use your scrape target's job and instance (the compose
                         stack uses instance=exporter:9477) so history joins the live series
  --claude-dir DIR       read Claude Code transcripts below DIR (repeatable)
  --codex-dir DIR        read Codex CLI rollouts below DIR (repeatable)
  --gemini-dir DIR       read Gemini CLI chats below DIR (repeatable)
  --config FILE          YAML config (prices, label limits, static labels; env AGENTMON_CONFIG)
  -h, --help             show this help

Series carry the same names and labels as the live exporter's (plus the --label ones and labels.static),
and stop at --until: history and live scrapes are one counter series, never counted twice. Written:
tokens, cost, requests, unpriced requests, API errors, prompts, tool calls and errors, sessions.
Exit codes: 0 ok, 1 failure while reading or running promtool, 2 bad arguments or config.
`;

const STEPS: Record<string, number> = { '1m': 60, '5m': 300, '1h': 3600 };

const options = {
  out: { type: 'string' }, blocks: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, step: { type: 'string' },
  label: { type: 'string', multiple: true }, config: { type: 'string' }, ...DIR_OPTIONS, ...HELP_OPTION,
} as const;

/** Parses --until: a day, an ISO time or "now"; default now − 3 h. Returns Unix seconds rounded down to the step. */
export function parseUntil(value: string | undefined, stepSec: number, nowMs = Date.now()): number {
  let ms: number;
  if (value === undefined) ms = nowMs - 3 * 3600_000;
  else if (value === 'now') ms = nowMs;
  else if (/^\d{4}-?\d{2}-?\d{2}$/.test(value)) ms = Date.parse(`${parseDay('--until', value)}T00:00:00Z`);
  else {
    ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) throw new UsageError(`--until expects YYYY-MM-DD, an ISO time or "now", got "${value}"`);
  }
  return Math.floor(ms / 1000 / stepSec) * stepSec;
}

function parseLabels(values: string[] | undefined): Record<string, string> {
  const labels: Record<string, string> = { job: 'agentmon', instance: '127.0.0.1:9477' };
  for (const v of values ?? []) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/.exec(v);
    if (!m || m[1]!.startsWith('__')) throw new UsageError(`--label expects NAME=VALUE with a Prometheus label name, got "${v}"`);
    labels[m[1]!] = m[2]!;
  }
  return labels;
}

async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, options);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.out) throw new UsageError('--out FILE is required');
  const step = STEPS[values.step ?? '5m'];
  if (!step) throw new UsageError(`--step expects 1m, 5m or 1h, got "${values.step}"`);
  const since = parseDay('--since', values.since);
  const untilSec = parseUntil(values.until, step);
  const sinceSec = since ? Date.parse(`${since}T00:00:00Z`) / 1000 : undefined;
  if (sinceSec !== undefined && sinceSec > untilSec) throw new UsageError(`--since ${since} is after --until`);
  const labels = parseLabels(values.label);
  const [missing] = missingDirs(values);
  if (missing) throw new UsageError(`${missing.flag} ${JSON.stringify(missing.dir)} is not an existing folder`);

  const recorder = new HistoryRecorder(step);
  const engine = await readAllLogs({ configFile: values.config, dirs: dirsFrom(values) }, (e) => recorder.attach(e.ledger));
  mkdirSync(dirname(values.out), { recursive: true });
  const tty = process.stderr.isTTY === true;
  const written = await writeOpenMetrics(values.out, recorder, {
    untilSec,
    ...(sinceSec !== undefined ? { sinceSec } : {}),
    labels: { ...engine.staticLabels, ...labels },
    onProgress: tty ? (done, total) => done % 100 === 0 && process.stderr.write(`\rwriting: ${done}/${total} series`) : undefined,
  });
  if (tty) process.stderr.write('\n');
  const problems = await validateOpenMetrics(values.out);
  if (problems.length > 0) throw new RuntimeFailure(`the written file is not valid for promtool:\n${problems.join('\n')}`);
  process.stderr.write(`agentmon backfill: ${written.series} series, ${written.samples} samples up to ${new Date(untilSec * 1000).toISOString()} → ${values.out}\n`);
  if (values.blocks) {
    mkdirSync(values.blocks, { recursive: true });
    try {
      await createBlocks(values.out, values.blocks);
    } catch (err) {
      throw new RuntimeFailure((err as Error).message);
    }
    process.stderr.write(`agentmon backfill: blocks written to ${values.blocks} (move them into Prometheus' data folder)\n`);
  }
  return 0;
}

export const backfillCommand: Command = { name: 'backfill', summary: 'write the logs\' history as OpenMetrics / TSDB blocks for Prometheus', help: HELP, options, run };
