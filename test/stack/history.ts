// The agent logs the stack test puts in its fake home: history from two days that the backfill must turn into
// Prometheus blocks, and responses appended while the stack runs. What they hold is counted here by construction.
import { appendFileSync, chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claudeAssistant, claudePrompt, codexHeader, codexTokenCount } from '../../exporter/test/helpers/lines.js';

export const CLAUDE_MODEL = 'claude-sonnet-4-5-20250929';
export const CODEX_MODEL = 'gpt-5-codex';
const SESSION = '5e551010-aaaa-4bbb-8ccc-00000000a001';

/** Where the logs go below the home folder. */
export function claudeFile(home: string): string {
  return join(home, '.claude', 'projects', '-home-dev-shop', `${SESSION}.jsonl`);
}

/** Times of the two historical Claude responses and the Codex turn: whole minutes, well before the backfill's cut-off. */
export function historyTimes(nowMs: number): { first: number; second: number; codex: number } {
  const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000;
  return { first: minute(nowMs - 50 * 3600_000), second: minute(nowMs - 26 * 3600_000), codex: minute(nowMs - 49 * 3600_000) };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Writes the history; returns what it holds. Files are private to `uid` (mode 600), as an agent writes them. */
export function writeHistory(home: string, nowMs: number, uid: number): { claudeRequests: number; codexRequests: number; claudeOutput: number } {
  const t = historyTimes(nowMs);
  const file = claudeFile(home);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    [
      claudePrompt({ ts: iso(t.first - 5000), session: SESSION, cwd: '/home/dev/shop' }),
      claudeAssistant({ msgId: 'msg_stack_1', reqId: 'req_stack_1', ts: iso(t.first), session: SESSION, cwd: '/home/dev/shop', model: CLAUDE_MODEL, usage: { input: 100, output: 40, cacheRead: 1000 } }),
      claudeAssistant({ msgId: 'msg_stack_2', reqId: 'req_stack_2', ts: iso(t.second), session: SESSION, cwd: '/home/dev/shop', model: CLAUDE_MODEL, usage: { input: 200, output: 60, cacheRead: 2000 } }),
    ].join('\n') + '\n',
    { mode: 0o600 },
  );
  const day = new Date(t.codex);
  const codexDir = join(home, '.codex', 'sessions', String(day.getUTCFullYear()), String(day.getUTCMonth() + 1).padStart(2, '0'), String(day.getUTCDate()).padStart(2, '0'));
  mkdirSync(codexDir, { recursive: true });
  writeFileSync(
    join(codexDir, `rollout-${iso(t.codex).slice(0, 19).replace(/:/g, '-')}-0199cccc-1111-7222-8333-00000000a002.jsonl`),
    [codexHeader({ ts: iso(t.codex), id: '0199cccc-1111-7222-8333-00000000a002', cwd: '/home/dev/shop', model: CODEX_MODEL }), codexTokenCount({ ts: iso(t.codex + 1000), input: 5000, cached: 1000, output: 300 })].join('\n') + '\n',
    { mode: 0o600 },
  );
  chownTree(home, uid);
  return { claudeRequests: 2, codexRequests: 1, claudeOutput: 100 };
}

/** Appends one new Claude response (live, now); returns its output tokens. */
export function appendLiveResponse(home: string, n: number, nowMs: number): number {
  appendFileSync(
    claudeFile(home),
    `${claudeAssistant({ msgId: `msg_stack_live_${n}`, reqId: `req_stack_live_${n}`, ts: iso(nowMs), session: SESSION, cwd: '/home/dev/shop', model: CLAUDE_MODEL, usage: { input: 10, output: 7 } })}\n`,
  );
  return 7;
}

/** Gives a folder tree to uid:uid, as the files of a user's home are. */
export function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) chownTree(p, uid);
    else chownSync(p, uid, uid);
  }
}
