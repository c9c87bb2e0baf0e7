// Which files a custom log's adapter reads, in-process against real folders: a configured folder is searched for
// names matching `include` (and only below that folder, not a sibling sharing its name's start); a configured file
// is read whatever its name, also before it exists; names listed in `agents` get the same adapter; and the adapter
// registry finds custom adapters by their agent name.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adapterFor, registerCustomAdapters } from '../../../src/adapters/index.js';
import { customAdapter, customAdapters, customRoots } from '../../../src/adapters/jsonl/index.js';
import { CustomLogSchema } from '../../../src/adapters/jsonl/schema.js';
import type { AgentId } from '../../../src/adapters/types.js';

let root = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'agentmon-custom-adapter-'));
  mkdirSync(join(root, 'logs', 'nested'), { recursive: true });
  mkdirSync(join(root, 'logs-old'));
  writeFileSync(join(root, 'logs', 'a.jsonl'), '');
  writeFileSync(join(root, 'single.log'), '');
});
after(() => rmSync(root, { recursive: true, force: true }));

const logOf = (extra: Record<string, unknown> = {}) =>
  CustomLogSchema.parse({
    agent: 'runner',
    // A folder, an existing file with another extension, a file not written yet, a folder not made yet.
    paths: [join(root, 'logs'), join(root, 'single.log'), join(root, 'later', 'run.jsonl'), join(root, 'future')],
    ...extra,
  });

describe('custom log files', () => {
  it('roots: each folder, and the folder of each file (existing or not yet written)', () => {
    assert.deepEqual(customRoots(logOf()), [join(root, 'logs'), root, join(root, 'later'), join(root, 'future')]);
    assert.deepEqual(customAdapter(logOf()).defaultRoots({}, '/nonexistent-home'), customRoots(logOf()));
  });

  it('reads matching names below its folders (at any depth), and exactly the files it names', () => {
    const a = customAdapter(logOf());
    const yes = [join(root, 'logs', 'a.jsonl'), join(root, 'logs', 'nested', 'b.jsonl'), join(root, 'single.log'), join(root, 'later', 'run.jsonl'), join(root, 'future', 'x.jsonl')];
    const no = [join(root, 'logs', 'a.txt'), join(root, 'logs-old', 'b.jsonl'), join(root, 'other.log'), join(root, 'later', 'other.jsonl'), join(root, 'later', 'run.jsonl', 'x.jsonl'), join(root, 'a.jsonl'), join(root, 'xlogs', 'a.jsonl')];
    assert.deepEqual(yes.filter((p) => !a.isLogFile(p)), []);
    assert.deepEqual(no.filter((p) => a.isLogFile(p)), []);
  });

  it('include decides what a folder holds and whether a path not yet there is a file', () => {
    const a = customAdapter(logOf({ include: '*.log' }));
    assert.equal(a.isLogFile(join(root, 'logs', 'a.jsonl')), false);
    assert.equal(a.isLogFile(join(root, 'logs', 'x.log')), true);
    // later/run.jsonl does not match *.log and does not exist: it is taken as a folder now.
    assert.equal(a.isLogFile(join(root, 'later', 'run.jsonl', 'y.log')), true);
  });

  it('the adapter parses with the log mapping, under its agent id', () => {
    const a = customAdapter(logOf({ fields: { tool: 'tool' } }));
    assert.equal(a.id, 'runner');
    const out = a.parse(JSON.stringify({ timestamp: '2026-03-05T14:00:00Z', tool: 'build' }), { state: {}, path: join(root, 'logs', 'a.jsonl') });
    assert.deepEqual(out.events.map((e) => e.kind), ['tool_call', 'tool_result']);
  });
});

describe('custom adapters of a config', () => {
  const logs = () => [
    logOf({ agents: ['planner', 'reviewer', 'other-log'] }),
    CustomLogSchema.parse({ agent: 'other-log', paths: [join(root, 'logs-old')] }),
  ];

  it('each log has its adapter; listed agent names get its adapter too, unless another log owns the name', () => {
    const list = customAdapters(logs());
    assert.deepEqual(list.map((a) => a.id), ['planner', 'reviewer', 'runner', 'other-log']);
    const planner = list[0]!;
    assert.equal(planner.isLogFile(join(root, 'logs', 'a.jsonl')), true);
    assert.equal(planner.isLogFile(join(root, 'logs-old', 'b.jsonl')), false);
    assert.equal(list[3]!.isLogFile(join(root, 'logs-old', 'b.jsonl')), true);
  });

  it('registered custom adapters are found by agent name beside the built-in ones; an unknown name is an error naming it', () => {
    registerCustomAdapters(customAdapters(logs()));
    assert.equal(adapterFor('reviewer' as AgentId).isLogFile(join(root, 'logs', 'a.jsonl')), true);
    assert.equal(adapterFor('other-log' as AgentId).id, 'other-log');
    assert.equal(adapterFor('gemini').id, 'gemini');
    assert.throws(() => adapterFor('nobody' as AgentId), /^Error: no adapter for agent nobody$/);
  });
});
