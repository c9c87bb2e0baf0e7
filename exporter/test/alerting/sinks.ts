// The two places Alertmanager notifies, run in the test process on loopback: a webhook receiver that keeps every
// JSON notification, and a minimal SMTP server (plain text, no TLS, no auth) that keeps every message.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';

/** One webhook notification in Alertmanager's format (fields used by the tests). */
export interface WebhookNotification {
  receiver: string;
  status: 'firing' | 'resolved';
  groupLabels: Record<string, string>;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
}

export interface Sink<T> {
  url: string;
  received: T[];
  close: () => Promise<void>;
}

/** Starts an HTTP server that records each POSTed JSON body. */
export async function startWebhookSink(): Promise<Sink<WebhookNotification>> {
  const received: WebhookNotification[] = [];
  const server: HttpServer = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      try {
        received.push(JSON.parse(body) as WebhookNotification);
      } catch {
        // not JSON: not from Alertmanager
      }
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(() => r())) };
}

/** One email as received: envelope and the raw message (headers + body). */
export interface Mail {
  from: string;
  to: string[];
  data: string;
}

/** Starts an SMTP server speaking just enough of RFC 5321 for Alertmanager's client. */
export async function startSmtpSink(): Promise<Sink<Mail> & { hostPort: string }> {
  const received: Mail[] = [];
  const server: TcpServer = createTcpServer((sock) => {
    let buf = '';
    let mail: Mail = { from: '', to: [], data: '' };
    let inData = false;
    sock.write('220 sink ESMTP\r\n');
    sock.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(mail);
            mail = { from: '', to: [], data: '' };
            sock.write('250 queued\r\n');
          } else mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250-sink\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') (mail.from = /<([^>]*)>/.exec(line)?.[1] ?? ''), sock.write('250 ok\r\n');
        else if (verb === 'RCPT') mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? ''), sock.write('250 ok\r\n');
        else if (verb === 'DATA') (inData = true), sock.write('354 go on\r\n');
        else if (verb === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('250 ok\r\n'); // RSET, NOOP
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, hostPort: `127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(() => r())) };
}
