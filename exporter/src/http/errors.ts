// The last word on any error a route or a body parser throws: a short JSON message with the status, never a stack
// trace or an install path (express's default handler prints both outside production).
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../util/log.js';

/** Returns the error-handling middleware (registered after every route). */
export function errorHandler(log: Logger) {
  // Express recognizes error handlers by their four parameters.
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const e = err as { status?: unknown; statusCode?: unknown; type?: unknown };
    const status = typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
    // Known client mistakes get a fixed sentence; the error's own text (which may quote the body) is not echoed.
    const message =
      e.type === 'entity.parse.failed' ? 'the request body is not valid JSON'
        : e.type === 'entity.too.large' ? 'the request body is too large'
          : e.type === 'encoding.unsupported' || e.type === 'charset.unsupported' ? 'unsupported request body encoding'
            : err instanceof URIError ? 'the URL is not valid percent-encoding'
              : status < 500 ? 'bad request' : 'internal error; see the exporter log';
    if (status >= 500) log.error('request failed', { status, error: err instanceof Error ? err.name : 'unknown' });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json({ error: message });
  };
}
