// Acceptance on the real sample transcripts kept beside the repository (../shared/samples, present on the
// project's build machines only): `scan --json` must match the totals counted by hand in
// ../shared/acceptance/README.md. The only test that reads outside the repository; it skips when they are absent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { agentmon, ensureBuilt, EXPORTER_DIR } from './fixtures/cli.js';

const SAMPLES = join(EXPORTER_DIR, '..', '..', 'shared', 'samples');

/** Hand-counted per agent: [inputTokens, outputTokens, cacheCreationTokens, cacheReadTokens]. */
const EXPECTED = {
  'claude-code': [697, 1591, 100_036, 508_782],
  codex: [16_762, 997, 0, 13_262],
};

interface Row {
  agent: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

describe('shared sample transcripts', () => {
  it('match the hand-counted totals of acceptance/README.md', async (t) => {
    if (!existsSync(join(SAMPLES, 'claude')) || !existsSync(join(SAMPLES, 'codex'))) {
      t.skip(`sample transcripts not found at ${SAMPLES} (they exist only beside the repository on build machines)`);
      return;
    }
    ensureBuilt();
    const out = JSON.parse(await agentmon(['scan', '--json', '--claude-dir', join(SAMPLES, 'claude'), '--codex-dir', join(SAMPLES, 'codex')])) as { daily: Row[] };
    const byAgent: Record<string, number[]> = {};
    for (const r of out.daily) {
      const sum = (byAgent[r.agent] ??= [0, 0, 0, 0]);
      [r.inputTokens, r.outputTokens, r.cacheCreationTokens, r.cacheReadTokens].forEach((n, i) => (sum[i] = (sum[i] ?? 0) + n));
    }
    assert.deepEqual(byAgent, EXPECTED);
  });
});
