// What one Claude Code hook event becomes in the spool: a few bounded fields and never the prompt, the tool's input
// or output, or any path (only the working folder's last segment, as the transcript adapter uses for `project`).
import { classifyToolError } from '../adapters/shared/classify.js';

/** Hook events agentmon understands; any other name is kept as `other`. */
export const HOOK_EVENTS = [
  'SessionStart', 'SessionEnd', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure',
  'PermissionRequest', 'PermissionDenied', 'Notification', 'Stop', 'SubagentStop', 'PreCompact', 'other',
] as const;
export type HookEventName = (typeof HOOK_EVENTS)[number];

/** One line of the spool. */
export interface SpoolRecord {
  v: 1;
  /** When the hook ran (ms since the epoch): Claude Code runs hooks as the event happens. */
  ts: number;
  event: HookEventName;
  session: string;
  project?: string;
  tool?: string;
  /** The tool call id (tool_use_id), the same id the transcript gives the call. */
  call?: string;
  /** For Notification: what the notification is about. */
  notice?: 'permission' | 'idle' | 'other';
  /** For PostToolUseFailure: a bounded category of the error. */
  category?: string;
}

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined);

function lastSegment(cwd: unknown): string | undefined {
  if (typeof cwd !== 'string') return undefined;
  const parts = cwd.split(/[\\/]+/).filter(Boolean);
  return parts.length ? parts[parts.length - 1]!.slice(0, 200) : undefined;
}

/** Classifies a Notification: permission prompts are the common way a session waits on its user. */
export function noticeOf(input: Record<string, unknown>): 'permission' | 'idle' | 'other' {
  const type = typeof input.notification_type === 'string' ? input.notification_type : '';
  const message = typeof input.message === 'string' ? input.message.slice(0, 500).toLowerCase() : '';
  if (type === 'permission_prompt' || message.includes('permission') || message.includes('approval')) return 'permission';
  if (type === 'idle_prompt' || message.includes('waiting for your input')) return 'idle';
  return 'other';
}

/** Returns the spool record for a hook's stdin JSON, or undefined when it is not a hook event with a session. */
export function toSpoolRecord(input: unknown, nowMs: number): SpoolRecord | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const i = input as Record<string, unknown>;
  const session = text(i.session_id, 200);
  if (!session) return undefined;
  const name = typeof i.hook_event_name === 'string' ? i.hook_event_name : '';
  const event = (HOOK_EVENTS as readonly string[]).includes(name) ? (name as HookEventName) : 'other';
  const rec: SpoolRecord = { v: 1, ts: nowMs, event, session };
  const project = lastSegment(i.cwd);
  if (project) rec.project = project;
  const tool = text(i.tool_name, 100);
  if (tool) rec.tool = tool;
  const call = text(i.tool_use_id, 200);
  if (call) rec.call = call;
  if (event === 'Notification') rec.notice = noticeOf(i);
  if (event === 'PostToolUseFailure') rec.category = classifyToolError(typeof i.error === 'string' ? i.error : JSON.stringify(i.error ?? ''));
  return rec;
}
