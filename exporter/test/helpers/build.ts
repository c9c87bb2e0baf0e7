// The one way exporter tests make sure dist/ is today's build: ../scripts/ensure-built.mjs builds when dist/ is missing
// or older than any source (and waits while another test process builds). A test that runs dist/ without it could
// pass against an old build.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scripts', 'ensure-built.mjs');
let checked = false;

/** Builds the exporter when dist/ is missing or stale; throws when the build fails. Checks once per process. */
export function ensureBuilt(): void {
  if (checked) return;
  const r = spawnSync(process.execPath, [SCRIPT, 'exporter'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 16 * 60_000 });
  if (r.status !== 0) throw new Error(`building the exporter failed (exit ${r.status ?? r.signal}): run "npm run build -w exporter" to see why`);
  checked = true;
}
