// Writes the committed history fixtures (fixtures/claude, fixtures/codex) from agent-logs.ts. Run once by hand
// when the fixtures need to change: node --import tsx test/dashboards/write-history.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claudeLines, codexLines } from './agent-logs.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const write = (path: string, lines: string[]) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), `${lines.join('\n')}\n`);
};
const day = (d: string, h: number) => Date.parse(`${d}T${String(h).padStart(2, '0')}:00:00Z`);

write(
  'claude/-home-dev-webshop/7a1e0001-0000-4000-8000-000000000001.jsonl',
  claudeLines({
    sessionId: '7a1e0001-0000-4000-8000-000000000001',
    cwd: '/home/dev/webshop',
    model: 'claude-sonnet-4-5-20250929',
    startMs: day('2025-06-02', 9),
    tools: [
      { name: 'Bash', input: { command: 'npm test' }, ok: false, error: 'Exit code 1' },
      { name: 'Read', input: { file_path: '/home/dev/webshop/src/cart.ts' }, ok: true },
      { name: 'Edit', input: { file_path: '/home/dev/webshop/src/cart.ts' }, ok: true },
    ],
    apiError: true,
    tag: '7a1e0001',
  })
);
write('claude/-home-dev-api/7a1e0002-0000-4000-8000-000000000002.jsonl', [
  ...claudeLines({
    sessionId: '7a1e0002-0000-4000-8000-000000000002',
    cwd: '/home/dev/api',
    model: 'claude-opus-4-1-20250805',
    startMs: day('2025-06-03', 14),
    tools: [{ name: 'Grep', input: { pattern: 'health' }, ok: true }],
    tag: '7a1e0002',
  }),
  // A model missing from the price table: counted with cost 0 and reported as unpriced.
  ...claudeLines({
    sessionId: '7a1e0002-0000-4000-8000-000000000002',
    cwd: '/home/dev/api',
    model: 'claude-experimental-x',
    startMs: day('2025-06-03', 15),
    tools: [],
    tag: '7a1e0003',
  }),
]);
write(
  'codex/2025/06/04/rollout-2025-06-04T10-00-00-0197aaaa-0000-7000-8000-000000000004.jsonl',
  codexLines({
    id: '0197aaaa-0000-7000-8000-000000000004',
    cwd: '/home/dev/api',
    model: 'gpt-5-codex',
    startMs: day('2025-06-04', 10),
    commands: [
      { cmd: 'ls src', exitCode: 0 },
      { cmd: 'npm test', exitCode: 2 },
    ],
  })
);
