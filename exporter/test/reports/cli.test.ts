// `agentmon report` from the built CLI: totals equal `agentmon scan --json` for the same days, every format holds
// them, the PDF's text and charts are really there (pdftotext, pdftoppm), and mistakes exit 2 with the reason.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { agentmon, ensureBuilt, EXPORTER_DIR } from '../fixtures/cli.js';
import { FIXTURES } from '../fixtures/harness.js';
import { runCli } from '../cli/run-cli.js';
import { teamLogs } from './harness.js';

const logs = teamLogs();
const DIRS = ['--claude-dir', logs.claude, '--codex-dir', logs.codex, '--claude-dir', join(FIXTURES, 'days', 'claude'), '--codex-dir', join(FIXTURES, 'days', 'codex')];
type Totals = Record<string, number>;

const scanTotals = async (since: string, until: string): Promise<Totals> => (JSON.parse(await agentmon(['scan', '--json', ...DIRS, '--since', since, '--until', until])) as { totals: Totals }).totals;
const reportJson = async (template: string, from: string, to: string) => JSON.parse(await agentmon(['report', '--template', template, '--format', 'json', ...DIRS, '--from', from, '--to', to])) as { totals: Totals; range: Record<string, string>; sections: { type: string; items?: { metric: string; value: number }[] }[] };

/** Returns [non-white pixels, pixels close to the chart blue #3274d9] of a binary PPM (P6). */
function countPixels(ppm: Buffer): [number, number] {
  const header = ppm.subarray(0, 64).toString('latin1').split(/\s+/);
  const [w, h] = [Number(header[1]), Number(header[2])];
  const start = ppm.length - w * h * 3;
  let ink = 0;
  let blue = 0;
  for (let i = start; i < ppm.length; i += 3) {
    const [r, g, b] = [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
    if (r < 240 || g < 240 || b < 240) ink++;
    if (Math.abs(r - 0x32) < 24 && Math.abs(g - 0x74) < 24 && Math.abs(b - 0xd9) < 24) blue++;
  }
  return [ink, blue];
}

describe('agentmon report (built CLI)', () => {
  before(() => {
    ensureBuilt();
    execFileSync('bash', [join(EXPORTER_DIR, '..', 'scripts', 'install-tools.sh')], { stdio: 'inherit' });
  });
  after(() => logs.cleanup());

  it('agrees with scan --json to the cent, for weeks, a month, a day and an empty range', async () => {
    for (const [template, from, to] of [['weekly', '2026-03-09', '2026-03-15'], ['weekly', '2026-03-02', '2026-03-08'], ['monthly', '2026-03-01', '2026-03-31'], ['daily', '2026-03-10', '2026-03-10'], ['daily', '2026-04-01', '2026-04-01']] as const) {
      const report = await reportJson(template, from, to);
      assert.deepEqual(report.totals, await scanTotals(from, to), `${template} ${from}..${to}`);
      assert.deepEqual([report.range.firstDay, report.range.lastDay], [from, to]);
    }
    // Hand count for week B: the team's Opus and Codex usage (see team-logs.ts); the days fixture adds 2026-03-09..11.
    const weekB = await reportJson('weekly', '2026-03-09', '2026-03-15');
    const summary = weekB.sections.find((s) => s.type === 'summary')!.items!;
    assert.equal(summary.find((i) => i.metric === 'costUsd')?.value, weekB.totals.costUsd);
    assert.equal(weekB.totals.requests, 7 + 3);
  });

  it('writes the same totals in Markdown and CSV', async () => {
    const md = await agentmon(['report', '--template', 'weekly', '--format', 'md', ...DIRS, '--from', '2026-03-09', '--to', '2026-03-15']);
    const t = await scanTotals('2026-03-09', '2026-03-15');
    assert.match(md, /^# Weekly progress\n/);
    assert.ok(md.includes(`| $${t.costUsd!.toFixed(4)} | ${t.requests} |`), md.slice(0, 600));
    const csv = await agentmon(['report', '--template', 'weekly', '--format', 'csv', ...DIRS, '--from', '2026-03-09', '--to', '2026-03-15']);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'section,kind,row,column,value');
    assert.ok(lines.includes(`Totals,totals,total,costUsd,${t.costUsd}`));
    assert.ok(lines.includes('Tools,table,Read,repeatedToolCalls,1'));
  });

  it('prints a PDF whose text holds the totals and whose first page shows the chart', async () => {
    const out = join(logs.dir, 'weekly.pdf');
    await agentmon(['report', '--template', 'weekly', ...DIRS, '--from', '2026-03-09', '--to', '2026-03-15', '--out', out]);
    assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    const t = await scanTotals('2026-03-09', '2026-03-15');
    for (const s of ['Weekly progress', '2026-03-09 to 2026-03-15', `$${t.costUsd!.toFixed(4)}`, 'Cost per day', 'Model right-sizing', 'Estimated saving']) assert.ok(text.includes(s), `PDF text lacks ${s}`);
    assert.match(text, new RegExp(`Requests\\s[\\s\\S]*?\\b${t.requests}\\b`));
    execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', out, join(logs.dir, 'page')]);
    const [ink, blue] = countPixels(readFileSync(join(logs.dir, 'page-1.ppm')));
    // An A4 page at 50 dpi has ~240,000 pixels: text and cards ink a few percent; the bars are the only blue.
    assert.ok(ink > 5000, `page 1 looks blank: ${ink} inked pixels`);
    assert.ok(blue > 300, `no chart bars on page 1: ${blue} blue pixels`);
  });

  it('writes a PDF without --out to a named file, never to the terminal; --out - pipes it', async () => {
    const cwd = join(logs.dir, 'pdf-here');
    mkdirSync(cwd);
    const r = await runCli(['report', '--template', 'weekly', '--format', 'pdf', ...DIRS, '--from', '2026-03-09', '--to', '2026-03-15'], { cwd, timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^wrote weekly-2026-03-09_2026-03-15\.pdf \(\d+ bytes/);
    assert.equal(readFileSync(join(cwd, 'weekly-2026-03-09_2026-03-15.pdf')).subarray(0, 5).toString(), '%PDF-');
    const piped = await runCli(['report', '--template', 'weekly', '--format', 'pdf', '--out', '-', ...DIRS, '--from', '2026-03-09', '--to', '2026-03-15'], { cwd, timeoutMs: 60_000 });
    assert.equal(piped.code, 0, piped.stderr);
    assert.ok(piped.stdout.startsWith('%PDF-'));
  });

  it('exits 2 naming the mistake: missing template, unknown format, bad template file, --to without --from', async () => {
    const none = await runCli(['report', ...DIRS]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^agentmon report: --template is required/);
    assert.match(none.stderr, /\nRun 'agentmon report --help' for its options\.\n$/);
    const fmt = await runCli(['report', '--template', 'weekly', '--format', 'docx', ...DIRS]);
    assert.deepEqual([fmt.code, fmt.stderr.split('\n')[0]], [2, 'agentmon report: --format expects one of html, pdf, md, json, csv, got "docx"']);
    const unknown = await runCli(['report', '--template', 'yearly', ...DIRS]);
    assert.deepEqual([unknown.code, unknown.stderr], [2, '--template: no template named "yearly"; known: daily, monthly, weekly (or give a .yaml file)\n']);
    const file = join(logs.dir, 'mine.yaml');
    writeFileSync(file, 'name: mine\ntitle: Mine\nsections:\n  - type: chart\n    metric: costUsd\n    by: week\n    chart: pie\n');
    const bad = await runCli(['report', '--template', file, ...DIRS]);
    assert.deepEqual([bad.code, bad.stderr], [2, `${file}:6:9: sections[0].by: a pie chart needs a label dimension: agent, project, model, tool or errorCategory\n`]);
    const to = await runCli(['report', '--template', 'weekly', '--to', '2026-03-01', ...DIRS]);
    assert.deepEqual([to.code, to.stderr.split('\n')[0]], [2, 'agentmon report: --to needs --from']);
  });

  it('stops serve at start with exit 2 when a template in reports.templatesDir is bad', async () => {
    const dir = join(logs.dir, 'bad-templates');
    mkdirSync(dir);
    writeFileSync(join(dir, 'nightly.yaml'), 'name: nightly\ntitle: N\nschedule: "61 * * * *"\nsections:\n  - type: summary\n');
    const config = join(logs.dir, 'bad-templates.yaml');
    writeFileSync(config, `reports:\n  templatesDir: ${dir}\n`);
    const r = await runCli(['serve', '--config', config, '--port', '0', '--state-dir', join(logs.dir, 'state-bad'), ...DIRS]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^${join(dir, 'nightly.yaml')}:3:11: schedule: not a cron expression`));
  });

  it('lists the templates and shows its help', async () => {
    const list = await runCli(['report', '--list']);
    assert.equal(list.code, 0);
    assert.deepEqual(list.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0]), ['daily', 'monthly', 'weekly']);
    const help = await runCli(['report', '--help']);
    assert.equal(help.code, 0);
    for (const flag of ['--template', '--format', '--out', '--from', '--to', '--timezone', '--claude-dir', '--codex-dir', '--config', '--list']) assert.ok(help.stdout.includes(flag), flag);
  });
});
