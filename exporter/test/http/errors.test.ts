// The last word on errors (errors.ts), in process over real HTTP: which status an error answers with, the fixed
// sentence for each known client mistake, and never the error's own text, a stack trace or a path; server errors
// are logged by name only; an error after the answer began cuts the connection instead of appending JSON.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorHandler } from '../../src/http/errors.js';
import type { Logger } from '../../src/util/log.js';
import { serve, type Served } from './serve.js';

const SECRET = 'at /home/dev/secret/project/src/file.ts:12:3 sk-ant-0123456789';

/** An error with the given fields, its message holding text that must never reach the answer. */
function err(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(`boom ${SECRET}`), fields);
}

describe('error answers', () => {
  const logged: { msg: string; fields: unknown }[] = [];
  const log: Logger = { debug() {}, info() {}, warn() {}, error: (msg: string, fields?: unknown) => void logged.push({ msg, fields }) } as Logger;
  let thrown: unknown;
  let s: Served;
  before(async () => {
    const app = express();
    app.post('/json', express.json({ limit: 256 }), (_req, res) => void res.json({ ok: true }));
    app.get('/p/:id', (_req, res) => void res.json({ ok: true }));
    app.get('/throw', (_req: Request, _res: Response, next: NextFunction) => next(thrown));
    app.get('/late', (_req: Request, res: Response, next: NextFunction) => {
      res.status(200).type('text/plain');
      res.write('partial answer\n');
      next(err({}));
    });
    app.use(errorHandler(log));
    s = await serve(app);
  });
  after(() => s?.close());

  /** Throws `e` from a route and returns the answer's status and parsed body. */
  async function answerTo(e: unknown): Promise<{ status: number; body: unknown }> {
    thrown = e;
    const r = await s.send('/throw');
    assert.match(String(r.headers['content-type']), /^application\/json/);
    assert.doesNotMatch(r.body, /secret|sk-ant|boom|\.ts:|at /, 'no error text, path or stack');
    return { status: r.status, body: JSON.parse(r.body) };
  }

  it('takes the status from status, else statusCode, when it is a number in 400..599; else 500', async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ status: 400 }, 400],
      [{ status: 404 }, 404],
      [{ status: 599 }, 599],
      [{ status: 399 }, 500],
      [{ status: 600 }, 500],
      [{ status: '404' }, 500],
      [{ statusCode: 400 }, 400],
      [{ statusCode: 413 }, 413],
      [{ statusCode: 599 }, 599],
      [{ statusCode: 399 }, 500],
      [{ statusCode: 600 }, 500],
      [{ statusCode: '413' }, 500],
      [{ status: 700, statusCode: 404 }, 404],
      [{ status: 'x', statusCode: 502 }, 502],
      [{ status: 409, statusCode: 502 }, 409],
      [{}, 500],
    ];
    for (const [fields, want] of cases) {
      assert.equal((await answerTo(err(fields))).status, want, JSON.stringify(fields));
    }
  });

  it('answers each known mistake with its fixed sentence, others by class', async () => {
    const cases: [unknown, number, string][] = [
      [err({ status: 400, type: 'entity.parse.failed' }), 400, 'the request body is not valid JSON'],
      [err({ status: 413, type: 'entity.too.large' }), 413, 'the request body is too large'],
      [err({ status: 415, type: 'encoding.unsupported' }), 415, 'unsupported request body encoding'],
      [err({ status: 415, type: 'charset.unsupported' }), 415, 'unsupported request body encoding'],
      [Object.assign(new URIError(`bad ${SECRET}`), { status: 400 }), 400, 'the URL is not valid percent-encoding'],
      [err({ status: 400 }), 400, 'bad request'],
      [err({ status: 499 }), 499, 'bad request'],
      [err({ status: 500 }), 500, 'internal error; see the exporter log'],
      [err({ status: 503, type: 'other' }), 503, 'internal error; see the exporter log'],
      ['a thrown string', 500, 'internal error; see the exporter log'],
    ];
    for (const [e, status, message] of cases) {
      assert.deepEqual(await answerTo(e), { status, body: { error: message } }, message);
    }
  });

  it('real body-parser and URL mistakes get their sentence', async () => {
    const bad = await s.send('/json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"a": ${SECRET}` });
    assert.deepEqual([bad.status, JSON.parse(bad.body)], [400, { error: 'the request body is not valid JSON' }]);
    const big = await s.send('/json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(400) }) });
    assert.deepEqual([big.status, JSON.parse(big.body)], [413, { error: 'the request body is too large' }]);
    const enc = await s.send('/json', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'x-secret' }, body: '{}' });
    assert.deepEqual([enc.status, JSON.parse(enc.body)], [415, { error: 'unsupported request body encoding' }]);
    const uri = await s.send('/p/%E0%A4%A');
    assert.deepEqual([uri.status, JSON.parse(uri.body)], [400, { error: 'the URL is not valid percent-encoding' }]);
  });

  it('logs server errors (5xx) by status and error name only, and client errors not at all', async () => {
    logged.length = 0;
    await answerTo(err({ status: 499 }));
    assert.deepEqual(logged, []);
    await answerTo(Object.assign(new TypeError(SECRET), { status: 500 }));
    await answerTo('a thrown string');
    assert.deepEqual(logged, [
      { msg: 'request failed', fields: { status: 500, error: 'TypeError' } },
      { msg: 'request failed', fields: { status: 500, error: 'unknown' } },
    ]);
  });

  it('cuts the connection when the answer had begun (no JSON glued to a partial body)', async () => {
    // A cut connection, not the client's own timeout ("no answer to /late within 10000 ms", which this once let pass).
    await assert.rejects(s.send('/late'), (e: Error) => {
      assert.doesNotMatch(e.message, /no answer to \/late within/);
      return true;
    });
    // The server still answers afterwards.
    assert.equal((await answerTo(err({ status: 404 }))).status, 404);
  });
});
