// The report's charts as SVG, in the test process: the axis (ticks of 1, 2 or 5 × 10^n, whole steps for counts, labels
// with one number of decimals), bars and points placed on the 680 × 280 canvas (plot 592 × 200 from x 72, y 16), x
// labels thinned past 16 points, and pies with their slices, legend, shares and unpriced marks. The coordinates below
// are worked out by hand from those sizes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChartResult } from '../../src/reports/document.js';
import { axisTicks, chartSvg, tickLabels } from '../../src/reports/render/svg.js';

const chart = (c: Partial<ChartResult> & Pick<ChartResult, 'chart' | 'points'>): ChartResult => ({ type: 'chart', title: 'T', metric: 'costUsd', unit: 'usd', by: 'model', empty: false, ...c });
const svgOpen = (kind: string, label: string): string => `<svg class="chart chart-${kind}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 680 280" width="680" height="280" role="img" aria-label="${label}">`;

describe('chart axes', () => {
  it('ticks: 0 and equal steps of 1, 2 or 5 × 10^n reaching the maximum; whole steps for counts', () => {
    assert.deepEqual(axisTicks(4, false), [0, 1, 2, 3, 4]);
    assert.deepEqual(axisTicks(5, true), [0, 2, 4, 6]);
    assert.deepEqual(axisTicks(8, false), [0, 2, 4, 6, 8]);
    assert.deepEqual(axisTicks(8.01, false), [0, 5, 10]);
    assert.deepEqual(axisTicks(20, false), [0, 5, 10, 15, 20]);
    assert.deepEqual(axisTicks(30, false), [0, 10, 20, 30]);
    assert.deepEqual(axisTicks(0.3, false), [0, 0.1, 0.2, 0.3]);
    assert.deepEqual(axisTicks(0.3, true), [0, 1]);
    assert.deepEqual(axisTicks(0, false), [0, 1]);
    assert.deepEqual(axisTicks(0, true), [0, 1]);
    assert.deepEqual(axisTicks(1200, true), [0, 500, 1000, 1500]);
  });

  it('labels: one number of decimals per axis, dollars with at least two, ratios as percentages', () => {
    assert.deepEqual(tickLabels([0, 1, 2], 'usd'), ['$0.00', '$1.00', '$2.00']);
    assert.deepEqual(tickLabels([0, 0.005, 0.01], 'usd'), ['$0.000', '$0.005', '$0.010']);
    assert.deepEqual(tickLabels([0, 500, 1000, 1500], 'count'), ['0', '500', '1,000', '1,500']);
    assert.deepEqual(tickLabels([0, 0.5, 1], 'tokens'), ['0.0', '0.5', '1.0']);
    assert.deepEqual(tickLabels([0, 0.2, 0.4], 'ratio'), ['0%', '20%', '40%']);
    assert.deepEqual(tickLabels([0, 0.025, 0.05], 'ratio'), ['0.0%', '2.5%', '5.0%']);
    assert.deepEqual(tickLabels([0], 'count'), ['0'], 'one tick: a step of 1');
    assert.deepEqual(tickLabels([0, 1 / 3], 'count'), ['0.000000', '0.333333'], 'at most six decimals');
  });
});

describe('bar and line charts', () => {
  it('bars: the whole SVG for two bars, one unpriced', () => {
    const c = chart({ chart: 'bar', title: 'Cost <by> model', points: [{ key: 'a', label: 'model-a', value: 4 }, { key: 'b', label: 'model-b', value: 1 }], unpricedKeys: ['b'] });
    // ticks 0..4 step 1; y(v) = 216 - 50 v; two slots of 296: centres at 220 and 516; bars 48 wide.
    const tick = (y: number, label: string): string =>
      `<line x1="72" x2="664" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e4e4e4"/><text class="tick" x="66" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="10" fill="#555">${label}</text>`;
    const expected = svgOpen('bar', 'Cost &#60;by&#62; model')
      + tick(216, '$0.00') + tick(166, '$1.00') + tick(116, '$2.00') + tick(66, '$3.00') + tick(16, '$4.00')
      + '<rect class="bar" data-key="a" data-value="4" x="196.0" y="16.0" width="48.0" height="200.0" fill="#3274d9"><title>model-a: $4.00</title></rect>'
      + '<rect class="bar" data-key="b" data-value="1" x="492.0" y="166.0" width="48.0" height="50.0" fill="#3274d9"><title>model-b: $1.00</title></rect>'
      + '<text x="220" y="228" font-size="10" fill="#555" text-anchor="end" transform="rotate(-35 220 228)">model-a</text>'
      + '<text x="516" y="228" font-size="10" fill="#555" text-anchor="end" transform="rotate(-35 516 228)">model-b*</text>'
      + '<line x1="72" x2="664" y1="216" y2="216" stroke="#999"/></svg>';
    assert.equal(chartSvg(c), expected);
  });

  it('lines: a polyline through the points and a point each; counts on whole ticks; a negative value sits on the axis', () => {
    const c = chart({ chart: 'line', unit: 'count', metric: 'requests', points: [{ key: 'd1', label: 'd1', value: 3 }, { key: 'd2', label: 'd2', value: -2 }, { key: 'd3', label: 'd3', value: 5 }] });
    const svg = chartSvg(c);
    assert.ok(svg.startsWith(svgOpen('line', 'T')));
    // ticks 0, 2, 4, 6: y(v) = 216 - 200 v / 6; slots of 592 / 3: centres 170.7, 368.0, 565.3
    assert.deepEqual([...svg.matchAll(/<text class="tick" x="66" y="([\d.]+)"[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`), ['220.0 0', '153.3 2', '86.7 4', '20.0 6']);
    assert.ok(svg.includes('<polyline class="line" points="170.7,116.0 368.0,216.0 565.3,49.3" fill="none" stroke="#3274d9" stroke-width="2"/>'), svg);
    assert.deepEqual([...svg.matchAll(/<circle class="point" data-key="(\w+)" data-value="(-?\d+)" cx="([\d.]+)" cy="([\d.]+)" r="3" fill="#3274d9"><title>([^<]*)<\/title><\/circle>/g)].map((m) => m.slice(1).join(' ')), [
      'd1 3 170.7 116.0 d1: 3',
      'd2 -2 368.0 216.0 d2: -2',
      'd3 5 565.3 49.3 d3: 5',
    ]);
    assert.doesNotMatch(svg, /class="bar"/);
    assert.equal(svg.split('</circle><circle class="point"').length, 3, 'the points follow one another');
  });

  it('counts and tokens get whole-number gridlines; dollars and ratios may step by halves', () => {
    const ticksOf = (unit: ChartResult['unit']): string[] =>
      [...chartSvg(chart({ chart: 'bar', unit, points: [{ key: 'a', label: 'a', value: 1 }] })).matchAll(/<text class="tick"[^>]*>([^<]*)</g)].map((m) => m[1]!);
    assert.deepEqual(ticksOf('count'), ['0', '1']);
    assert.deepEqual(ticksOf('tokens'), ['0', '1']);
    assert.deepEqual(ticksOf('usd'), ['$0.00', '$0.50', '$1.00']);
    assert.deepEqual(ticksOf('ratio'), ['0%', '50%', '100%']);
  });

  it('x labels: every point up to 16, then every n-th; "week of" dropped and long labels cut at 24 characters', () => {
    const points = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, label: `week of 2026-01-${String(i + 1).padStart(2, '0')} and a long tail`, value: i }));
    const labels = (svg: string): string[] => [...svg.matchAll(/transform="rotate\(-35 [^"]*\)">([^<]*)</g)].map((m) => m[1]!);
    const sixteen = labels(chartSvg(chart({ chart: 'bar', points: points(16) })));
    assert.equal(sixteen.length, 16);
    assert.equal(sixteen[0], '2026-01-01 and a long ta');
    const seventeen = labels(chartSvg(chart({ chart: 'bar', points: points(17) })));
    assert.deepEqual(seventeen.map((l) => l.slice(8, 10)), ['01', '03', '05', '07', '09', '11', '13', '15', '17']);
    assert.deepEqual(labels(chartSvg(chart({ chart: 'bar', points: [{ key: 'm', label: 'the week of 9 March', value: 1 }] }))), ['the week of 9 March'], 'only a leading "week of " goes');
  });

  it('many bars are never thinner than 1 nor wider than 48', () => {
    const widths = (n: number): string[] => [...chartSvg(chart({ chart: 'bar', points: Array.from({ length: n }, (_, i) => ({ key: `${i}`, label: `${i}`, value: 1 })) })).matchAll(/class="bar"[^>]* width="([\d.]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(new Set(widths(1)), new Set(['48.0']));
    assert.deepEqual(new Set(widths(20)), new Set(['20.7'])); // 592 / 20 × 0.7
    assert.deepEqual(new Set(widths(1000)), new Set(['1.0']));
  });
});

describe('pie charts', () => {
  it('slices from twelve o\'clock, clockwise, with a legend of values and shares; unpriced values starred or named', () => {
    const c = chart({
      chart: 'pie',
      points: [{ key: 'a', label: 'model-a', value: 3 }, { key: 'b', label: 'model-b', value: 1 }, { key: 'c', label: 'model-c', value: 0 }, { key: 'd', label: 'model-d', value: 0 }],
      unpricedKeys: ['b', 'c'],
    });
    const legend = (i: number, color: string, text: string): string =>
      `<rect x="290" y="${14 + 20 * i}" width="12" height="12" fill="${color}"/><text class="legend" x="308" y="${24 + 20 * i}" font-size="12" fill="#222">${text}</text>`;
    const expected = svgOpen('pie', 'T')
      + '<path class="slice" data-key="a" data-value="3" d="M140,140 L140.00,30.00 A110,110 0 1 1 30.00,140.00 Z" fill="#3274d9" stroke="#fff"><title>model-a: $3.00</title></path>'
      + legend(0, '#3274d9', 'model-a: $3.00 (75.0%)')
      + '<path class="slice" data-key="b" data-value="1" d="M140,140 L30.00,140.00 A110,110 0 0 1 140.00,30.00 Z" fill="#e0752d" stroke="#fff"><title>model-b: $1.00</title></path>'
      + legend(1, '#e0752d', 'model-b: $1.00* (25.0%)')
      + legend(2, '#56a64b', 'model-c: unpriced')
      + legend(3, '#a352cc', 'model-d: $0.00 (0.0%)')
      + '</svg>';
    assert.equal(chartSvg(c), expected);
  });

  it('one slice is a whole circle; colours repeat after ten; nothing to draw says "no data"', () => {
    const whole = chartSvg(chart({ chart: 'pie', points: [{ key: 'only', label: 'only', value: 2 }] }));
    assert.ok(whole.includes('<circle class="slice" data-key="only" data-value="2" cx="140" cy="140" r="110" fill="#3274d9"><title>only: $2.00</title></circle>'), whole);
    assert.doesNotMatch(whole, /no data/);
    const eleven = chartSvg(chart({ chart: 'pie', points: Array.from({ length: 11 }, (_, i) => ({ key: `${i}`, label: `${i}`, value: 1 })) }));
    const fills = [...eleven.matchAll(/<path class="slice"[^>]* fill="(#\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(fills, ['#3274d9', '#e0752d', '#56a64b', '#a352cc', '#d44a3a', '#1f9e9e', '#c79a14', '#6e6e6e', '#8ab8ff', '#ff9ebf', '#3274d9']);
    const noData = '<text x="140" y="140" text-anchor="middle" font-size="12" fill="#777">no data</text>';
    assert.ok(chartSvg(chart({ chart: 'pie', points: [] })).endsWith(`${noData}</svg>`));
    const zeros = chartSvg(chart({ chart: 'pie', points: [{ key: 'z', label: 'z', value: 0 }] }));
    assert.ok(zeros.endsWith(`<text class="legend" x="308" y="24" font-size="12" fill="#222">z: $0.00</text>${noData}</svg>`), zeros);
    assert.doesNotMatch(zeros, /class="slice"/);
  });

  it('a slice over half the pie takes the large arc; a legend label is cut at 40 characters', () => {
    const svg = chartSvg(chart({ chart: 'pie', points: [{ key: 'x', label: 'x'.repeat(50), value: 1 }, { key: 'y', label: 'y', value: 1 }] }));
    const arcs = [...svg.matchAll(/ A110,110 0 (\d) 1 /g)].map((m) => m[1]);
    assert.deepEqual(arcs, ['0', '0'], 'two halves: neither is over half');
    assert.ok(svg.includes(`>${'x'.repeat(40)}: $1.00 (50.0%)</text>`));
  });
});
