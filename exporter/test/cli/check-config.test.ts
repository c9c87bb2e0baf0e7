// `agentmon check-config FILE`: "FILE: ok" and exit 0, or one FILE:LINE:COL: path: message line per problem and exit 2.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, tempDir } from './run-cli.js';

let dir: string;
let cleanup: () => void;
before(() => ({ dir, cleanup } = tempDir()));
after(() => cleanup());

/** Writes `text` to NAME in the temp folder and runs check-config on it from there (so paths print as NAME). */
async function check(name: string, text: string) {
  writeFileSync(join(dir, name), text);
  return runCli(['check-config', name], { cwd: dir });
}

/** Runs check-config on one bad file and returns its problem lines. */
async function problems(name: string, text: string): Promise<string[]> {
  const r = await check(name, text);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  return r.stderr.trimEnd().split('\n');
}

describe('check-config', () => {
  it('a valid file: "FILE: ok" on stdout, exit 0', async () => {
    const r = await check('good.yaml', 'port: 9100\ntail:\n  maxLineBytes: 4096\nlabels:\n  static:\n    team: infra\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'good.yaml: ok\n');
    assert.equal(r.stderr, '');
  });

  it('a wrong type points at the value', async () => {
    assert.deepEqual(await problems('type.yaml', '# agentmon\nhost: 0.0.0.0\nport: "abc"\n'), ['type.yaml:3:7: port: expected a number, got the text "abc"']);
  });

  it('a misspelt top-level section points at the key and suggests the right one', async () => {
    assert.deepEqual(await problems('typo.yaml', 'port: 9100\ntial:\n  watch: false\n'), ['typo.yaml:2:1: tial: unknown field; did you mean "tail"?']);
  });

  it('a misspelt nested key gives its full path', async () => {
    assert.deepEqual(await problems('nested.yaml', 'tail:\n  watch: true\n  rescanIntervalSecond: 3\n'), [
      'nested.yaml:3:3: tail.rescanIntervalSecond: unknown field; did you mean "rescanIntervalSeconds"?',
    ]);
  });

  it('a bad price below a model id', async () => {
    const text = 'prices:\n  foo:\n    input: -1\n    output: 15\n    cacheWrite5m: 3.75\n    cacheWrite1h: 6\n    cacheRead: 0.3\n';
    assert.deepEqual(await problems('price.yaml', text), ['price.yaml:3:12: prices.foo.input: must be >= 0, got -1']);
  });

  it('a price entry missing fields names each one at the entry; cache writes may be left out', async () => {
    // Gemini and OpenAI bill no cache writes: a price without them is complete.
    const partial = await check('partial.yaml', 'prices:\n  foo:\n    input: 1\n    output: 2\n    cacheRead: 0.1\n');
    assert.deepEqual([partial.code, partial.stdout], [0, 'partial.yaml: ok\n']);
    assert.deepEqual(await problems('missing.yaml', 'prices:\n  foo:\n    output: 2\n'), [
      'missing.yaml:2:3: prices.foo.input: required field is missing',
      'missing.yaml:2:3: prices.foo.cacheRead: required field is missing',
    ]);
  });

  it('a bad static label name points at the name; a bad value at the value', async () => {
    assert.deepEqual(await problems('labels.yaml', 'labels:\n  static:\n    team: infra\n    2fast: yes\n    user: "a b"\n'), [
      'labels.yaml:4:5: labels.static.2fast: invalid name "2fast": label names are letters, digits and _, not starting with a digit',
      'labels.yaml:5:11: labels.static.user: label values may use letters, digits and . _ : @ / + - (1 to 80 characters), got the text "a b"',
    ]);
  });

  it('every problem in a file is reported, in file order', async () => {
    const lines = await problems('many.yaml', 'logLevel: loud\nport: 70000\nagents:\n  codex:\n    dirs: [""]\n  cursor: {}\n');
    assert.deepEqual(lines, [
      'many.yaml:1:11: logLevel: expected one of debug, info, warn, error, got the text "loud"',
      'many.yaml:2:7: port: must be <= 65535, got 70000',
      'many.yaml:5:12: agents.codex.dirs[0]: must not be empty',
      'many.yaml:6:3: agents.cursor: unknown field; allowed here: claude-code, codex, gemini',
    ]);
  });

  it('invalid YAML syntax: the file, line and what is wrong', async () => {
    assert.deepEqual(await problems('dup.yaml', 'port: 1\nhost: x\nport: 2\n'), ['dup.yaml:3:1: invalid YAML: Map keys must be unique']);
    const [line] = await problems('tabs.yaml', 'tail:\n\twatch: true\n');
    assert.match(line!, /^tabs\.yaml:2:1: invalid YAML: /);
  });

  it('a top level that is not a map', async () => {
    assert.deepEqual(await problems('list.yaml', '- port: 1\n'), ['list.yaml:1:1: (top level): expected a map of "key: value" lines, got a list']);
  });

  it('an empty file and empty sections mean the defaults', async () => {
    for (const [name, text] of [['empty.yaml', ''], ['comments.yaml', '# nothing yet\n'], ['sections.yaml', 'tail:\n  # watch: false\nprices:\n']]) {
      const r = await check(name!, text!);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${name}: ok\n`);
    }
  });

  it('a missing file: exit 2, names the path', async () => {
    const r = await runCli(['check-config', join(dir, 'nope.yaml')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${join(dir, 'nope.yaml')}: cannot read config file: no such file\n`);
  });

  it('several files: each is reported, exit 2 if any is bad', async () => {
    writeFileSync(join(dir, 'a.yaml'), 'port: 1\n');
    writeFileSync(join(dir, 'b.yaml'), 'port: x\n');
    const r = await runCli(['check-config', 'a.yaml', 'b.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, 'a.yaml: ok\n');
    assert.equal(r.stderr, 'b.yaml:1:7: port: expected a number, got the text "x"\n');
  });
});
