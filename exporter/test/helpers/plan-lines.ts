// Builders for the lines that carry plan limits: Codex token_count lines with rate_limits (both shapes Codex has
// written) and Claude Code statusLine payloads, shaped like ../shared/samples (values made up).
import { spawn } from 'node:child_process';
import { CLI, ensureBuilt } from './exporter.js';

/** One Codex window: used percent, and either an absolute reset (epoch s) or seconds from the line's time. */
export interface CodexWindow {
  usedPercent: number;
  windowMinutes?: number;
  resetsAt?: number;
  resetsInSeconds?: number;
}

const codexWindow = (w: CodexWindow) => ({
  used_percent: w.usedPercent,
  ...(w.windowMinutes !== undefined ? { window_minutes: w.windowMinutes } : {}),
  ...(w.resetsAt !== undefined ? { resets_at: w.resetsAt } : {}),
  ...(w.resetsInSeconds !== undefined ? { resets_in_seconds: w.resetsInSeconds } : {}),
});

/**
 * A Codex token_count line with rate limits; `usage` = [cumulative input, cached, output] (omitted: `info: null`, a
 * rate-limit snapshot alone); `contextWindow` adds model_context_window. `limitId`/`planType` as Codex 0.4x+ writes.
 */
export function codexLimitsLine(o: { ts: string; primary?: CodexWindow; secondary?: CodexWindow; usage?: [number, number, number]; contextWindow?: number; limitId?: string; planType?: string }): string {
  let info: Record<string, unknown> | null = null;
  if (o.usage) {
    const [input, cached, output] = o.usage;
    const total = { input_tokens: input, cached_input_tokens: cached, output_tokens: output, reasoning_output_tokens: 0, total_tokens: input + output };
    info = { total_token_usage: total, last_token_usage: total, ...(o.contextWindow !== undefined ? { model_context_window: o.contextWindow } : {}) };
  }
  const rateLimits = {
    ...(o.limitId !== undefined ? { limit_id: o.limitId, limit_name: null } : {}),
    ...(o.primary ? { primary: codexWindow(o.primary) } : {}),
    ...(o.secondary ? { secondary: codexWindow(o.secondary) } : {}),
    ...(o.planType !== undefined ? { credits: null, plan_type: o.planType, rate_limit_reached_type: null } : {}),
  };
  return JSON.stringify({ timestamp: o.ts, type: 'event_msg', payload: { type: 'token_count', info, rate_limits: rateLimits } });
}

/** A Claude Code statusLine payload (2.1.80+ for Claude.ai subscribers): windows as [used %, resets_at epoch s]. */
export function statusPayload(o: { session: string; project: string; fiveHour?: [number, number]; sevenDay?: [number, number]; contextPercent?: number; model?: string; costUsd?: number }): string {
  const rl: Record<string, unknown> = {};
  if (o.fiveHour) rl.five_hour = { used_percentage: o.fiveHour[0], resets_at: o.fiveHour[1] };
  if (o.sevenDay) rl.seven_day = { used_percentage: o.sevenDay[0], resets_at: o.sevenDay[1] };
  return JSON.stringify({
    hook_event_name: 'Status',
    session_id: o.session,
    transcript_path: `/home/dev/.claude/projects/-home-dev-${o.project}/${o.session}.jsonl`,
    cwd: `/home/dev/${o.project}`,
    model: { id: 'claude-opus-4-6', display_name: o.model ?? 'Opus 4.6' },
    workspace: { current_dir: `/home/dev/${o.project}`, project_dir: `/home/dev/${o.project}` },
    version: '2.1.92',
    cost: { total_cost_usd: o.costUsd ?? 0.25 },
    ...(o.contextPercent !== undefined ? { context_window: { context_window_size: 200000, used_percentage: o.contextPercent, remaining_percentage: 100 - o.contextPercent } } : {}),
    ...(Object.keys(rl).length > 0 ? { rate_limits: rl } : {}),
  });
}

/** Runs the real `agentmon statusline --state-dir <stateDir>` with `payload` on stdin; resolves with its output. */
export function runStatusline(stateDir: string, payload: string): Promise<{ code: number | null; stdout: string }> {
  ensureBuilt();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, 'statusline', '--state-dir', stateDir], { env: { PATH: process.env.PATH, HOME: '/nonexistent-home' }, stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
    p.stdin.end(payload);
  });
}
