// The configuration file's schema and every default, in one place. Types come from the schema; defaults.ts is generated
// from it (npm run gen:config-defaults) so that runs without a config file need not load zod.
// Sections use .prefault({}) so their defaults are parsed afresh each time (a shared default object could be mutated).
// examples/agentmon.yaml documents every key; a test keeps it equal to these defaults.
import { z } from 'zod';
import { ModelPriceSchema } from '../pricing/schema.js';
import { BudgetsSchema, HealthSchema } from '../health/config.js';
import { CustomLogsSchema } from '../adapters/jsonl/schema.js';
import { ReportsSchema } from '../reports/config.js';
import { LOG_LEVELS } from './levels.js';

export { LOG_LEVELS, type LogLevel } from './levels.js';

const agentConfig = z
  .strictObject({
    /** Read this agent's logs at all. */
    enabled: z.boolean().default(true),
    /** Folders searched recursively; empty means the agent's default locations. */
    dirs: z.array(z.string().min(1)).default([]),
  })
  .prefault({});

const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'label names are letters, digits and _, not starting with a digit');
const labelValue = z.string().regex(/^[A-Za-z0-9._:@/+-]{1,80}$/, 'label values may use letters, digits and . _ : @ / + - (1 to 80 characters)');

export const ConfigSchema = z.strictObject({
  /** Address the HTTP server binds; loopback so usage data is not exposed by accident. */
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(9477),
  /** Checkpoint folder; default $XDG_STATE_HOME/agentmon or ~/.local/state/agentmon (filled in by loadConfig). */
  stateDir: z.string().min(1).optional(),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  agents: z.strictObject({ 'claude-code': agentConfig, codex: agentConfig, gemini: agentConfig }).prefault({}),
  /** JSONL logs of other agents and tool runners, each described field by field (see docs/custom-logs.md). */
  custom: CustomLogsSchema,
  /** Claude Code hook events recorded by `agentmon hook` (see docs/hooks.md). */
  hooks: z
    .strictObject({
      /** Read the hook spool (<stateDir>/hooks) along with Claude Code's transcripts. */
      enabled: z.boolean().default(true),
    })
    .prefault({}),
  tail: z
    .strictObject({
      /** The correctness backstop: every file is re-checked this often (or 400× / 20× the last rescan's duration, if longer). */
      rescanIntervalSeconds: z.number().positive().max(3600).default(10),
      checkpointIntervalSeconds: z.number().positive().max(3600).default(5),
      /** Longer lines are skipped and counted (tool results can be huge). */
      maxLineBytes: z.number().int().min(1024).default(8 * 1024 * 1024),
      maxOpenFiles: z.number().int().min(4).max(4096).default(128),
      /** Use filesystem notifications (one inotify watch per folder) besides the periodic rescan. */
      watch: z.boolean().default(true),
    })
    .prefault({}),
  labels: z
    .strictObject({
      /** Label values beyond these counts are folded into "other" to bound the number of series. */
      maxProjects: z.number().int().min(1).max(10000).default(50),
      maxModels: z.number().int().min(1).max(10000).default(100),
      maxTools: z.number().int().min(1).max(10000).default(100),
      /**
       * Distinct projects, models and tools kept by name in the usage history (reports, scan, the landing page);
       * beyond it they count under "other". Totals stay exact; this bounds memory and the checkpoint.
       */
      maxHistoryNames: z.number().int().min(10).max(100000).default(1000),
      /** Added to every series, e.g. {user: alice, team: infra}: how a team tells installs apart. */
      static: z.record(labelName, labelValue).default({}),
    })
    .prefault({}),
  dedup: z
    .strictObject({
      /**
       * How long a response's full dedup entry is kept: later lines of a streamed response arrive within minutes, so
       * two days is ample; older keys shrink to 8-byte hashes (copies of them still never count twice), a response's
       * with its largest output (16 bytes), so a later, larger line still adds its growth once.
       */
      retentionDays: z.number().positive().default(2),
      /** Cap on full entries; beyond it the oldest shrink to 8-byte hashes. */
      maxEntries: z.number().int().min(1000).default(500_000),
      /** How long the 8-byte hashes are kept, so copies of old lines (resumed sessions) still never count twice. */
      coldRetentionDays: z.number().positive().default(400),
    })
    .prefault({}),
  sessions: z
    .strictObject({
      activeWindowSeconds: z.number().positive().default(300),
      /** Per-session summaries (the API's session list) are kept this long after a session's last activity. */
      retentionDays: z.number().positive().default(365),
    })
    .prefault({}),
  /** Who may talk to the HTTP server (see docs/security.md). */
  http: z
    .strictObject({
      /**
       * Host names (without port) answered besides the built-in ones, or "*" for any. Bound to loopback, only
       * loopback names (localhost, 127.0.0.1, [::1]) are answered by default: a web page cannot then reach the
       * exporter through a DNS name it controls (DNS rebinding). Env AGENTMON_ALLOWED_HOSTS (comma list).
       */
      allowedHosts: z.array(z.string().regex(/^(?:\*|[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])$/, 'a host name, an IP address (IPv6 in brackets) or "*"')).default([]),
      /** Web origins (scheme://host:port) whose pages may call the exporter; requests from any other page are refused. */
      allowedOrigins: z.array(z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/, 'an origin such as https://grafana.example.com or http://localhost:3000')).default([]),
      /** Live-feed (Server-Sent Events) connections served at once; more are answered 503. */
      maxEventStreams: z.number().int().min(1).max(1000).default(32),
    })
    .prefault({}),
  /** The exporter's own API (/api/v1: sessions, timelines, live events). */
  api: z
    .strictObject({
      /** When set, /api/* requires `Authorization: Bearer <token>` (/metrics and health checks stay open). */
      token: z.string().min(16, 'use at least 16 characters').optional(),
    })
    .prefault({}),
  /** Extra or replacement prices, USD per million tokens, keyed by model id. */
  prices: z.record(z.string().min(1), ModelPriceSchema).default({}),
  /** Spending limits exported as agentmon_budget_usd (see docs/alerts.md). */
  budgets: BudgetsSchema,
  /** Thresholds of the stuck / looping session detectors (see docs/alerts.md). */
  health: HealthSchema,
  /** Report templates, schedules and delivery (see docs/reports.md). */
  reports: ReportsSchema,
});

export type Config = z.infer<typeof ConfigSchema>;
