// Report periods in a time zone: last complete day/week/month, the previous period, and buckets across DST.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketLabel, bucketsOf, dayRange, lastCompletePeriod, previousRange } from '../../src/reports/period.js';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('report periods', () => {
  const now = Date.parse('2026-03-11T10:00:00Z'); // a Wednesday

  it('picks the last complete day, Monday-to-Sunday week and month in UTC', () => {
    const day = lastCompletePeriod('day', now, 'UTC');
    const week = lastCompletePeriod('week', now, 'UTC');
    const month = lastCompletePeriod('month', now, 'UTC');
    assert.deepEqual([iso(day.startMs), iso(day.endMs)], ['2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z']);
    assert.deepEqual([iso(week.startMs), iso(week.endMs)], ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z']);
    assert.deepEqual([iso(month.startMs), iso(month.endMs)], ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
    // The month before February is January (31 days), not the 28 days before it.
    assert.equal(iso(previousRange(month, 'UTC').startMs), '2026-01-01T00:00:00.000Z');
    assert.equal(iso(previousRange(week, 'UTC').startMs), '2026-02-23T00:00:00.000Z');
  });

  it('counts days in the zone: a Paris week holds the 23-hour DST Sunday', () => {
    const week = lastCompletePeriod('week', Date.parse('2026-04-01T12:00:00Z'), 'Europe/Paris');
    assert.deepEqual([iso(week.startMs), iso(week.endMs)], ['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    const days = bucketsOf(week, 'day', 'Europe/Paris');
    assert.deepEqual(days.map((d) => bucketLabel(d, 'day', 'Europe/Paris')), ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    assert.equal(bucketsOf(week, 'hour', 'Europe/Paris').length, 7 * 24 - 1);
  });

  it('turns inclusive --from/--to days into a half-open range, also at half-hour offsets', () => {
    const r = dayRange('2026-03-09', '2026-03-10', 'Asia/Kolkata');
    assert.deepEqual([iso(r.startMs), iso(r.endMs)], ['2026-03-08T18:30:00.000Z', '2026-03-10T18:30:00.000Z']);
    assert.deepEqual(bucketsOf(dayRange('2026-02-27', '2026-03-02', 'UTC'), 'month', 'UTC').map((m) => bucketLabel(m, 'month', 'UTC')), ['2026-02', '2026-03']);
  });
});
