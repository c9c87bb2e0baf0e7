// A corpus of real-shaped credentials (built at run time from a fixed seed, so no token-shaped literal sits in the
// repository for scanners to flag) and of look-alikes that are not secrets and must come through unchanged.
import { Prng } from '../../src/bench/prng.js';

const prng = new Prng(1313);
const rnd = (): number => prng.next();
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pick = (chars: string, n: number): string => Array.from({ length: n }, () => chars[Math.floor(rnd() * chars.length)]).join('');
const alnum = (n: number) => pick(ALNUM, n);
const hex = (n: number) => pick('0123456789abcdef', n);
const upper32 = (n: number) => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', n);
const letters = (n: number) => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', n);
const b64 = (n: number) => pick(`${ALNUM}+/`, n);
const j = (...parts: string[]): string => parts.join('');

/** A credential, and a line it appears in as agents' transcripts show them (a command, a file, a header). */
export interface SecretCase {
  name: string;
  secret: string;
  text: string;
}

const s = (name: string, secret: string, text: (v: string) => string): SecretCase => ({ name, secret, text: text(secret) });

export const SECRETS: SecretCase[] = [
  s('anthropic key', j('sk-ant-', 'api03-', alnum(93), 'AA'), (v) => `export ANTHROPIC_API_KEY="${v}"`),
  s('openai project key', j('sk-', 'proj-', alnum(74), 'T3Blbk', 'FJ', alnum(74)), (v) => `client = OpenAI(api_key="${v}")`),
  s('stripe live key', j('sk', '_live_', alnum(24)), (v) => `stripe.api_key = ${v}`),
  s('stripe restricted key', j('rk', '_live_', alnum(24)), (v) => `curl https://api.stripe.com -u ${v}:`),
  s('github pat', j('gh', 'p_', alnum(36)), (v) => `git clone https://${v}@github.com/acme/app.git`),
  s('github oauth token', j('gh', 'o_', alnum(36)), (v) => `token ${v}`),
  s('github fine-grained pat', j('github', '_pat_', alnum(22), '_', alnum(59)), (v) => `GH_AUTH=${v} gh pr list`),
  s('gitlab pat', j('gl', 'pat-', alnum(20)), (v) => `git remote add origin https://oauth2:${v}@gitlab.com/x/y.git`),
  s('gitlab pat in a sentence', j('gl', 'pat-', alnum(20)), (v) => `use the token ${v} for the registry`),
  s('hugging face token', j('hf', '_', letters(34)), (v) => `huggingface-cli login --token ${v}`),
  s('npm token', j('np', 'm_', alnum(36)), (v) => `//registry.npmjs.org/:_authToken=${v}`),
  s('aws access key id', j('AK', 'IA', upper32(16)), (v) => `aws_access_key_id = ${v}`),
  s('aws session key id', j('AS', 'IA', upper32(16)), (v) => `{"AccessKeyId": "${v}", "Expiration": "2026-01-01"}`),
  s('aws secret key (credentials file)', b64(40), (v) => `[default]\naws_secret_access_key = ${v}\nregion = eu-west-1`),
  s('aws secret key (env)', b64(40), (v) => `AWS_SECRET_ACCESS_KEY=${v} aws s3 ls`),
  s('slack bot token', j('xo', 'xb-', pick('0123456789', 12), '-', pick('0123456789', 13), '-', alnum(24)), (v) => `SLACK_BOT=${v}`),
  s('google api key', j('AI', 'za', alnum(35)), (v) => `https://maps.googleapis.com/maps/api/geocode/json?key=${v}`),
  s('jwt', j('ey', 'JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'ey', 'JzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ', '.', alnum(43)), (v) => `cookie: session=${v}`),
  s('sendgrid key', j('S', 'G.', alnum(22), '.', alnum(43)), (v) => `SENDGRID=${v}`),
  s('bearer token in a string', j(alnum(20), '.', alnum(30)), (v) => `curl -H "Authorization: Bearer ${v}" https://api.example.com`),
  s('bearer token in a header list', alnum(40), (v) => `Authorization: Bearer ${v}`),
  s('DB_PASSWORD env line', 'Tr0ub4dor&3', (v) => `DB_PASSWORD=${v}\nDB_HOST=db`),
  s('PGPASSWORD env line', 'correcthorsebatterystaple', (v) => `PGPASSWORD=${v} psql -h db -U app`),
  s('password in yaml', 'hunter2hunter2', (v) => `database:\n  user: app\n  password: ${v}`),
  s('password flag', 'S3cr3t-pass', (v) => `./deploy --password=${v} --env prod`),
  s('url credentials', 'pw4Admin!', (v) => `DATABASE_URL=postgres://admin:${v}@db.internal:5432/app`),
  s('url credentials in prose', 's3cretpass', (v) => `connect to https://deploy:${v}@registry.example.com/v2/`),
  s('mysql -p', 'Sup3rS3cret', (v) => `mysql -uroot -p${v} -h 127.0.0.1 shop`),
  s('private key', j('-----BEGIN OPENSSH ', 'PRIVATE KEY-----\n', b64(64), '\n', b64(64), '\n-----END OPENSSH ', 'PRIVATE KEY-----'), (v) => `cat ~/.ssh/id_ed25519\n${v}\n`),
  s('private key cut short', j('-----BEGIN RSA ', 'PRIVATE KEY-----\n', b64(64)), (v) => `here it is:\n${v}`),
];

/** Text that looks a little like a credential but is not one: it must come through unchanged. */
export const LOOK_ALIKES: string[] = [
  '{"model":"claude-sonnet-4-5-20250929","max_tokens":4096,"temperature":0}',
  'usage: input_tokens=1200 output_tokens=80 cache_read_input_tokens=5000',
  'token_count: 512, tokenizer: cl100k_base',
  'git checkout 3f786850e387550fdab836ed7e6dc881de23001b',
  'session 5b959dae-8655-4cd1-b10f-720b8c336ea2 resumed',
  'mkdir -p src/lib && cp -pr assets dist && ssh -p 2222 build@ci',
  'grep -P "^\\d+$" numbers.txt',
  'function login(password: string): Promise<Session> {',
  'const token = getToken();',
  'if (!password) throw new Error("password: required")',
  'git@github.com:acme/app.git',
  'see https://github.com/acme/app/pull/42 and http://localhost:9477/metrics',
  'us.anthropic.claude-3-5-haiku-20241022-v1:0 and gpt-5-codex',
  'secret_name: db-credentials\npassword_policy: strict',
  'PWD=/home/dev/projects/shop OLDPWD=/home/dev',
  'OPENAI_API_KEY=$OPENAI_API_KEY node run.js',
  'password: ${DB_PASSWORD}',
  'Use a Bearer token in the Authorization header; Basic authentication is off.',
  'scikit-learn task-runner desk-lamp-0123456789abcdefghij',
  'keyboard monkey turkey primary_key foreign_key',
  'API_KEY_ENV=ANTHROPIC_API_KEY',
  'AKIA is the prefix of AWS access key ids',
];
