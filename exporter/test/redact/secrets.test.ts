// The shared secret detector on a corpus of real-shaped credentials and of look-alikes that must survive, in free
// text (the API's raw lines, agentmon's log) and as whole values (labels, session ids).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretName, looksSecret, maskSecrets, REDACTED } from '../../src/redact/secrets.js';
import { redact } from '../../src/api/redact.js';
import { LOOK_ALIKES, SECRETS } from './corpus.js';

describe('maskSecrets', () => {
  for (const c of SECRETS) {
    it(`masks ${c.name}`, () => {
      const out = maskSecrets(c.text);
      assert.ok(!out.includes(c.secret), `${c.name} still shown: ${out}`);
      assert.ok(out.includes(REDACTED));
    });
  }

  it('leaves every look-alike unchanged, in lenient and strict mode', () => {
    assert.deepEqual(LOOK_ALIKES.filter((t) => maskSecrets(t) !== t), []);
  });

  it('keeps the text around a secret', () => {
    const c = SECRETS.find((x) => x.name === 'PGPASSWORD env line')!;
    assert.equal(maskSecrets(c.text), `PGPASSWORD=${REDACTED} psql -h db -U app`);
  });

  it('stays fast on hostile text (no backtracking blow-up)', () => {
    const hostile = ['a'.repeat(200_000), `${'password='.repeat(20_000)}`, `mysql ${' -x'.repeat(50_000)}`, `-----BEGIN RSA PRIVATE KEY-----${'A'.repeat(100_000)}`.repeat(3)];
    for (const text of hostile) maskSecrets(text); // a quadratic pattern would take minutes here; the test runner's timeout catches it
  });
});

describe('isSecretName', () => {
  it('names whose last word is a credential, not names that merely mention one', () => {
    const secret = ['password', 'DB_PASSWORD', 'PGPASSWORD', 'apiKey', 'api_key', 'x-api-key', 'Authorization', 'clientSecret', 'GITHUB_TOKEN', 'aws_secret_access_key', 'privateKey', 'set-cookie', 'MYSQL_PWD'];
    const plain = ['max_tokens', 'input_tokens', 'token_count', 'secret_name', 'password_policy', 'key', 'primary_key', 'tokenizer', 'PWD', 'OLDPWD', 'author', 'API_KEY_ENV'];
    assert.deepEqual(secret.filter((n) => !isSecretName(n)), []);
    assert.deepEqual(plain.filter((n) => isSecretName(n)), []);
  });
});

describe('looksSecret (whole values: labels, ids)', () => {
  it('every corpus line is secret as a whole value; names and ids are not', () => {
    assert.deepEqual(SECRETS.filter((c) => !looksSecret(c.text)).map((c) => c.name), []);
    const plain = ['pytest', 'claude-sonnet-4-5-20250929', 'gemini-2.5-pro', '5b959dae-8655-4cd1-b10f-720b8c336ea2', 'run-7f3a', 'billing', 'apply_patch', 'mcp__linear__create_issue'];
    assert.deepEqual(plain.filter((s) => looksSecret(s)), []);
    assert.ok(looksSecret('postgres://admin:pw@db.internal/app'));
    assert.ok(looksSecret('deploy --token=abc'));
  });
});

describe('redact (the API raw lines)', () => {
  it('masks values of any type under secret names, and secrets inside strings', () => {
    const raw = {
      password: 12345678,
      apiKey: { value: 'abc', scope: 'all' },
      headers: { Authorization: ['Bearer abc.def.ghi'] },
      input: { command: SECRETS.find((c) => c.name === 'mysql -p')!.text },
      keep: { max_tokens: 4096, enabled: true, secret: null },
    };
    const out = redact(raw) as Record<string, any>;
    assert.equal(out.password, REDACTED);
    assert.equal(out.apiKey, REDACTED);
    assert.equal(out.headers.Authorization, REDACTED);
    assert.ok(!JSON.stringify(out).includes('Sup3rS3cret'));
    assert.deepEqual(out.keep, { max_tokens: 4096, enabled: true, secret: null });
  });

  it('a secret straddling the 4,000-character cut is masked, not shown in part', () => {
    const key = SECRETS[0]!.secret;
    const text = `${'x'.repeat(3990)} ${key}`;
    const out = redact(text) as string;
    assert.ok(!out.includes(key.slice(0, 9)), out.slice(3980, 4010));
  });
});
