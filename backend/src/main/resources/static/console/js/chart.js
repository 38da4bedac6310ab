// The campaign chart: coded, pushed, delivered and entered meters over time as an inline SVG line chart. Each
// series has its own colour and dash pattern (not colour alone), a legend, and the SVG carries a text summary.
import { clock } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
export const SERIES = [
  { key: 'coded', label: 'Coded', color: '#1a5fa0', dash: '' },
  { key: 'pushed', label: 'Pushed to phones', color: '#8a4b00', dash: '10 5' },
  { key: 'delivered', label: 'Delivered to the app', color: '#5b2a86', dash: '3 4' },
  { key: 'entered', label: 'Entered on the meter', color: '#1c6b34', dash: '12 4 3 4' },
];
const M = { left: 56, right: 16, top: 16, bottom: 40 };

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, String(v)));
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * Draws `samples` ([{t: Date, coded, pushed, delivered, entered}]) into `svg`, the y axis up to `total`, the
 * time axis up to `now` (the latest reading holds until then).
 */
export function drawChart(svg, samples, total, now = new Date()) {
  // Drawn at the size it is shown, so its labels stay readable on a phone.
  const W = Math.max(300, Math.round(svg.getBoundingClientRect().width) || 640);
  const H = W < 500 ? 240 : 300;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const last = samples[samples.length - 1];
  const summary = last ? SERIES.map((s) => `${s.label.toLowerCase()} ${last[s.key]}`).join(', ') : 'no figures yet';
  svg.append(el('title', {}, `Campaign progress over time, of ${total} meters: ${summary}`));
  const t0 = samples.length ? samples[0].t.getTime() : Date.now();
  const t1 = Math.max(last ? last.t.getTime() : t0, now.getTime(), t0 + 10000);
  const top = Math.max(total, 1);
  const x = (t) => M.left + ((t - t0) / (t1 - t0)) * (W - M.left - M.right);
  const y = (n) => H - M.bottom - (n / top) * (H - M.top - M.bottom);
  for (let i = 0; i <= 4; i++) {
    const n = Math.round((top * i) / 4);
    svg.append(el('line', { x1: M.left, x2: W - M.right, y1: y(n), y2: y(n), stroke: '#b1b4b6', 'stroke-width': 1 }),
        el('text', { x: M.left - 8, y: y(n) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#1b1b1b' }, String(n)));
  }
  [t0, (t0 + t1) / 2, t1].forEach((t, i) => svg.append(el('text', {
    x: x(t), y: H - M.bottom + 18, 'font-size': 12, fill: '#1b1b1b', 'text-anchor': ['start', 'middle', 'end'][i],
  }, clock(new Date(t)))));
  svg.append(el('text', { x: W / 2, y: H - 4, 'font-size': 12, fill: '#1b1b1b', 'text-anchor': 'middle' }, 'time (UK)'),
      el('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, stroke: '#1b1b1b' }),
      el('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, stroke: '#1b1b1b' }));
  for (const s of SERIES) {
    if (!samples.length) {
      continue;
    }
    // A step line: a count holds until the next reading changes it, and runs on to the chart's right edge.
    const points = [];
    samples.forEach((p, i) => {
      const at = x(p.t.getTime()).toFixed(1);
      if (i > 0) {
        points.push(`${at},${y(samples[i - 1][s.key]).toFixed(1)}`);
      }
      points.push(`${at},${y(p[s.key]).toFixed(1)}`);
    });
    points.push(`${x(t1).toFixed(1)},${y(last[s.key]).toFixed(1)}`);
    svg.append(el('polyline', { points: points.join(' '), fill: 'none', stroke: s.color, 'stroke-width': 3,
      'stroke-dasharray': s.dash, 'data-series': s.key }));
  }
}

/** A legend entry's line sample, as a small SVG. */
export function swatch(s) {
  const svg = el('svg', { width: 40, height: 10, viewBox: '0 0 40 10', 'aria-hidden': 'true', class: 'swatch-line' });
  svg.append(el('line', { x1: 0, x2: 40, y1: 5, y2: 5, stroke: s.color, 'stroke-width': 3, 'stroke-dasharray': s.dash }));
  return svg;
}
