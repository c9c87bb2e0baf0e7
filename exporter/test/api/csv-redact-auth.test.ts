// The API's promises at their edges, in this process so that `npm run mutate -- api` sees them: what `redact` keeps and
// cuts of a raw log line (4,000 characters, 500 items, 40 levels, at and one past each), the CSV's dot paths through
// missing parents and its numbers (a negative bigint is a number, not a formula), and the bearer check on an app with
// no token, with a token, and a header that only contains the right one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { csvCell, toCsv } from '../../src/api/csv.js';
import { redact } from '../../src/api/redact.js';
import { bearerAuth } from '../../src/api/router.js';
import { REDACTED } from '../../src/redact/secrets.js';
import { serve, type Served } from '../http/serve.js';
import { SECRETS } from '../redact/corpus.js';

describe('redact: the limits of a raw line shown by the API', () => {
  it('keeps a string of exactly 4,000 characters whole, and cuts one of 4,001 to 4,000 plus a note of what is left', () => {
    const at = 'a'.repeat(4000);
    assert.equal(redact(at), at);
    const over = `${at}bc`;
    assert.equal(redact(over), `${at}… [2 more characters]`);
    assert.equal(redact('b'.repeat(10_000)), `${'b'.repeat(4000)}… [6000 more characters]`);
  });

  it('masks secrets in a string at the limit and in the kept part of a longer one', () => {
    const { secret } = SECRETS[0]!;
    const short = `${'x'.repeat(4000 - secret.length - 1)} ${secret}`;
    assert.equal(short.length, 4000);
    assert.ok(!(redact(short) as string).includes(secret));
    assert.ok((redact(short) as string).includes(REDACTED));
    const long = `${secret} ${'y'.repeat(5000)}`;
    const out = redact(long) as string;
    assert.ok(!out.includes(secret) && out.startsWith(REDACTED), out.slice(0, 40));
    assert.ok(out.endsWith(`… [${long.length - 4000} more characters]`));
  });

  it('keeps the first 500 items of a list, each redacted', () => {
    const list = Array.from({ length: 501 }, (_, i) => (i === 499 ? { token: 'abc' } : i));
    const out = redact(list) as unknown[];
    assert.equal(out.length, 500);
    assert.deepEqual(out[499], { token: REDACTED });
    assert.equal(out[498], 498);
    assert.equal((redact(list.slice(0, 500)) as unknown[]).length, 500);
  });

  it('goes 40 levels deep and stops at the 41st, in objects and in lists', () => {
    const nest = (levels: number, inner: unknown, wrap: (v: unknown) => unknown): unknown => {
      let v = inner;
      for (let i = 0; i < levels; i++) v = wrap(v);
      return v;
    };
    const unwrap = (v: unknown, levels: number, step: (v: any) => unknown): unknown => {
      for (let i = 0; i < levels; i++) v = step(v);
      return v;
    };
    // A value 40 levels down is still shown; one level further is not.
    const objects = (levels: number) => nest(levels, 'leaf', (v) => ({ k: v }));
    assert.equal(unwrap(redact(objects(40)), 40, (v) => v.k), 'leaf');
    assert.equal(unwrap(redact(objects(41)), 41, (v) => v.k), '[too deep]');
    const lists = (levels: number) => nest(levels, 'leaf', (v) => [v]);
    assert.equal(unwrap(redact(lists(40)), 40, (v) => v[0]), 'leaf');
    assert.equal(unwrap(redact(lists(41)), 41, (v) => v[0]), '[too deep]');
    // Depth counts through mixed nesting too: a secret-named value deep inside is masked, not passed through.
    const mixed = nest(19, { password: 'hunter2', note: 'n' }, (v) => ({ list: [v] }));
    const inner = unwrap(redact(mixed), 19, (v) => v.list[0]) as Record<string, unknown>;
    assert.deepEqual(inner, { password: REDACTED, note: 'n' });
  });

  it('masks any value under a secret name except null and booleans, and passes numbers and null elsewhere through', () => {
    assert.deepEqual(redact({ token: 0, secret: [], password: false, apiKey: null, count: 3, missing: null, flag: true }), {
      token: REDACTED,
      secret: REDACTED,
      password: false,
      apiKey: null,
      count: 3,
      missing: null,
      flag: true,
    });
  });
});

describe('toCsv and csvCell at their edges', () => {
  it('reads dot paths through missing, null and non-object parents as empty cells', () => {
    const rows = [{ a: { b: 1 } }, { a: null }, { a: 'text' }, { a: 7 }, {}];
    assert.equal(toCsv(rows, ['a.b', 'a.length']), 'a.b,a.length\r\n1,\r\n,\r\n,\r\n,\r\n,\r\n');
  });

  it('writes bigints and numbers as numbers, negative ones included, and an object as its JSON', () => {
    assert.equal(csvCell(-5n), '-5');
    assert.equal(csvCell(-5), '-5');
    assert.equal(csvCell({ a: '=1' }), '"{""a"":""=1""}"');
    assert.equal(csvCell({ toJSON: () => undefined }), '', 'an object with no JSON form is an empty cell');
  });
});

describe('bearerAuth', () => {
  const TOKEN = 'tok-0123456789abcdef';
  const served: Served[] = [];
  const urls: Record<'open' | 'locked', string> = { open: '', locked: '' };
  const start = async (token: string | undefined): Promise<string> => {
    const app = express();
    app.use('/api', bearerAuth(token));
    app.get('/api/x', (_req, res) => {
      res.json({ ok: true });
    });
    const s = await serve(app);
    served.push(s);
    return `http://127.0.0.1:${s.port}`;
  };
  before(async () => {
    urls.open = await start(undefined);
    urls.locked = await start(TOKEN);
  });
  after(async () => {
    await Promise.all(served.map((s) => s.close()));
  });
  const get = (base: string, authorization?: string) =>
    fetch(`${base}/api/x`, { headers: authorization === undefined ? {} : { Authorization: authorization } });

  it('lets every request through when no token is configured (an empty one counts as none)', async () => {
    assert.equal((await get(urls.open)).status, 200);
    assert.equal((await get(urls.open, 'Bearer anything')).status, 200);
    const emptyToken = await start('');
    assert.equal((await get(emptyToken)).status, 200);
  });

  it('answers a missing or wrong token 401 with a challenge and a message naming the setting, never the token', async () => {
    const r = await get(urls.locked);
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Bearer');
    const body = (await r.json()) as { error?: string };
    assert.match(body.error ?? '', /bearer token.*api\.token/);
    assert.ok(!JSON.stringify(body).includes(TOKEN));
  });

  it('accepts exactly "Bearer <token>": not the token with something before it, another scheme, or no space', async () => {
    assert.equal((await get(urls.locked, `Bearer ${TOKEN}`)).status, 200);
    for (const header of [`xBearer ${TOKEN}`, `Basic ${TOKEN}`, `Bearer${TOKEN}`, `Bearer  ${TOKEN}`, TOKEN]) {
      assert.equal((await get(urls.locked, header)).status, 401, JSON.stringify(header));
    }
  });
});
