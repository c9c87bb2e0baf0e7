// The package's `agentmon` bin (bin/agentmon.js) exists before any build, so npm links it at install time; it runs
// the built CLI with the same arguments, output and exit code, and says what to do when the CLI is not built yet.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from './run-cli.js';

const PKG = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(PKG, 'bin', 'agentmon.js');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

describe('the agentmon bin', () => {
  const tmp = tempDir('agentmon-bin-');
  after(tmp.cleanup);

  it('is what package.json names, outside dist/', () => {
    const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.deepEqual(pkg.bin, { agentmon: 'bin/agentmon.js' });
    assert.match(readFileSync(BIN, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it('gives what the built CLI gives: output and exit code', async () => {
    for (const args of [['scan', '--json', '--claude-dir', join(FIXTURES, 'stream'), '--codex-dir', join(FIXTURES, 'codex-turns')], ['scan', '--since', 'yesterday'], ['--version']]) {
      const viaBin = await runCli(args, { script: BIN });
      const direct = await runCli(args);
      assert.equal(viaBin.code, direct.code, args.join(' '));
      assert.equal(viaBin.stdout, direct.stdout, args.join(' '));
      assert.equal(viaBin.stderr, direct.stderr, args.join(' '));
    }
  });

  it('exits 1 with a hint when the CLI is not built', async () => {
    const bin = join(tmp.dir, 'pkg', 'bin', 'agentmon.js');
    mkdirSync(join(tmp.dir, 'pkg', 'bin'), { recursive: true });
    copyFileSync(BIN, bin);
    const r = await runCli(['scan'], { script: bin });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not built yet; run `npm run build -w exporter`/);
  });
});
