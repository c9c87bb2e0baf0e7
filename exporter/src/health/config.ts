// The `budgets:` and `health:` sections of the config file, with their defaults. Imported by config/schema.ts.
import { z } from 'zod';

const usd = z.number().positive();

/** Spending limits for one scope, in US dollars per UTC day and per UTC month (each optional). */
const periodBudgets = z.strictObject({ day: usd.optional(), month: usd.optional() });

/** `budgets:` exported as agentmon_budget_usd so alert thresholds live in YAML, not PromQL. */
export const BudgetsSchema = z
  .strictObject({
    /** Limits on the spend of every agent and project together. */
    total: periodBudgets.default({}),
    /** Limits per project, keyed by the project name as it appears in the `project` label. */
    projects: z.record(z.string().min(1), periodBudgets).default({}),
  })
  .prefault({});

const seconds = z.number().positive();


/** `health:` thresholds of the stuck and looping session detectors. */
export const HealthSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Sessions whose last event is older than this are no longer judged (history read at start never counts). */
    forgetAfterSeconds: seconds.default(7200),
    stuck: z
      .strictObject({
        /** A tool call without result is stuck after max(this, toolPendingFactor × the tool's usual p95 duration). */
        toolPendingSeconds: seconds.default(600),
        toolPendingFactor: z.number().min(1).default(5),
        /** A prompt or tool result with no model response after this long. */
        responsePendingSeconds: seconds.default(600),
        /** A prompt followed by no line at all for this long. */
        noActivityAfterPromptSeconds: seconds.default(300),
        /** A permission prompt unanswered this long (needs Claude Code hooks: docs/hooks.md). */
        permissionWaitSeconds: seconds.default(300),
      })
      .prefault({}),
    looping: z
      .strictObject({
        /** The same tool with the same input this many times within repeatWindowSeconds is a loop. */
        repeatedCalls: z.number().int().min(2).default(5),
        repeatWindowSeconds: seconds.default(600),
        /** Tokens of every type per minute, averaged over burnWindowSeconds, above which a session is looping. */
        maxTokensPerMinute: z.number().positive().default(1_000_000),
        burnWindowSeconds: seconds.default(600),
      })
      .prefault({}),
  })
  .prefault({});

export type BudgetsConfig = z.infer<typeof BudgetsSchema>;
export type HealthConfig = z.infer<typeof HealthSchema>;
