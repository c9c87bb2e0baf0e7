// The landing page's folders: what each agent's logs are read from and whether the folder exists, and apart from
// them the spool of `agentmon hook` (made by agentmon itself, so never "not found": it appears with the first hook).
import { existsSync, readdirSync } from 'node:fs';
import { esc, num, type LandingContext } from './landing-html.js';

/** Returns the watched-folders section. */
export function foldersSection(ctx: LandingContext): string {
  const logs = ctx.engine.roots.filter((r) => !r.hooks);
  const rows = logs.map((r) => {
    const found = existsSync(r.root);
    return `<tr><td>${esc(r.agent)}</td><td><code>${esc(r.root)}</code></td><td class="status ${found ? 'found' : 'missing'}">${found ? 'found' : 'not found'}</td></tr>`;
  });
  const spool = ctx.engine.roots.find((r) => r.hooks);
  const hooks = spool ? `<p id="hooks">Claude Code hooks (<code>agentmon hook</code>, see docs/hooks.md): ${hookState(spool.root)}</p>` : '';
  return `<h2>Watched folders</h2><table id="folders"><thead><tr><th>agent</th><th>folder</th><th>status</th></tr></thead><tbody>${rows.join('')}</tbody></table>${hooks}`;
}

function hookState(dir: string): string {
  let files = 0;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).length;
  } catch {
    // No spool yet: no hook has run.
  }
  return files === 0 ? 'no hook events yet (register the hook to record exact tool times and permission waits)' : `${num(files)} spool file${files === 1 ? '' : 's'} in <code>${esc(dir)}</code>`;
}
