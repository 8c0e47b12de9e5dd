// The landing view: alerts over time by severity for the selected range (GET /v1/overview), totals by severity and
// triage status, and the top rules, principals, namespaces and clusters. Every bar, total and top entry links to the
// alert list with the same range and its filter, where the list's total is the number shown here.

import { getJson, retrier } from './api.js';
import { h } from './dom.js';
import { SEVERITIES, formatTime } from './format.js';
import { stackedBars } from './chart.js';
import { go, putRange, rangePicker, readRange } from './range.js';

const DEFAULT_RANGE = '24h';
const TOP_LISTS = [
  ['rules', 'Top rules', 'rule'],
  ['principals', 'Top principals', 'principal'],
  ['namespaces', 'Top namespaces', 'namespace'],
  ['clusters', 'Top clusters', 'cluster'],
];
const TRIAGE = ['open', 'acknowledged', 'closed'];

export function renderOverview(main, { query, rules }) {
  const range = readRange(query);
  const cluster = query.get('cluster') ?? '';
  let latest = 0;
  let ruleNames = new Map();
  const retry = retrier();
  const result = h('div', { id: 'overview-result', 'aria-live': 'polite', 'aria-busy': 'true' },
    h('p', { class: 'muted' }, 'Loading…'));
  const picker = rangePicker({
    range, fallback: DEFAULT_RANGE, onChange: (chosen) => {
      const params = putRange(new URLSearchParams(window.location.search), chosen);
      go(params.size ? `/overview?${params}` : '/overview');
    },
  });

  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Overview'),
      h('p', { class: 'muted', id: 'overview-window' })),
    h('form', { class: 'filters', 'aria-label': 'Time range', onsubmit: (event) => event.preventDefault() },
      picker,
      cluster ? h('p', { class: 'small' }, `Cluster ${cluster} · `, h('a', { href: withoutCluster() }, 'all clusters')) : null),
    result);

  rules.then((list) => {
    ruleNames = new Map(list.map((rule) => [rule.id, rule.name]));
  }).catch(() => {}).finally(load);
  return () => {
    latest += 1;
    retry.cancel();
  };

  function withoutCluster() {
    const params = new URLSearchParams(window.location.search);
    params.delete('cluster');
    return params.size ? `/overview?${params}` : '/overview';
  }

  async function load() {
    retry.cancel();
    const ticket = ++latest;
    const params = new URLSearchParams();
    putRange(params, range.since || range.until ? range : { since: DEFAULT_RANGE, until: '' });
    if (cluster) params.set('cluster', cluster);
    let view;
    try {
      view = overviewView(await getJson(`/v1/overview?${params}`));
    } catch (error) {
      if (ticket !== latest) return;
      view = h('p', { class: 'banner error', role: 'alert' },
        `The overview could not be loaded (${error.message}).${retry.after(error, load)}`);
    }
    if (ticket !== latest) return;
    result.replaceChildren(view);
    result.setAttribute('aria-busy', 'false');
  }

  function overviewView(overview) {
    document.getElementById('overview-window').textContent =
      `${formatTime(overview.since)} – ${formatTime(overview.until)} · one bar per ${overview.interval}`;
    /** The alert list of this window and cluster with more filters. */
    const listOf = (filters, window = overview) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(filters)) params.set(name, value);
      if (overview.cluster && !filters.cluster) params.set('cluster', overview.cluster);
      params.set('since', window.since);
      params.set('until', window.until);
      return `/alerts?${params}`;
    };
    const chart = stackedBars({
      width: result.clientWidth - 40, // the card's padding and border
      buckets: overview.over_time ?? [],
      hrefFor: (bucket) => listOf({}, bucket),
      onOpen: go,
      label: (bucket) => `${formatTime(bucket.since)} to ${formatTime(bucket.until)}: ${bucket.total} alert${bucket.total === 1 ? '' : 's'}`
        + (bucket.total ? ` (${SEVERITIES.filter((s) => bucket.severities?.[s]).map((s) => `${bucket.severities[s]} ${s}`).join(', ')})` : ''),
      tick: (date) => (overview.interval.endsWith('d') || overview.interval === '6h' || overview.interval === '12h'
        ? formatTime(date.toISOString()).slice(5, 10) : formatTime(date.toISOString()).slice(11, 16)),
    });
    const totals = h('ul', { class: 'totals', id: 'overview-totals' },
      h('li', {}, h('a', { href: listOf({}), class: 'total-all' }, h('strong', {}, String(overview.total)), ' alerts')),
      SEVERITIES.map((severity) => h('li', {}, h('a', { href: listOf({ severity }), 'data-severity': severity },
        h('span', { class: `badge ${severity}` }, severity), ' ', String(overview.severities?.[severity] ?? 0)))),
      overview.triage ? TRIAGE.map((status) => h('li', {}, h('a', { href: listOf({ status }), 'data-status': status },
        h('span', { class: `triage ${status}` }, status), ' ', String(overview.triage[status] ?? 0)))) : null);
    const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' },
      SEVERITIES.map((severity) => h('li', {}, h('span', { class: `swatch ${severity}` }), severity)));
    return h('div', {},
      h('section', { class: 'card', 'aria-labelledby': 'chart-title' },
        h('h2', { id: 'chart-title', class: 'card-title' }, 'Alerts over time by severity'),
        totals, h('div', { class: 'chart-wrap', id: 'overview-chart' }, chart), legend,
        overview.total === 0 ? h('p', { class: 'muted' }, 'No alerts in this range. Pick a longer one above.') : null),
      h('div', { class: 'top-lists' }, TOP_LISTS.map(([key, title, filter]) => {
        const top = overview.top?.[key] ?? { values: [], other: 0 };
        return h('section', { class: 'card top-list', id: `top-${key}`, 'aria-labelledby': `top-${key}-title` },
          h('h2', { id: `top-${key}-title`, class: 'card-title' }, title),
          top.values.length === 0 ? h('p', { class: 'muted small' }, 'None in this range.')
            : h('ol', {}, top.values.map((entry) => h('li', {},
              h('a', { href: listOf({ [filter]: entry.value }), 'data-value': entry.value,
                title: filter === 'rule' && ruleNames.get(entry.value) ? `${ruleNames.get(entry.value)} (${entry.value})` : entry.value },
              filter === 'rule' && ruleNames.get(entry.value) ? ruleNames.get(entry.value) : entry.value),
              h('span', { class: 'count' }, String(entry.count))))),
          top.other ? h('p', { class: 'muted small' }, `${top.other} more in other values`) : null);
      })));
  }
}
