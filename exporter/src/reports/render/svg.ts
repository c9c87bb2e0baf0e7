// Charts as inline SVG, drawn here (no chart library): bars and lines on a scaled axis, pies with a legend.
// Every mark carries a class (bar, point, slice) and its value, so tests and readers can check it.
import type { ChartResult } from '../document.js';
import { esc, formatValue } from './format.js';

const W = 680;
const H = 280;
const PAD = { left: 72, right: 16, top: 16, bottom: 64 };
const COLORS = ['#3274d9', '#e0752d', '#56a64b', '#a352cc', '#d44a3a', '#1f9e9e', '#c79a14', '#6e6e6e', '#8ab8ff', '#ff9ebf'];

/** Returns the y-axis ticks for values up to `max`: 0 and 3 to 5 equal steps of 1, 2 or 5 × 10^n (whole steps for counts). */
export function axisTicks(max: number, whole: boolean): number[] {
  const target = max > 0 ? max / 4 : 1;
  const p = 10 ** Math.floor(Math.log10(target));
  let step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= target) ?? 10 * p;
  if (whole) step = Math.max(1, Math.ceil(step));
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Returns the tick labels of an axis, all with the same number of decimals (dollars with at least 2). */
export function tickLabels(ticks: readonly number[], unit: ChartResult['unit']): string[] {
  const step = ticks[1] ?? 1;
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals++;
  switch (unit) {
    case 'usd':
      return ticks.map((t) => `$${t.toLocaleString('en-US', { minimumFractionDigits: Math.max(2, decimals), maximumFractionDigits: Math.max(2, decimals) })}`);
    case 'ratio':
      return ticks.map((t) => `${(t * 100).toFixed(Math.max(0, decimals - 2))}%`);
    default:
      return ticks.map((t) => t.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));
  }
}

function axes(ticks: readonly number[], labels: readonly string[], yOf: (v: number) => number): string {
  const lines: string[] = [];
  ticks.forEach((t, i) => {
    const y = yOf(t);
    lines.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e4e4e4"/>`);
    lines.push(`<text class="tick" x="${PAD.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="10" fill="#555">${esc(labels[i] ?? '')}</text>`);
  });
  return lines.join('');
}

function xLabels(chart: ChartResult, xOf: (i: number) => number): string {
  const n = chart.points.length;
  const marked = new Set(chart.unpricedKeys ?? []);
  const every = Math.max(1, Math.ceil(n / 16));
  return chart.points
    .map((p, i) => {
      if (i % every !== 0) return '';
      const x = xOf(i);
      const y = H - PAD.bottom + 12;
      const text = `${p.label.replace(/^week of /, '').slice(0, 24)}${marked.has(p.key) ? '*' : ''}`;
      return `<text x="${x}" y="${y}" font-size="10" fill="#555" text-anchor="end" transform="rotate(-35 ${x} ${y})">${esc(text)}</text>`;
    })
    .join('');
}

function barOrLine(chart: ChartResult): string {
  const n = Math.max(1, chart.points.length);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  // Whole-number metrics get whole-number gridlines (0, 1, 2, 3 rather than 0, 0.5, 1, ...).
  const ticks = axisTicks(Math.max(0, ...chart.points.map((p) => p.value)), chart.unit === 'count' || chart.unit === 'tokens');
  const top = ticks[ticks.length - 1]!;
  const yOf = (v: number): number => PAD.top + plotH - (plotH * Math.max(0, v)) / top;
  const slot = plotW / n;
  const xOf = (i: number): number => PAD.left + slot * i + slot / 2;
  let marks: string;
  if (chart.chart === 'line') {
    const pts = chart.points.map((p, i) => `${xOf(i).toFixed(1)},${yOf(p.value).toFixed(1)}`).join(' ');
    marks =
      `<polyline class="line" points="${pts}" fill="none" stroke="${COLORS[0]}" stroke-width="2"/>` +
      chart.points.map((p, i) => `<circle class="point" data-key="${esc(p.key)}" data-value="${p.value}" cx="${xOf(i).toFixed(1)}" cy="${yOf(p.value).toFixed(1)}" r="3" fill="${COLORS[0]}"><title>${esc(`${p.label}: ${formatValue(p.value, chart.unit)}`)}</title></circle>`).join('');
  } else {
    const bw = Math.max(1, Math.min(48, slot * 0.7));
    marks = chart.points
      .map((p, i) => {
        const y = yOf(p.value);
        return `<rect class="bar" data-key="${esc(p.key)}" data-value="${p.value}" x="${(xOf(i) - bw / 2).toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${(PAD.top + plotH - y).toFixed(1)}" fill="${COLORS[0]}"><title>${esc(`${p.label}: ${formatValue(p.value, chart.unit)}`)}</title></rect>`;
      })
      .join('');
  }
  return axes(ticks, tickLabels(ticks, chart.unit), yOf) + marks + xLabels(chart, xOf) + `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="#999"/>`;
}

function pie(chart: ChartResult): string {
  const total = chart.points.reduce((a, p) => a + Math.max(0, p.value), 0);
  const marked = new Set(chart.unpricedKeys ?? []);
  const cx = 140;
  const cy = H / 2;
  const r = 110;
  let angle = -Math.PI / 2;
  const out: string[] = [];
  chart.points.forEach((p, i) => {
    const v = Math.max(0, p.value);
    const color = COLORS[i % COLORS.length]!;
    if (total > 0 && v > 0) {
      const a = (v / total) * Math.PI * 2;
      const title = `<title>${esc(`${p.label}: ${formatValue(p.value, chart.unit)}`)}</title>`;
      if (a >= Math.PI * 2 - 1e-9) {
        out.push(`<circle class="slice" data-key="${esc(p.key)}" data-value="${p.value}" cx="${cx}" cy="${cy}" r="${r}" fill="${color}">${title}</circle>`);
      } else {
        const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
        const [x2, y2] = [cx + r * Math.cos(angle + a), cy + r * Math.sin(angle + a)];
        out.push(`<path class="slice" data-key="${esc(p.key)}" data-value="${p.value}" d="M${cx},${cy} L${x1.toFixed(2)},${y1.toFixed(2)} A${r},${r} 0 ${a > Math.PI ? 1 : 0} 1 ${x2.toFixed(2)},${y2.toFixed(2)} Z" fill="${color}" stroke="#fff">${title}</path>`);
      }
      angle += a;
    }
    const ly = 24 + i * 20;
    const share = total > 0 ? ` (${((v / total) * 100).toFixed(1)}%)` : '';
    const value = marked.has(p.key) ? (v === 0 ? 'unpriced' : `${formatValue(p.value, chart.unit)}*`) : formatValue(p.value, chart.unit);
    out.push(`<rect x="290" y="${ly - 10}" width="12" height="12" fill="${color}"/><text class="legend" x="308" y="${ly}" font-size="12" fill="#222">${esc(`${p.label.slice(0, 40)}: ${value}${v === 0 && marked.has(p.key) ? '' : share}`)}</text>`);
  });
  if (chart.points.length === 0 || total === 0) out.push(`<text x="${cx}" y="${cy}" text-anchor="middle" font-size="12" fill="#777">no data</text>`);
  return out.join('');
}

/** Returns the chart as an <svg> element. */
export function chartSvg(chart: ChartResult): string {
  const body = chart.chart === 'pie' ? pie(chart) : barOrLine(chart);
  return `<svg class="chart chart-${chart.chart}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(chart.title)}">${body}</svg>`;
}
