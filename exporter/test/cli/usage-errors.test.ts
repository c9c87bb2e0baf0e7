// Mistakes on the command line: exit 2, a message naming the flag and one line pointing to the command's --help
// on stderr (not the whole help, which would push the message off the screen), nothing on stdout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './run-cli.js';

const CASES: { args: string[]; command: string; says: RegExp }[] = [
  { args: ['scan', '--bogus'], command: 'scan', says: /Unknown option '--bogus'/ },
  { args: ['serve', '--prot', '9000'], command: 'serve', says: /Unknown option '--prot'/ },
  { args: ['check-config', '--strict', 'x.yaml'], command: 'check-config', says: /Unknown option '--strict'/ },
  { args: ['docs-metrics', '--out', 'x'], command: 'docs-metrics', says: /Unknown option '--out'/ },
  { args: ['serve', '--port', 'abc'], command: 'serve', says: /--port expects a port number 0-65535, got "abc"/ },
  { args: ['serve', '--port', '70000'], command: 'serve', says: /--port expects a port number 0-65535, got "70000"/ },
  { args: ['serve', '--port='], command: 'serve', says: /--port expects a port number 0-65535, got ""/ },
  { args: ['serve', '--host='], command: 'serve', says: /--host expects a value/ },
  { args: ['serve', '--log-level', 'loud'], command: 'serve', says: /--log-level expects one of debug, info, warn, error, got "loud"/ },
  { args: ['--port', 'abc'], command: 'serve', says: /--port expects a port number/ },
  { args: ['--bogus'], command: 'serve', says: /Unknown option '--bogus'/ },
  { args: ['scan', '--since', '2026-13-45'], command: 'scan', says: /--since expects a calendar day as YYYY-MM-DD, got "2026-13-45"/ },
  { args: ['scan', '--until', '2026-02-30'], command: 'scan', says: /--until expects a calendar day as YYYY-MM-DD, got "2026-02-30"/ },
  { args: ['scan', '--since', 'yesterday'], command: 'scan', says: /--since expects a calendar day/ },
  { args: ['scan', '--since', '2026-03-02', '--until', '20260301'], command: 'scan', says: /--since 2026-03-02 is after --until 2026-03-01/ },
  { args: ['scan', '--since'], command: 'scan', says: /--since <value>' argument missing/ },
  { args: ['scan', '--json=yes'], command: 'scan', says: /'--json' does not take an argument/ },
  { args: ['scan', 'today'], command: 'scan', says: /Unexpected argument 'today'/ },
  { args: ['scan', '--claude-dir', '/definitely/not/here'], command: 'scan', says: /--claude-dir "\/definitely\/not\/here" is not an existing folder/ },
  { args: ['scan', '--codex-dir='], command: 'scan', says: /--codex-dir expects a folder, got an empty value/ },
  { args: ['check-config'], command: 'check-config', says: /expects at least one FILE/ },
];

describe('usage errors', () => {
  for (const c of CASES) {
    it(`${c.args.join(' ')} → exit 2, names the flag, points to ${c.command} --help`, async () => {
      const r = await runCli(c.args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      const [first, ...rest] = r.stderr.split('\n');
      assert.match(first!, new RegExp(`^agentmon ${c.command}: `));
      assert.match(first!, c.says);
      assert.deepEqual(rest, [`Run 'agentmon ${c.command} --help' for its options.`, '']);
    });
  }

  it('unknown command → exit 2, the nearest command, and where the commands are listed', async () => {
    const r = await runCli(['sacn']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `agentmon: unknown command "sacn"; did you mean "scan"?\nRun 'agentmon --help' for the commands.\n`);
    assert.equal((await runCli(['frobnicate'])).stderr, `agentmon: unknown command "frobnicate"\nRun 'agentmon --help' for the commands.\n`);
  });

  it('help for an unknown command → exit 2', async () => {
    const r = await runCli(['help', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^agentmon: unknown command "nope"/);
  });
});
