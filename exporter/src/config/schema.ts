// The configuration file's schema and every default, in one place. Types come from the schema.
import { z } from 'zod';
import { ModelPriceSchema } from '../pricing/schema.js';

const agentConfig = z.strictObject({
  /** Read this agent's logs at all. */
  enabled: z.boolean().default(true),
  /** Folders searched recursively; empty means the agent's default locations. */
  dirs: z.array(z.string().min(1)).default([]),
});

const labelValue = z.string().regex(/^[A-Za-z0-9._:@/+-]{1,80}$/, 'label values may use letters, digits and . _ : @ / + - (up to 80)');

export const ConfigSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(9477),
  stateDir: z.string().min(1).optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  agents: z
    .strictObject({ 'claude-code': agentConfig.default({ enabled: true, dirs: [] }), codex: agentConfig.default({ enabled: true, dirs: [] }) })
    .default({ 'claude-code': { enabled: true, dirs: [] }, codex: { enabled: true, dirs: [] } }),
  tail: z
    .strictObject({
      rescanIntervalSeconds: z.number().positive().max(3600).default(10),
      checkpointIntervalSeconds: z.number().positive().max(3600).default(5),
      maxLineBytes: z.number().int().min(1024).default(8 * 1024 * 1024),
      maxOpenFiles: z.number().int().min(4).max(4096).default(128),
      /** Use filesystem notifications (chokidar) besides the periodic rescan. */
      watch: z.boolean().default(true),
    })
    .default({ rescanIntervalSeconds: 10, checkpointIntervalSeconds: 5, maxLineBytes: 8 * 1024 * 1024, maxOpenFiles: 128, watch: true }),
  labels: z
    .strictObject({
      maxProjects: z.number().int().min(1).max(10000).default(50),
      maxModels: z.number().int().min(1).max(10000).default(100),
      maxTools: z.number().int().min(1).max(10000).default(100),
      /** Added to every series, e.g. {user: alice, team: infra}: how a team tells installs apart. */
      static: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'label names are letters, digits and _'), labelValue).default({}),
    })
    .default({ maxProjects: 50, maxModels: 100, maxTools: 100, static: {} }),
  dedup: z
    .strictObject({
      retentionDays: z.number().positive().default(60),
      maxEntries: z.number().int().min(1000).default(500_000),
    })
    .default({ retentionDays: 60, maxEntries: 500_000 }),
  sessions: z.strictObject({ activeWindowSeconds: z.number().positive().default(300) }).default({ activeWindowSeconds: 300 }),
  /** Extra or replacement prices, USD per million tokens, keyed by model id. */
  prices: z.record(z.string().min(1), ModelPriceSchema).default({}),
});

export type Config = z.infer<typeof ConfigSchema>;
