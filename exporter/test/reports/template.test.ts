// Report templates: the built-ins load, and bad templates fail with FILE:LINE:COL: path: message naming the field.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/config/problems.js';
import { loadTemplates, parseTemplate } from '../../src/reports/template/load.js';

const problemsOf = (text: string): string[] => {
  try {
    parseTemplate(text, 'bad.yaml');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message.split('\n');
  }
  assert.fail('template was accepted');
};

const GOOD = `name: mine
title: Mine
sections:
  - type: summary
`;

describe('report templates', () => {
  it('ships daily, weekly and monthly, each valid, with a schedule', () => {
    const all = loadTemplates();
    assert.deepEqual([...all.keys()].sort(), ['daily', 'monthly', 'weekly']);
    assert.deepEqual([...all.values()].map((t) => [t.template.name, t.template.period, t.template.schedule]).sort(), [
      ['daily', 'day', '0 8 * * *'],
      ['monthly', 'month', '0 8 1 * *'],
      ['weekly', 'week', '0 8 * * 1'],
    ]);
    assert.ok(all.get('monthly')!.template.sections.some((s) => s.type === 'chart' && s.by === 'project'));
  });

  it('fills defaults: week, html, every insight', () => {
    const t = parseTemplate(`${GOOD}  - type: insights\n`, 'mine.yaml');
    assert.equal(t.period, 'week');
    assert.deepEqual(t.formats, ['html']);
    const s = t.sections[1]!;
    assert.ok(s.type === 'insights' && s.include.length === 6 && s.smallSession.maxRequests === 10 && s.minSamples.toolCalls === 20);
  });

  it('names the field, its position and what is allowed', () => {
    assert.deepEqual(problemsOf(`${GOOD}  - type: chart\n    metric: cost\n    by: day\n`), ['bad.yaml:6:13: sections[1].metric: expected one of costUsd, requests, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, totalTokens, cacheHitRatio, toolCalls, toolErrors, toolErrorRate, repeatedToolCalls, toolSeconds, prompts, apiErrors, sessions, costPerSession, sessionMinutes, got the text "cost"']);
    assert.deepEqual(problemsOf(`${GOOD}  - type: graph\n`), ['bad.yaml:5:11: sections[1].type: unknown section type "graph"; use one of summary, chart, table, insights']);
    assert.deepEqual(problemsOf(`${GOOD}  - metrics: [costUsd]\n`), ['bad.yaml:5:5: sections[1].type: required field is missing: say which kind of section (summary, chart, table, insights)']);
    assert.deepEqual(problemsOf(`${GOOD}  - type: table\n    rows: sessions\n    columns: [session, cost]\n    sortt: session\n`), [
      'bad.yaml:7:24: sections[1].columns[1]: unknown column "cost" for rows: sessions; use one of session, agent, project, model, started, minutes, prompts, requests, toolCalls, toolErrors, apiErrors, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, costUsd',
      'bad.yaml:8:5: sections[1].sortt: unknown field; did you mean "sort"?',
    ]);
  });

  it('checks what a chart can show and the schedule and zone', () => {
    assert.deepEqual(problemsOf(`${GOOD}  - type: chart\n    chart: line\n    metric: prompts\n    by: model\n`), [
      'bad.yaml:8:9: sections[1].by: prompts cannot be split by model',
      'bad.yaml:8:9: sections[1].by: a line chart needs a time dimension: hour, day, week or month',
    ]);
    const lines = problemsOf(`${GOOD}schedule: "every monday"\ntimezone: Mars/Olympus\nformats: [html, docx]\ndelivery:\n  email:\n    to: [not-an-address]\n`);
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^bad\.yaml:5:11: schedule: not a cron expression/);
    assert.match(lines[1]!, /^bad\.yaml:6:11: timezone: not a time zone/);
    assert.match(lines[2]!, /^bad\.yaml:7:17: formats\[1\]: expected one of html, pdf, md, json, csv, got the text "docx"/);
    assert.match(lines[3]!, /^bad\.yaml:10:10: delivery\.email\.to\[0\]: /);
  });

  it('requires sections and a name like the file, and reports every bad file in a folder', () => {
    assert.deepEqual(problemsOf('name: x\ntitle: X\n'), ['bad.yaml:1:1: sections: required field is missing']);
    const dir = mkdtempSync(join(tmpdir(), 'agentmon-templates-'));
    try {
      writeFileSync(join(dir, 'weekly.yaml'), GOOD);
      writeFileSync(join(dir, 'broken.yaml'), 'name: broken\ntitle: B\nsections: []\n');
      assert.throws(() => loadTemplates(dir), (err: ConfigError) => {
        assert.deepEqual(err.message.split('\n'), [
          `${join(dir, 'broken.yaml')}:3:11: sections: must not be empty`,
          `${join(dir, 'weekly.yaml')}: name: the name "mine" differs from the file name "weekly"; make them equal`,
        ]);
        return true;
      });
      writeFileSync(join(dir, 'broken.yaml'), GOOD.replace('mine', 'broken'));
      writeFileSync(join(dir, 'weekly.yaml'), GOOD.replace('mine', 'weekly').replace('Mine', 'Our week'));
      const all = loadTemplates(dir);
      assert.equal(all.get('weekly')?.template.title, 'Our week');
      assert.equal(all.get('weekly')?.builtin, false);
      assert.equal(all.size, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
