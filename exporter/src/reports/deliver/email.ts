// Email delivery over SMTP (nodemailer): the HTML report as the body (Markdown as its plain-text part) and every
// rendered format attached. Settings come from reports.smtp and AGENTMON_SMTP_* (the password only from the env).
import type { ReportsConfig } from '../config.js';
import type { ReportDocument } from '../document.js';
import { renderHtml } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import type { RenderedFile } from '../render/index.js';
import { PermanentError } from './retry.js';

/** SMTP settings after the environment is applied. */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/** Returns the SMTP settings, or undefined when no host is configured (email delivery is then off). */
export function smtpSettings(cfg: ReportsConfig['smtp'], env: NodeJS.ProcessEnv = process.env): SmtpSettings | undefined {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const host = get('AGENTMON_SMTP_HOST') ?? cfg.host;
  if (!host) return undefined;
  const port = Number(get('AGENTMON_SMTP_PORT') ?? cfg.port);
  const user = get('AGENTMON_SMTP_USER') ?? cfg.user;
  const password = get('AGENTMON_SMTP_PASSWORD');
  return { host, port, secure: cfg.secure, from: get('AGENTMON_SMTP_FROM') ?? cfg.from, ...(user ? { user } : {}), ...(password ? { password } : {}) };
}

/** Returns the subject line: the template's, or "<title>: <days>". */
export function subjectOf(doc: ReportDocument, subject?: string): string {
  const days = doc.range.firstDay === doc.range.lastDay ? doc.range.firstDay : `${doc.range.firstDay} to ${doc.range.lastDay}`;
  return (subject ?? '{title}: {range}').replace('{title}', doc.title).replace('{range}', days);
}

/** Sends the report by email; throws PermanentError when the server refuses the recipients or the login. */
export async function sendEmail(smtp: SmtpSettings, to: { to: string[]; cc: string[]; subject?: string }, doc: ReportDocument, files: RenderedFile[]): Promise<void> {
  // Loaded on the first email, not at start: serve starts ~60 ms of CPU sooner, and most installs never mail.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  try {
    await transport.sendMail({
      from: smtp.from,
      to: to.to,
      ...(to.cc.length > 0 ? { cc: to.cc } : {}),
      subject: subjectOf(doc, to.subject),
      text: renderMarkdown(doc),
      html: renderHtml(doc),
      attachments: files.map((f) => ({ filename: f.fileName, content: f.body, contentType: f.contentType })),
    });
  } catch (err) {
    const e = err as { responseCode?: number; code?: string; message?: string };
    const message = `email to ${to.to.length + to.cc.length} recipient(s) via ${smtp.host}:${smtp.port} failed: ${e.message ?? String(err)}`;
    // 5xx answers (unknown recipient, auth refused) do not heal by themselves; 4xx and network errors may.
    if ((e.responseCode !== undefined && e.responseCode >= 500) || e.code === 'EAUTH') throw new PermanentError(message);
    throw new Error(message);
  } finally {
    transport.close();
  }
}
