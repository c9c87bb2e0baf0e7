// The `reports:` section of the config file, with its defaults. Imported by config/schema.ts. Secrets (the SMTP
// password, webhook tokens) come from the environment, never from the file.
import { z } from 'zod';

/** An IANA time zone name, checked against the runtime's zone database. */
export const TimeZoneSchema = z.string().min(1).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not a time zone: use an IANA name such as UTC or Europe/Paris');

/** A webhook address: http or https only (a file:, ftp: or data: URL must not pass check-config). */
export const WebhookUrlSchema = z.url({ protocol: /^https?$/, error: 'a webhook URL must start with http:// or https://' });

/** `reports:` — templates, where runs are kept, and how they are delivered. */
export const ReportsSchema = z
  .strictObject({
    /**
     * Run templates on their schedule in `serve`: off until asked for (runs on demand through the API work either
     * way), so a zero-config exporter never renders and files reports nobody requested.
     */
    enabled: z.boolean().default(false),
    /** Folder of your own templates (*.yaml); a file named like a built-in replaces it. */
    templatesDir: z.string().min(1).optional(),
    /** Where runs (files and history) are kept; default <stateDir>/reports. */
    outputDir: z.string().min(1).optional(),
    /** Days, weeks and months of reports are in this zone unless a template names its own. */
    timezone: TimeZoneSchema.default('UTC'),
    /** Runs kept in the history (older ones and their files are deleted). */
    keepRuns: z.number().int().min(1).max(10000).default(200),
    /** Link to the exporter put in emails and webhooks, e.g. https://agentmon.example.com (default: none). */
    publicUrl: z.url().optional(),
    smtp: z
      .strictObject({
        /** SMTP server; email delivery is off until it is set (env AGENTMON_SMTP_HOST). */
        host: z.string().min(1).optional(),
        port: z.number().int().min(1).max(65535).default(587),
        /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
        secure: z.boolean().default(false),
        /** Login name (env AGENTMON_SMTP_USER); the password comes from env AGENTMON_SMTP_PASSWORD. */
        user: z.string().min(1).optional(),
        from: z.string().min(3).default('agentmon <agentmon@localhost>'),
      })
      .prefault({}),
    /** Named webhooks templates can deliver to; header values may name env variables as ${VAR}. */
    webhooks: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'webhook names are letters, digits, - and _'), z.strictObject({ url: WebhookUrlSchema, headers: z.record(z.string(), z.string()).default({}) })).default({}),
    retry: z
      .strictObject({
        /** Tries per delivery before it counts as failed. */
        attempts: z.number().int().min(1).max(20).default(5),
        /** Wait before the second try; doubles each time up to maxDelaySeconds. */
        initialDelaySeconds: z.number().positive().default(30),
        maxDelaySeconds: z.number().positive().default(1800),
      })
      .prefault({}),
  })
  .prefault({});

export type ReportsConfig = z.infer<typeof ReportsSchema>;
