// The normalized event model every adapter produces. Adapters are pure: a line (plus the small per-file state the
// adapter keeps) in, events out. The tailer knows nothing of agents; the ledger knows nothing of log formats.

/** Agents agentmon knows. Exhaustive switches over this keep adding an agent a compile-time checklist. */
export const AGENT_IDS = ['claude-code', 'codex', 'gemini'] as const;
export type BuiltinAgentId = (typeof AGENT_IDS)[number];

/**
 * The `agent` name of a custom JSONL log (`custom:` in the config): label-safe, never a built-in id, and known when
 * the config is read, so the label stays bounded. Branded so a plain string cannot pass for one by accident.
 */
export type CustomAgentId = string & { readonly __customAgent: true };

/** A value of the `agent` label: a built-in agent, or a custom log's configured name. */
export type AgentId = BuiltinAgentId | CustomAgentId;

/** Token counts with one meaning for every agent: `input` is uncached input, `output` includes reasoning. */
export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

export const TOKEN_TYPES = ['input', 'output', 'cache_read', 'cache_write_5m', 'cache_write_1h'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** Kinds of API failure, a bounded set usable as a label. */
export const API_ERROR_KINDS = ['rate_limit', 'overloaded', 'server', 'auth', 'context', 'other'] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

/** Kinds of tool failure, a bounded set usable as a label. */
export const TOOL_ERROR_CATEGORIES = ['rejected', 'not_found', 'permission', 'timeout', 'exit_code', 'invalid_input', 'other'] as const;
export type ToolErrorCategory = (typeof TOOL_ERROR_CATEGORIES)[number];

interface EventBase {
  /** Milliseconds since the epoch, from the log line. */
  timestampMs: number;
  sessionId: string;
  /** Project name as the user knows it (a folder's base name), never a full path. */
  project: string;
}

/** One model response's usage. With a dedupKey, later lines of the same response may carry larger totals. */
export interface RequestEvent extends EventBase {
  kind: 'request';
  model: string;
  tokens: TokenCounts;
  /** Identity of the response across lines and files; null when each event is distinct by construction. */
  dedupKey: string | null;
  /** Time from the prompt or tool result that triggered the response to its first line, where derivable. */
  latencySeconds?: number;
  /** Cost the log itself states (custom logs); when absent the price table prices the tokens. */
  costUsd?: number;
}

export interface ToolCallEvent extends EventBase {
  kind: 'tool_call';
  tool: string;
  callId: string;
  /** Short hash of the tool's input (never the input itself): the same call repeated has the same hash. */
  inputHash?: string;
}

export interface ToolResultEvent extends EventBase {
  kind: 'tool_result';
  callId: string;
  ok: boolean;
  errorCategory?: ToolErrorCategory;
}

export interface ApiErrorEvent extends EventBase {
  kind: 'api_error';
  errorKind: ApiErrorKind;
  /** Identity of this error line across files (copies in resumed sessions), when the log gives one. */
  dedupKey: string | null;
}

/** A user prompt (its text is never kept). */
export interface PromptEvent extends EventBase {
  kind: 'prompt';
  /** Identity of the prompt line across files (resumed sessions copy it), when the log gives one. */
  dedupKey?: string | null;
}

/** What a Claude Code hook event adds to the transcript's view (it never adds calls, prompts or usage). */
export interface HookSignal {
  /** The hook event's name (SessionStart, PreToolUse, Notification, ...), or `other`. */
  event: string;
  tool?: string;
  /** Exact time from PreToolUse to PostToolUse(Failure) of one call, when both were recorded. */
  runSeconds?: number;
  /** `asked`: a permission prompt is waiting for the user; `answered`: the session moved on after one. */
  permission?: 'asked' | 'answered';
  /** How long the permission prompt waited, set with `answered`. */
  waitSeconds?: number;
}

/** Any line that shows the session is alive. */
export interface ActivityEvent extends EventBase {
  kind: 'activity';
  /** Set when the activity came from a Claude Code hook (`agentmon hook`). */
  hook?: HookSignal;
}

/** The agent's own todo list / plan: how many items are done out of how many (the latest list wins). */
export interface ProgressEvent extends EventBase {
  kind: 'progress';
  done: number;
  total: number;
}

export type AgentEvent = RequestEvent | ToolCallEvent | ToolResultEvent | ApiErrorEvent | PromptEvent | ActivityEvent | ProgressEvent;

/** How a line was handled; a bounded set usable as a label. */
export const LINE_RESULTS = ['parsed', 'ignored', 'unknown_type', 'malformed', 'too_long'] as const;
export type LineResult = (typeof LINE_RESULTS)[number];

/** One usage window of a subscription plan, as the agent reported it (agentmon never derives these). */
export interface PlanWindowReading {
  /** `5h` and `7d` for the two rolling windows; other windows by the agent's own (sanitized) name. */
  window: string;
  /** Share of the window used: the agent's percentage / 100. */
  usedRatio: number;
  /** When the window resets (ms since the epoch), when the agent says. */
  resetsAtMs?: number;
  /** How long the window is, when the agent says (or its name does): bounds how long a reading without a reset time holds. */
  windowMinutes?: number;
}

/** The plan's usage windows (and plan type) at one moment: not an event of a session, the account's state. */
export interface PlanReading {
  kind: 'plan';
  observedMs: number;
  windows: PlanWindowReading[];
  /** The plan's name where the agent tells it (Codex: plus, pro, team, ...). */
  planType?: string;
}

/** How full one session's context window is at one moment. */
export interface ContextReading {
  kind: 'context';
  observedMs: number;
  sessionId: string;
  project: string;
  /** Tokens in the context over the window's size, 0–1. */
  usedRatio: number;
  windowTokens?: number;
}

/** A point-in-time value a line reports, kept apart from events: it counts nothing and is no session activity. */
export type Reading = PlanReading | ContextReading;

export interface ParseOutcome {
  result: Exclude<LineResult, 'too_long'>;
  events: AgentEvent[];
  /** The agent these events belong to when it is not the file's own (hook spool lines, a custom log's agent field). */
  agent?: AgentId;
  /** Plan-limit and context readings the line carries (Codex token_count, the statusline spool). */
  readings?: Reading[];
}

/** Small JSON-serializable per-file memory an adapter keeps between lines (checkpointed with the file offset). */
export type FileState = Record<string, string | number | boolean | null | number[]>;

export interface FileContext {
  /** Mutable, adapter-owned; persisted with the file's offset so a restart resumes mid-file correctly. */
  state: FileState;
  /** Path of the log file; adapters may derive a fallback session id or project from it. */
  path: string;
  /** Usage-only reads (`scan`) use request events only: a parser may skip building the others. */
  usageOnly?: boolean;
}

/** Where an agent's logs live and how to read them. */
export interface Adapter {
  id: AgentId;
  /** Default folders to search, from the environment (HOME and the agent's own env overrides). */
  defaultRoots(env: NodeJS.ProcessEnv, home: string): string[];
  /** Whether a file found under a root is one of this agent's logs. */
  isLogFile(path: string): boolean;
  parse(line: string, ctx: FileContext): ParseOutcome;
  /**
   * Usage-only reads (`scan`): ASCII strings at least one of which is in every line whose parse can change a request's
   * tokens, model or day — the usage itself and any line whose state later usage lines read. Other lines are skipped
   * unparsed (see tail/usage-filter.ts). Absent: every line is parsed.
   */
  usageMarkers?: readonly string[];
  /** Whether a log file is one JSON document rewritten in place (read whole with parseDocument), not appended lines. */
  isDocumentFile?(path: string): boolean;
  /**
   * Parses a whole document: one outcome per record that is new or changed since the last read (ctx.state remembers
   * what was handed on), or undefined when the text is not a complete document (caught mid-write).
   */
  parseDocument?(text: string, ctx: FileContext): ParseOutcome[] | undefined;
}

/** One of the agents agentmon ships an adapter for. */
export interface BuiltinAdapter extends Adapter {
  id: BuiltinAgentId;
}
