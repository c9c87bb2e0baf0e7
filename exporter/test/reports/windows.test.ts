// Reports list Claude Code's 5-hour windows (`rows: windows`, in the built-in weekly template): the windows that
// started in the range, with the same numbers as `scan --blocks`, chronological, and none when the template's agent
// filter leaves Claude Code out.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildReport } from '../../src/reports/build.js';
import type { ReportSources } from '../../src/reports/data.js';
import type { TableResult } from '../../src/reports/document.js';
import { loadTemplates } from '../../src/reports/template/load.js';
import { TemplateSchema } from '../../src/reports/template/schema.js';
import { FIXTURES } from '../fixtures/harness.js';
import { scanForReports } from './harness.js';

const WEEK = { startMs: Date.parse('2026-03-30T00:00:00Z'), endMs: Date.parse('2026-04-06T00:00:00Z') };
const template = (extra: Record<string, unknown> = {}) =>
  TemplateSchema.parse({ name: 'w', title: 'W', ...extra, sections: [{ type: 'table', title: 'Windows', rows: 'windows', columns: ['started', 'ends', 'requests', 'inputTokens', 'outputTokens', 'totalTokens', 'costUsd', 'models'], sort: 'started', order: 'asc' }] });
const table = async (src: ReportSources, t: ReturnType<typeof template>, range = WEEK): Promise<TableResult> =>
  (await buildReport(t, src, { range, timezone: 'UTC' })).sections[0] as TableResult;

describe('report tables of 5-hour windows (fixtures/blocks)', () => {
  let src: ReportSources;
  before(async () => {
    src = (await scanForReports({ claude: join(FIXTURES, 'blocks') })).src;
  });

  it('lists each window that started in the range, in order, with the numbers of scan --blocks', async () => {
    const t = await table(src, template());
    assert.deepEqual(t.columns.map((c) => [c.key, c.label, c.unit]), [
      ['started', 'Started', 'text'], ['ends', 'Ends', 'text'], ['requests', 'Model requests', 'count'], ['inputTokens', 'Input tokens (uncached)', 'tokens'],
      ['outputTokens', 'Output tokens', 'tokens'], ['totalTokens', 'All tokens', 'tokens'], ['costUsd', 'Cost (USD)', 'usd'], ['models', 'Models', 'text'],
    ]);
    const m = 'claude-sonnet-4-5-20250929';
    assert.deepEqual(t.items, [
      { started: '2026-04-01 09:00', ends: '2026-04-01 14:00', requests: 2, inputTokens: 300, outputTokens: 150, totalTokens: 450, costUsd: 0.00315, models: m },
      { started: '2026-04-01 14:00', ends: '2026-04-01 19:00', requests: 2, inputTokens: 700, outputTokens: 260, totalTokens: 960, costUsd: 0.006, models: m },
      { started: '2026-04-02 02:00', ends: '2026-04-02 07:00', requests: 1, inputTokens: 500, outputTokens: 20, totalTokens: 520, costUsd: 0.0018, models: m },
    ]);
  });

  it('keeps only windows that started in the range, and none when the filter leaves Claude Code out', async () => {
    const day2 = { startMs: Date.parse('2026-04-02T00:00:00Z'), endMs: Date.parse('2026-04-03T00:00:00Z') };
    assert.deepEqual((await table(src, template(), day2)).items.map((i) => i.started), ['2026-04-02 02:00']);
    assert.deepEqual((await table(src, template({ filter: { agents: ['codex'] } }))).items, []);
  });

  it('is part of the built-in weekly template, and its columns are checked', async () => {
    const weekly = loadTemplates().get('weekly')!.template;
    const doc = await buildReport(weekly, src, { range: WEEK, timezone: 'UTC' });
    const windows = doc.sections.find((s) => s.type === 'table' && s.rows === 'windows') as TableResult;
    assert.deepEqual(windows.items.map((i) => [i.started, i.requests]), [['2026-04-01 09:00', 2], ['2026-04-01 14:00', 2], ['2026-04-02 02:00', 1]]);
    assert.throws(() => TemplateSchema.parse({ name: 'w', title: 'W', sections: [{ type: 'table', rows: 'windows', columns: ['started', 'toolCalls'] }] }), /unknown column \\"toolCalls\\" for rows: windows/);
  });
});
