// Runs the real engine (with the report activity store attached, as `agentmon report` does) over log folders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { attachActivity } from '../../src/reports/activity/attach.js';
import { ActivityStore } from '../../src/reports/activity/store.js';
import { sourcesOf, type ReportSources } from '../../src/reports/data.js';
import { silentLogger } from '../../src/util/log.js';
import { writeTeamLogs } from './team-logs.js';

/** Returns the report sources after one engine pass over the given folders. */
export async function scanForReports(dirs: { claude?: string; codex?: string }): Promise<{ engine: Engine; src: ReportSources }> {
  const config = await loadConfig({ dirs: { 'claude-code': dirs.claude ? [dirs.claude] : [], codex: dirs.codex ? [dirs.codex] : [] }, stateDir: '/nonexistent-state' }, {});
  const engine = new Engine(config, silentLogger, undefined, {});
  attachActivity(engine, new ActivityStore(0));
  await engine.scanAll();
  await engine.tracker.closeAll();
  return { engine, src: sourcesOf(engine) };
}

/** Writes the team logs into a fresh temp folder; returns their folders and a cleanup. */
export function teamLogs(): { dir: string; claude: string; codex: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-reports-'));
  return { dir, ...writeTeamLogs(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Week A and week B of the team logs (Monday to Sunday, UTC). */
export const WEEK_A = { startMs: Date.parse('2026-03-02T00:00:00Z'), endMs: Date.parse('2026-03-09T00:00:00Z') };
export const WEEK_B = { startMs: Date.parse('2026-03-09T00:00:00Z'), endMs: Date.parse('2026-03-16T00:00:00Z') };
