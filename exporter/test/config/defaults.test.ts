// defaults.ts is generated from the schema (npm run gen:config-defaults -w exporter) so that runs without a config
// file need not load zod: it must stay equal to what the schema gives for an empty file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../src/config/defaults.js';
import { ConfigSchema } from '../../src/config/schema.js';

describe('config defaults', () => {
  it('equal the schema defaults (regenerate with npm run gen:config-defaults -w exporter)', () => {
    assert.deepStrictEqual(defaultConfig(), ConfigSchema.parse({}));
  });

  it('are a fresh copy each time, so a caller changing one cannot change the next', () => {
    const a = defaultConfig();
    a.agents.codex.dirs.push('/x');
    a.tail.maxOpenFiles = 4;
    const b = defaultConfig();
    assert.deepEqual(b.agents.codex.dirs, []);
    assert.equal(b.tail.maxOpenFiles, 128);
  });
});
