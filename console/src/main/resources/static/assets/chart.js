// A stacked bar chart of alerts over time by severity, drawn as SVG (no library): one bar per time bucket, one
// segment per severity, each bar a keyboard-reachable link with a text alternative.

import { SEVERITIES } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const DEFAULT_WIDTH = 960;
const HEIGHT = 220;
const LEFT = 36;
const BOTTOM = 24;
const TOP = 8;

/**
 * buckets: [{since, until, total, severities: {critical: n, …}}]; hrefFor(bucket) the list it opens;
 * onOpen(href) follows it; label(bucket) its text alternative; tick(date) an axis label. `width` is the width it
 * is shown at (CSS pixels), so that its text keeps its size on a phone instead of shrinking with the drawing.
 */
export function stackedBars({ buckets, hrefFor, onOpen, label, tick, width = DEFAULT_WIDTH }) {
  const WIDTH = Math.max(280, Math.round(width));
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'group',
    'aria-label': 'Alerts over time by severity' });
  const max = Math.max(1, ...buckets.map((bucket) => bucket.total));
  const top = niceMax(max);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / Math.max(1, buckets.length);
  const barWidth = Math.max(1, slot * 0.78);

  for (const fraction of [0, 0.5, 1]) {
    const y = TOP + plotHeight * (1 - fraction);
    svg.append(svgElement('line', { x1: LEFT, x2: WIDTH, y1: y, y2: y, class: 'grid' }));
    if (Number.isInteger(top * fraction)) svg.append(text(String(top * fraction), LEFT - 6, y + 4, 'end'));
  }
  buckets.forEach((bucket, index) => {
    const x = LEFT + index * slot + (slot - barWidth) / 2;
    const href = hrefFor(bucket);
    const link = svgElement('a', { href, class: 'bar', 'data-index': index, 'data-total': bucket.total,
      'aria-label': label(bucket) });
    if (bucket.total === 0) link.setAttribute('tabindex', '-1');
    link.append(svgElement('title', {}, label(bucket)));
    // a full-height transparent target, so that thin bars are easy to hit
    link.append(svgElement('rect', { x: LEFT + index * slot, y: TOP, width: slot, height: plotHeight, class: 'hit' }));
    let y = TOP + plotHeight;
    for (const severity of [...SEVERITIES].reverse()) {
      const count = bucket.severities?.[severity] ?? 0;
      if (!count) continue;
      const height = (count / top) * plotHeight;
      y -= height;
      link.append(svgElement('rect', { x, y, width: barWidth, height, class: `segment ${severity}`,
        'data-severity': severity }));
    }
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onOpen(href);
    });
    svg.append(link);
  });
  const every = Math.max(1, Math.ceil(buckets.length / 6));
  buckets.forEach((bucket, index) => {
    if (index % every !== 0) return;
    svg.append(text(tick(new Date(bucket.since)), LEFT + index * slot, HEIGHT - 6, 'start'));
  });
  return svg;
}

function niceMax(max) {
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return max;
}

function text(content, x, y, anchor) {
  return svgElement('text', { x, y, 'text-anchor': anchor, class: 'axis' }, content);
}

function svgElement(tag, attributes = {}, content) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (content != null) element.textContent = content;
  return element;
}
