// The time range shared by the overview, the alert list and compliance. It lives in the URL as since/until, exactly
// the parameters of GET /v1/alerts: an age for the presets (since=24h) or two instants for a custom range, so every
// link and the navigation carry it (see carryRange).

import { h } from './dom.js';

export const PRESETS = [['1h', 'Last 1 h'], ['24h', 'Last 24 h'], ['7d', 'Last 7 d'], ['30d', 'Last 30 d']];
const RANGED_PAGES = ['overview', 'alerts', 'compliance'];

/** {since, until} of a URL query ('' when absent). */
export function readRange(query) {
  return { since: query.get('since') ?? '', until: query.get('until') ?? '' };
}

export function isPreset(range) {
  return !range.until && PRESETS.some(([value]) => value === range.since);
}

/**
 * A labelled time-range picker. `allowAll` adds "All time" (the alert list); `allowCustom` the custom range.
 * onChange({since, until}) runs when the user picks a preset or applies a custom range.
 */
export function rangePicker({ range, fallback = '', allowAll = false, allowCustom = true, onChange }) {
  const current = range.since || range.until ? range : { since: fallback, until: '' };
  const select = h('select', { id: 'range-select' },
    allowAll ? h('option', { value: '' }, 'All time') : null,
    PRESETS.map(([value, label]) => h('option', { value }, label)),
    allowCustom ? h('option', { value: 'custom' }, 'Custom…') : null);
  const since = h('input', { id: 'range-since', type: 'datetime-local', step: '1', value: localInput(current.since) });
  const until = h('input', { id: 'range-until', type: 'datetime-local', step: '1', value: localInput(current.until) });
  const apply = h('button', { type: 'button', id: 'range-apply' }, 'Apply');
  const custom = h('div', { class: 'range-custom', id: 'range-custom' },
    h('div', { class: 'field' }, h('label', { for: since.id }, 'From'), since),
    h('div', { class: 'field' }, h('label', { for: until.id }, 'To'), until),
    apply);
  select.value = isPreset(current) || (allowAll && !current.since && !current.until) ? current.since : 'custom';
  if (!allowCustom && select.value === 'custom') select.value = fallback;
  custom.hidden = select.value !== 'custom';

  select.addEventListener('change', () => {
    custom.hidden = select.value !== 'custom';
    if (select.value === 'custom') {
      if (!since.value) since.value = localInput(new Date(Date.now() - 86400000).toISOString());
      if (!until.value) until.value = localInput(new Date().toISOString());
      since.focus();
    } else {
      onChange({ since: select.value, until: '' });
    }
  });
  apply.addEventListener('click', () => {
    const from = isoOf(since.value);
    const to = isoOf(until.value);
    if (!from) { since.focus(); return; }
    onChange({ since: from, until: to });
  });
  return h('div', { class: 'range-picker' },
    h('div', { class: 'field' }, h('label', { for: select.id }, 'Time range'), select), custom);
}

/** Sets since/until of a URLSearchParams from a range ('' removes). */
export function putRange(params, range) {
  for (const name of ['since', 'until']) {
    if (range[name]) params.set(name, range[name]); else params.delete(name);
  }
  return params;
}

/** The main navigation's overview, alerts and compliance links take the range of the current URL with them. */
export function carryRange() {
  const range = readRange(new URLSearchParams(window.location.search));
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (!RANGED_PAGES.includes(link.dataset.nav)) continue;
    const url = new URL(link.getAttribute('href'), window.location.origin);
    putRange(url.searchParams, range);
    link.setAttribute('href', url.search ? `${url.pathname}${url.search}` : url.pathname);
  }
}

/** Goes to a console path without a page load (what links inside the SVG chart use). */
export function go(path) {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

function localInput(iso) {
  if (!iso || /^\d+[smhdw]$/.test(iso)) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
}

function isoOf(local) {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
