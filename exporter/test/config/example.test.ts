// examples/agentmon.yaml passes check-config, equals the defaults, and documents every key of the schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { parseConfigText } from '../../src/config/file.js';
import { allowedKeys } from '../../src/config/known-keys.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { runCli } from '../cli/run-cli.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/agentmon.yaml', import.meta.url));
const text = readFileSync(EXAMPLE, 'utf8');

/** Every object key path of the schema, e.g. tail.maxLineBytes (records like prices are not descended). */
function schemaPaths(prefix: string[] = []): string[][] {
  const keys = allowedKeys(ConfigSchema, prefix);
  if (!keys) return [];
  return keys.flatMap((k) => [[...prefix, k], ...schemaPaths([...prefix, k])]);
}

describe('examples/agentmon.yaml', () => {
  it('passes check-config', async () => {
    const r = await runCli(['check-config', EXAMPLE]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${EXAMPLE}: ok\n`);
  });

  it('holds exactly the defaults', () => {
    assert.deepEqual(parseConfigText(text, EXAMPLE), ConfigSchema.parse({}));
  });

  it('shows every key: as a setting, or commented out when its default is computed', () => {
    const doc = parseDocument(text);
    const paths = schemaPaths();
    assert.ok(paths.length >= 20, `schema walk found only ${paths.length} keys`);
    for (const path of paths) {
      const shown = doc.hasIn(path) || new RegExp(`^\\s*#\\s*${path.at(-1)}:`, 'm').test(text);
      assert.ok(shown, `examples/agentmon.yaml does not show ${path.join('.')}`);
    }
  });

  it('every key has a comment above it or above its section', () => {
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (!/^[A-Za-z][\w-]*:/.test(line)) continue;
      assert.match(lines[i - 1] ?? '', /^#/, `top-level key on line ${i + 1} has no comment: ${line}`);
    }
  });
});
