// The landing page's status and folders sections without a browser: what it says while the history is read and
// after, the files tracked per agent, the links, each watched folder found or not, and the hook spool's file count
// (only .jsonl files count; one file, several files); sections that return '' leave no trace.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { Engine } from '../../src/engine.js';
import { foldersSection } from '../../src/http/landing-folders.js';
import { renderLanding } from '../../src/http/landing.js';
import { silentLogger } from '../../src/util/log.js';
import { claudeAssistant, codexHeader } from '../helpers/lines.js';

const NOW = Date.parse('2026-03-12T12:00:00Z');

describe('landing page: status and folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentmon-landing-sections-'));
  const projects = join(dir, 'projects');
  const spool = join(dir, 'state', 'hooks');
  const sessions = join(dir, 'codex');
  let engine: Engine;
  before(async () => {
    mkdirSync(join(projects, 'p'), { recursive: true });
    writeFileSync(join(projects, 'p', 's.jsonl'), claudeAssistant({ msgId: 'm1', reqId: 'r1', ts: '2026-03-11T09:00:00Z', usage: { input: 10 } }) + '\n');
    mkdirSync(join(sessions, '2026', '03', '11'), { recursive: true });
    writeFileSync(join(sessions, '2026', '03', '11', 'rollout-2026-03-11T08-00-00-0199a000-0000-7000-8000-000000000001.jsonl'), codexHeader({ ts: '2026-03-11T08:00:00Z', id: '0199a000-0000-7000-8000-000000000001' }) + '\n');
    const config = await loadConfig({ dirs: { 'claude-code': [projects, join(dir, 'nowhere'), spool], codex: [sessions], gemini: [] }, stateDir: join(dir, 'state') }, {});
    engine = new Engine(config, silentLogger, undefined, {});
  });
  after(async () => {
    await engine?.tracker.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says it is reading the history, then that it tails, with the files tracked per agent', async () => {
    const reading = renderLanding(engine, 'v', NOW);
    assert.match(reading, /<p>Reading the history found on disk… Files tracked: none yet\.<\/p>/);
    await engine.scanAll();
    const read = renderLanding(engine, 'v', NOW);
    assert.match(read, /<p>History read; tailing for new lines\. Files tracked: claude-code: 1, codex: 1\.<\/p>/);
    assert.match(read, /<p><a href="\/metrics">\/metrics<\/a> · <a href="\/healthz">\/healthz<\/a> · <a href="\/readyz">\/readyz<\/a><\/p>/);
  });

  it('marks each watched folder found or not found, and keeps the spool out of the table', () => {
    const html = renderLanding(engine, 'v', NOW);
    const folders = /<table id="folders">.*?<\/table>/s.exec(html)?.[0] ?? '';
    assert.match(folders, /<thead><tr><th>agent<\/th><th>folder<\/th><th>status<\/th><\/tr><\/thead>/);
    assert.ok(folders.includes(`<tr><td>claude-code</td><td><code>${projects}</code></td><td class="status found">found</td></tr>`), folders);
    assert.ok(folders.includes(`<tr><td>claude-code</td><td><code>${join(dir, 'nowhere')}</code></td><td class="status missing">not found</td></tr>`), folders);
    assert.ok(!folders.includes(spool), 'the spool is not a folder row');
  });

  it('counts the spool\'s .jsonl files only: none, one, several', () => {
    const hooks = () => /<p id="hooks">(.*?)<\/p>/.exec(renderLanding(engine, 'v', NOW))?.[1] ?? '';
    assert.equal(hooks(), 'Claude Code hooks (<code>agentmon hook</code>, see docs/hooks.md): no hook events yet (register the hook to record exact tool times and permission waits)');
    mkdirSync(spool, { recursive: true });
    writeFileSync(join(spool, 'notes.txt'), 'x');
    writeFileSync(join(spool, 'a.jsonl.tmp'), 'x');
    assert.match(hooks(), /no hook events yet/, 'other files are not spool files');
    writeFileSync(join(spool, 'a.jsonl'), '{}\n');
    assert.equal(hooks(), `Claude Code hooks (<code>agentmon hook</code>, see docs/hooks.md): 1 spool file in <code>${spool}</code>`);
    writeFileSync(join(spool, 'b.jsonl'), '{}\n');
    assert.match(hooks(), new RegExp(`: 2 spool files in <code>${spool.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</code>$`));
  });

  it('shows the plan limits between the status and the usage (here: no plan data yet)', () => {
    const html = renderLanding(engine, 'v', NOW);
    assert.match(html, /\/readyz<\/a><\/p>\n<h2>Plan limits<\/h2>\n<p>No plan data yet\. .*<\/p>\n<h2>Usage<\/h2>/);
  });

  it('the folders section whole, without a hook spool: one row per folder and nothing after the table', () => {
    const roots = [{ agent: 'claude-code', root: projects }, { agent: 'codex', root: join(dir, 'nowhere') }];
    const html = foldersSection({ engine: { roots } as unknown as Engine, nowMs: NOW });
    assert.equal(html, '<h2>Watched folders</h2><table id="folders"><thead><tr><th>agent</th><th>folder</th><th>status</th></tr></thead><tbody>'
      + `<tr><td>claude-code</td><td><code>${projects}</code></td><td class="status found">found</td></tr>`
      + `<tr><td>codex</td><td><code>${join(dir, 'nowhere')}</code></td><td class="status missing">not found</td></tr>`
      + '</tbody></table>');
  });

  it('leaves out sections that return nothing, in page order', () => {
    const html = renderLanding(engine, 'v', NOW, [() => '<p>one</p>', () => '', () => '<p>two</p>']);
    assert.ok(html.includes('</small></h1>\n<p>one</p>\n<p>two</p>\n</body></html>\n'), html);
  });
});
