// Charts as inline SVG, drawn here (no chart library): bars and lines on a scaled axis, pies with a legend.
// Every mark carries a class (bar, point, slice) and its value, so tests and readers can check it.
import type { ChartResult } from '../document.js';
import { esc, formatValue } from './format.js';

const W = 680;
const H = 280;
const PAD = { left: 72, right: 16, top: 16, bottom: 64 };
const COLORS = ['#3274d9', '#e0752d', '#56a64b', '#a352cc', '#d44a3a', '#1f9e9e', '#c79a14', '#6e6e6e', '#8ab8ff', '#ff9ebf'];

/** Returns a "nice" axis maximum at or above `max` (1, 2, 2.5, 5 × 10^n). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function axes(chart: ChartResult, top: number): string {
  const plotH = H - PAD.top - PAD.bottom;
  const lines: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const y = PAD.top + plotH - (plotH * i) / 4;
    lines.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#e4e4e4"/>`);
    lines.push(`<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end" font-size="10" fill="#555">${esc(formatValue((top * i) / 4, chart.unit))}</text>`);
  }
  return lines.join('');
}

function xLabels(chart: ChartResult, xOf: (i: number) => number): string {
  const n = chart.points.length;
  const every = Math.max(1, Math.ceil(n / 16));
  return chart.points
    .map((p, i) => {
      if (i % every !== 0) return '';
      const x = xOf(i);
      const y = H - PAD.bottom + 12;
      const text = p.label.replace(/^week of /, '').slice(0, 24);
      return `<text x="${x}" y="${y}" font-size="10" fill="#555" text-anchor="end" transform="rotate(-35 ${x} ${y})">${esc(text)}</text>`;
    })
    .join('');
}

function barOrLine(chart: ChartResult): string {
  const n = Math.max(1, chart.points.length);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  let top = niceMax(Math.max(0, ...chart.points.map((p) => p.value)));
  // Whole-number metrics get whole-number gridlines (0, 1, 2, 3, 4 rather than 0, 0.5, 1, ...).
  if ((chart.unit === 'count' || chart.unit === 'tokens') && top < 20) top = Math.max(4, Math.ceil(top / 4) * 4);
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
  return axes(chart, top) + marks + xLabels(chart, xOf) + `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="#999"/>`;
}

function pie(chart: ChartResult): string {
  const total = chart.points.reduce((a, p) => a + Math.max(0, p.value), 0);
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
    out.push(`<rect x="290" y="${ly - 10}" width="12" height="12" fill="${color}"/><text x="308" y="${ly}" font-size="12" fill="#222">${esc(`${p.label.slice(0, 40)}: ${formatValue(p.value, chart.unit)}${share}`)}</text>`);
  });
  if (chart.points.length === 0 || total === 0) out.push(`<text x="${cx}" y="${cy}" text-anchor="middle" font-size="12" fill="#777">no data</text>`);
  return out.join('');
}

/** Returns the chart as an <svg> element. */
export function chartSvg(chart: ChartResult): string {
  const body = chart.chart === 'pie' ? pie(chart) : barOrLine(chart);
  return `<svg class="chart chart-${chart.chart}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(chart.title)}">${body}</svg>`;
}
