// Every command answers --help / -h with its usage on stdout, and the usage lists every flag it accepts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS, TOP_HELP } from '../../src/cli/commands.js';
import { COMMAND_LOADERS } from '../../src/cli/loaders.js';
import { runCli } from './run-cli.js';

/** Flags the usage text documents: "--name" and "-x" tokens at the start of an option line. */
function documentedFlags(help: string): Set<string> {
  const flags = new Set<string>();
  for (const line of help.split('\n')) {
    const m = /^\s+((?:-[A-Za-z], )?--[a-z][a-z-]*)/.exec(line);
    if (m) for (const f of m[1]!.split(', ')) flags.add(f);
  }
  return flags;
}

describe('help', () => {
  it('every command can be loaded on its own, and loads the command the help describes', async () => {
    assert.deepEqual(Object.keys(COMMAND_LOADERS).sort(), COMMANDS.map((c) => c.name).sort());
    for (const c of COMMANDS) assert.equal(await COMMAND_LOADERS[c.name]!(), c, c.name);
  });

  it('lists every command at top level', () => {
    assert.deepEqual(COMMANDS.map((c) => c.name), ['serve', 'scan', 'backfill', 'report', 'check-config', 'docs-metrics', 'hook', 'statusline']);
    for (const c of COMMANDS) assert.match(TOP_HELP, new RegExp(`^  ${c.name} +\\S`, 'm'));
  });

  it('scan names every folder it reads by default, as the adapters resolve them', async () => {
    const { ADAPTERS } = await import('../../src/adapters/index.js');
    const help = COMMANDS.find((c) => c.name === 'scan')!.help.replace(/\s+/g, ' ');
    for (const a of ADAPTERS) {
      for (const root of a.defaultRoots({}, '/h')) assert.ok(help.includes(root.replace(/^\/h\//, '~/')), `${a.id}: ${root} is missing from scan --help`);
      for (const root of a.defaultRoots({ CODEX_HOME: '/C', CLAUDE_CONFIG_DIR: '/K' }, '/h')) {
        const shown = root.replace(/^\/C\//, '$CODEX_HOME/').replace(/^\/K\//, '$CLAUDE_CONFIG_DIR/').replace(/^\/h\//, '~/');
        assert.ok(help.includes(shown), `${a.id}: ${shown} is missing from scan --help`);
      }
    }
  });

  for (const args of [['--help'], ['-h'], ['help']]) {
    it(`top level ${args.join(' ')}: exit 0, usage on stdout, nothing on stderr`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, TOP_HELP);
      assert.equal(r.stderr, '');
    });
  }

  for (const cmd of COMMANDS) {
    for (const flag of ['--help', '-h']) {
      it(`${cmd.name} ${flag}: exit 0 with the command's usage`, async () => {
        const r = await runCli([cmd.name, flag]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, cmd.help);
        assert.match(r.stdout, new RegExp(`^Usage: agentmon ${cmd.name} `));
        assert.equal(r.stderr, '');
      });
    }

    it(`${cmd.name}: the usage lists exactly the flags the parser accepts`, () => {
      const accepted = new Set<string>();
      for (const [name, o] of Object.entries(cmd.options)) {
        accepted.add(`--${name}`);
        if (o.short) accepted.add(`-${o.short}`);
      }
      assert.deepEqual([...documentedFlags(cmd.help)].sort(), [...accepted].sort());
    });
  }

  it('help <command> prints that command\'s usage', async () => {
    const r = await runCli(['help', 'scan']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, COMMANDS.find((c) => c.name === 'scan')!.help);
  });

  it('--version prints the package version', async () => {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${pkg.version}\n`);
    }
  });
});
