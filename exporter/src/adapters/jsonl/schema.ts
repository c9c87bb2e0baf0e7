// The `custom:` section of the config: how to read a JSONL log agentmon has no built-in adapter for (your own agents,
// skill runners, tool executors). Every mistake is reported with its YAML path, e.g. custom[0].timestamp.format.
import { z } from 'zod';
import { AGENT_IDS } from '../types.js';

/** Names joined by dots; a number picks a list item: usage.input_tokens, events.0.name. */
const fieldPath = z.string().regex(/^[A-Za-z0-9_$@-]+(?:\.[A-Za-z0-9_$@-]+)*$/, 'a field path is field names joined by dots, e.g. usage.input_tokens');

/** An `agent` label value: short, lowercase, label-safe, and not one of the built-in agents. */
const agentName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'an agent name is 1 to 40 lowercase letters, digits, - or _, starting with a letter')
  .refine((v) => !(AGENT_IDS as readonly string[]).includes(v) && v !== 'other', 'this name belongs to a built-in agent (or means "other"); pick another');

const matchValue = z.union([z.string(), z.number(), z.boolean()]);

/** Where each value is found in a line; every field is optional. */
const FieldsSchema = z
  .strictObject({
    /** The agent label, from the line (only values listed in `agents` are used; others count under `agent`). */
    agent: fieldPath.optional(),
    /** Session / run id: groups lines into sessions (default: the file name). */
    session: fieldPath.optional(),
    project: fieldPath.optional(),
    model: fieldPath.optional(),
    /** Tool or skill name: a line with one is a tool call (with its result on the same line). */
    tool: fieldPath.optional(),
    /** Identity of a request or call across repeated lines: copies of it count once. */
    requestId: fieldPath.optional(),
    inputTokens: fieldPath.optional(),
    outputTokens: fieldPath.optional(),
    /** Added to outputTokens when the log counts reasoning apart. */
    reasoningTokens: fieldPath.optional(),
    cacheReadTokens: fieldPath.optional(),
    cacheWriteTokens: fieldPath.optional(),
    costUsd: fieldPath.optional(),
    durationMs: fieldPath.optional(),
    durationSeconds: fieldPath.optional(),
    /** true/false, or text like ok/success/error (see successValues). */
    success: fieldPath.optional(),
    errorCategory: fieldPath.optional(),
  })
  .prefault({});

/** One custom JSONL log. */
export const CustomLogSchema = z
  .strictObject({
    /** The `agent` label of this log's series. */
    agent: agentName,
    /** Files or folders (searched recursively for files matching `include`). */
    paths: z.array(z.string().min(1)).min(1),
    /** File-name pattern inside folders: * matches any characters, ? one. */
    include: z.string().min(1).max(200).default('*.jsonl'),
    timestamp: z
      .strictObject({
        field: fieldPath.default('timestamp'),
        /** auto: ISO-8601 text, or Unix seconds / milliseconds by size. Text without a zone is UTC. */
        format: z.enum(['auto', 'iso8601', 'unix_s', 'unix_ms', 'unix_us', 'unix_ns']).default('auto'),
        /** Whether the time is when the call ended (most logs) or started. */
        marks: z.enum(['end', 'start']).default('end'),
      })
      .prefault({}),
    /** Only lines whose field equals one of the values are read; others count as ignored. */
    when: z.strictObject({ field: fieldPath, equals: z.array(matchValue).min(1) }).optional(),
    /** Values of fields.agent that become their own `agent` label (keeps the label bounded). */
    agents: z.array(agentName).default([]),
    fields: FieldsSchema,
    /** Values of fields.success meaning success (default: true, ok, success, succeeded, passed, completed, done, 0). */
    successValues: z.array(matchValue).optional(),
    /** Set when inputTokens includes cacheReadTokens (OpenAI style); agentmon then subtracts them. */
    inputIncludesCacheRead: z.boolean().default(false),
  })
  .superRefine((log, ctx) => {
    if (log.fields.agent && log.agents.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['agents'], message: 'fields.agent is set: list the agent names it may give here (others count under "agent")' });
    }
    if (log.fields.durationMs && log.fields.durationSeconds) {
      ctx.addIssue({ code: 'custom', path: ['fields', 'durationSeconds'], message: 'set durationMs or durationSeconds, not both' });
    }
  });

/** The whole `custom:` list: each log's agent name is unique (it names that log's files and series). */
export const CustomLogsSchema = z
  .array(CustomLogSchema)
  .default([])
  .superRefine((logs, ctx) => {
    const seen = new Set<string>();
    logs.forEach((log, i) => {
      if (seen.has(log.agent)) ctx.addIssue({ code: 'custom', path: [i, 'agent'], message: `agent "${log.agent}" is already used by another custom log` });
      seen.add(log.agent);
    });
  });

export type CustomLog = z.infer<typeof CustomLogSchema>;
