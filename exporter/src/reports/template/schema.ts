// A report template's schema (YAML, validated with zod; types come from it). See docs/reports.md.
import { Cron } from 'croner';
import { z } from 'zod';
import { AGENT_IDS } from '../../adapters/types.js';
import { TimeZoneSchema } from '../config.js';
import { canGroup, DIMENSIONS, INSIGHT_IDS, isTimeDimension, METRIC_NAMES, type MetricName } from '../metrics.js';

/** Output formats a report can be rendered to. */
export const FORMATS = ['html', 'pdf', 'md', 'json', 'csv'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** Rows a table section can list. */
export const TABLE_ROWS = ['sessions', 'windows', 'models', 'projects', 'agents', 'tools', 'days'] as const;
export type TableRows = (typeof TABLE_ROWS)[number];

/** Columns of a `rows: sessions` table (other tables take metric names as columns). */
export const SESSION_COLUMNS = [
  'session', 'agent', 'project', 'model', 'started', 'minutes', 'prompts', 'requests', 'toolCalls', 'toolErrors', 'apiErrors',
  'inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'costUsd',
] as const;
export type SessionColumn = (typeof SESSION_COLUMNS)[number];

/** Columns of a `rows: windows` table: Claude Code's 5-hour windows that started in the range (see plan/blocks.ts). */
export const WINDOW_COLUMNS = ['started', 'ends', 'requests', 'inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'totalTokens', 'costUsd', 'models'] as const;

/** Which dimension a table's rows are keyed by. */
export const ROW_DIMENSION = { models: 'model', projects: 'project', agents: 'agent', tools: 'tool', days: 'day' } as const;

const title = z.string().min(1).max(200);
const cron = z.string().min(1).refine((s) => {
  try {
    new Cron(s, { paused: true });
    return true;
  } catch {
    return false;
  }
}, 'not a cron expression: use 5 fields "minute hour day-of-month month day-of-week" (e.g. "0 8 * * 1"), or 6 with seconds first');
const SummarySection = z.strictObject({
  type: z.literal('summary'),
  title: title.optional(),
  metrics: z.array(z.enum(METRIC_NAMES)).min(1).default(['costUsd', 'requests', 'sessions', 'toolCalls', 'toolErrorRate', 'cacheHitRatio']),
  /** Show the change against the previous period of the same length. */
  compare: z.boolean().default(true),
});

const ChartSection = z.strictObject({
  type: z.literal('chart'),
  title: title.optional(),
  chart: z.enum(['line', 'bar', 'pie']).default('bar'),
  metric: z.enum(METRIC_NAMES),
  by: z.enum(DIMENSIONS),
  /** Largest groups shown for a label dimension; the rest are summed as "other". */
  limit: z.number().int().min(1).max(50).default(10),
});

const TableSection = z.strictObject({
  type: z.literal('table'),
  title: title.optional(),
  rows: z.enum(TABLE_ROWS),
  columns: z.array(z.string().min(1)).min(1),
  sort: z.string().min(1).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.number().int().min(1).max(1000).default(20),
});

const InsightsSection = z.strictObject({
  type: z.literal('insights'),
  title: title.optional(),
  include: z.array(z.enum(INSIGHT_IDS)).min(1).default([...INSIGHT_IDS]),
  /** Sessions within both bounds are routine tasks (a question, a small edit) a cheaper model could do. */
  smallSession: z
    .strictObject({
      maxRequests: z.number().int().min(1).default(10),
      maxOutputTokens: z.number().int().min(1).default(2000),
    })
    .prefault({}),
  /** Cheaper model suggested for small sessions, keyed by a model id prefix (longest prefix wins). */
  cheaperModels: z.record(z.string().min(1), z.string().min(1)).default({
    'claude-opus': 'claude-sonnet-4-6',
    'claude-fable': 'claude-sonnet-4-6',
    'claude-sonnet': 'claude-haiku-4-5',
    'gpt-5': 'gpt-5-mini',
    'gpt-5.4': 'gpt-5.4-mini',
    'gpt-5.5': 'gpt-5.4-mini',
    'gemini-3-pro': 'gemini-3-flash-preview',
    'gemini-3.1-pro': 'gemini-3-flash-preview',
    'gemini-2.5-pro': 'gemini-2.5-flash',
  }),
  /** Cache-read share of prompt tokens the cache-efficiency insight measures against. */
  targetCacheHitRatio: z.number().min(0).max(1).default(0.9),
  /** The fewest samples a comparison needs; below them an insight says so and claims nothing. */
  minSamples: z
    .strictObject({
      /** Sessions per period (cost per session) and small sessions per model (right-sizing). */
      sessions: z.number().int().min(1).default(5),
      /** Model requests per model (cache efficiency). */
      requests: z.number().int().min(1).default(20),
      /** Tool calls per tool (percentiles of slowest tools) and in the period (error and repeat rates). */
      toolCalls: z.number().int().min(1).default(20),
    })
    .prefault({}),
  /** Rows listed per insight. */
  limit: z.number().int().min(1).max(50).default(5),
});

const Section = z.discriminatedUnion('type', [SummarySection, ChartSection, TableSection, InsightsSection]);

const Delivery = z
  .strictObject({
    email: z
      .strictObject({
        to: z.array(z.email()).min(1),
        cc: z.array(z.email()).default([]),
        subject: z.string().min(1).max(300).optional(),
      })
      .optional(),
    /** Names of webhooks under `reports.webhooks` in the config, or http(s) URLs. */
    webhooks: z.array(z.string().min(1).refine((v) => /^[A-Za-z0-9_-]+$/.test(v) || /^https?:\/\/[^\s]+$/i.test(v), 'a webhook name from reports.webhooks, or an http:// or https:// URL')).default([]),
    /** Folder the rendered files are copied to (relative to the template file; ~ is the home folder). */
    folder: z.string().min(1).optional(),
  })
  .prefault({});

export const TemplateSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'names are lowercase letters, digits, - and _ (up to 64)'),
    title,
    description: z.string().max(2000).optional(),
    /** When `serve` runs it; no schedule means on demand only. */
    schedule: cron.optional(),
    /** The complete period before the run: yesterday, last week (Monday to Sunday) or last month. */
    period: z.enum(['day', 'week', 'month']).default('week'),
    /** Days, weeks and months in this zone (default: reports.timezone of the config). */
    timezone: TimeZoneSchema.optional(),
    /** Only these agents / projects (default: all). */
    filter: z.strictObject({ agents: z.array(z.enum(AGENT_IDS)).min(1).optional(), projects: z.array(z.string().min(1)).min(1).optional() }).prefault({}),
    formats: z.array(z.enum(FORMATS)).min(1).default(['html']),
    delivery: Delivery,
    sections: z.array(Section).min(1),
  })
  .superRefine((t, ctx) => {
    t.sections.forEach((s, i) => {
      const at = (...path: (string | number)[]): (string | number)[] => ['sections', i, ...path];
      if (s.type === 'chart') {
        if (!canGroup(s.metric, s.by)) ctx.addIssue({ code: 'custom', path: at('by'), message: `${s.metric} cannot be split by ${s.by}` });
        if (s.chart === 'line' && !isTimeDimension(s.by)) ctx.addIssue({ code: 'custom', path: at('by'), message: 'a line chart needs a time dimension: hour, day, week or month' });
        if (s.chart === 'pie' && isTimeDimension(s.by)) ctx.addIssue({ code: 'custom', path: at('by'), message: 'a pie chart needs a label dimension: agent, project, model, tool or errorCategory' });
      }
      if (s.type === 'table') {
        const allowed = tableColumns(s.rows);
        s.columns.forEach((c, j) => {
          if (!allowed.includes(c)) ctx.addIssue({ code: 'custom', path: at('columns', j), message: `unknown column "${c}" for rows: ${s.rows}; use one of ${allowed.join(', ')}` });
        });
        if (s.sort !== undefined && !s.columns.includes(s.sort)) ctx.addIssue({ code: 'custom', path: at('sort'), message: `sort must be one of the table's columns: ${s.columns.join(', ')}` });
      }
    });
  });

/** Returns the columns a table of `rows` may show. */
export function tableColumns(rows: TableRows): string[] {
  if (rows === 'sessions') return [...SESSION_COLUMNS];
  if (rows === 'windows') return [...WINDOW_COLUMNS];
  const dim = ROW_DIMENSION[rows];
  return [dim, ...METRIC_NAMES.filter((m: MetricName) => canGroup(m, dim))];
}

export type ReportTemplate = z.infer<typeof TemplateSchema>;
export type ReportSection = ReportTemplate['sections'][number];
export type SummarySpec = z.infer<typeof SummarySection>;
export type ChartSpec = z.infer<typeof ChartSection>;
export type TableSpec = z.infer<typeof TableSection>;
export type InsightsSpec = z.infer<typeof InsightsSection>;
