// BSI IT-Grundschutz APP.4.4 per cluster: requirements with their rules, open alerts and status.

import { getJson, retrier } from './api.js';
import { h } from './dom.js';
import { clusterOf, formatTime } from './format.js';
import { PRESETS, carryRange, rangePicker } from './range.js';

const STATUSES = ['violated', 'clean', 'not observed', 'not observable'];
const WINDOWS = [['24h', '24 hours'], ['7d', '7 days'], ['30d', '30 days'], ['90d', '90 days']];
const STATUS_HELP = {
  violated: 'an alert of one of its rules in the window',
  clean: 'its rules saw relevant events in the window and none fired',
  'not observed': 'no relevant events seen, no rule for it loaded yet, or a data source its rules need (the cluster watch) delivered nothing',
  'not observable': 'organisational: audit data cannot show it',
};

export function renderCompliance(main, { store, query }) {
  let cluster = query.get('cluster') ?? '';
  // the shared time range (since=24h …) is the status window; ?window= of older links still works
  const since = query.get('since') ?? '';
  let range = PRESETS.some(([value]) => value === since) ? since
    : WINDOWS.some(([value]) => value === query.get('window')) ? query.get('window') : '7d';
  let cancelled = false;
  let latest = 0;
  const retry = retrier();
  const clusterSelect = h('select', { id: 'compliance-cluster' });
  const refresh = h('button', { type: 'button', id: 'compliance-refresh' }, 'Refresh');
  const result = h('div', { id: 'compliance-result', 'aria-live': 'polite', 'aria-busy': 'true' });

  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Compliance: BSI APP.4.4'),
      h('p', { class: 'muted' }, 'IT-Grundschutz "Kubernetes" (and SYS.1.6 where rules cover it)')),
    h('form', { class: 'filters', onsubmit: (event) => event.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: clusterSelect.id }, 'Cluster'), clusterSelect),
      rangePicker({ range: { since: range, until: '' }, fallback: '7d', allowCustom: false, onChange: (chosen) => {
        range = chosen.since;
        choose();
      } }),
      refresh),
    result,
    h('section', { class: 'card small', 'aria-labelledby': 'status-legend' },
      h('h2', { id: 'status-legend', class: 'card-title' }, 'What the statuses mean'),
      h('dl', { class: 'facts' }, STATUSES.flatMap((status) => [
        h('dt', {}, statusBadge(status)), h('dd', {}, STATUS_HELP[status])]))));

  fillClusters();
  const choose = () => {
    cluster = clusterSelect.value;
    const params = new URLSearchParams();
    if (cluster) params.set('cluster', cluster);
    if (range !== '7d') params.set('since', range);
    history.replaceState(history.state, '', params.size ? `/compliance?${params}` : '/compliance');
    carryRange();
    load();
  };
  clusterSelect.addEventListener('change', choose);
  refresh.addEventListener('click', load);
  store.addEventListener('change', fillClusters);
  load();
  return () => {
    cancelled = true;
    retry.cancel();
    store.removeEventListener('change', fillClusters);
  };

  function fillClusters() {
    const clusters = [...new Set([...store.list().map(clusterOf), cluster].filter(Boolean))].sort();
    const values = ['', ...clusters];
    const current = [...clusterSelect.options].map((option) => option.value);
    if (current.join('\n') !== values.join('\n')) {
      clusterSelect.replaceChildren(...values.map((value) => h('option', { value }, value || 'All clusters')));
    }
    clusterSelect.value = cluster;
  }

  /** Loads the report; only the answer to the latest request is shown. */
  async function load() {
    retry.cancel();
    const ticket = ++latest;
    result.setAttribute('aria-busy', 'true');
    let view;
    try {
      const params = new URLSearchParams({ window: range });
      if (cluster) params.set('cluster', cluster);
      const report = await getJson(`/v1/compliance?${params}`);
      view = reportView(report);
    } catch (error) {
      if (cancelled || ticket !== latest) return;
      view = [h('p', { class: 'banner error', role: 'alert' }, error.status === 404
        ? `Vigil has seen no cluster named ${cluster}.`
        : `The compliance report could not be loaded (${error.message}).${retry.after(error, load)}`)];
    }
    if (cancelled || ticket !== latest) return;
    result.replaceChildren(...view);
    result.setAttribute('aria-busy', 'false');
  }
}

function reportView(report) {
  const requirements = report.requirements ?? [];
  const counts = Object.fromEntries(STATUSES.map((status) => [status,
    requirements.filter((requirement) => requirement.status === status).length]));
  return [
    h('p', { class: 'muted small' },
      `${report.cluster ? `Cluster ${report.cluster}` : 'All clusters'} · window ${windowText(report.window)}`
      + ` · generated ${formatTime(report.generatedAt)}`),
    h('div', { class: 'summary-chips', id: 'compliance-summary' },
      STATUSES.map((status) => h('span', { class: `status ${cssClass(status)}` }, `${counts[status]} ${status}`))),
    h('div', { class: 'table-wrap' }, h('table', { id: 'compliance-table' },
      h('caption', { class: 'visually-hidden' }, 'BSI APP.4.4 requirements with status, rules and alerts'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Requirement'),
        h('th', { scope: 'col' }, 'Level'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Rules'),
        h('th', { scope: 'col', class: 'num' }, 'Alerts 24 h'),
        h('th', { scope: 'col', class: 'num' }, `Alerts ${windowText(report.window)}`),
        h('th', { scope: 'col', class: 'num' }, 'Relevant events'),
        h('th', { scope: 'col' }, 'Observed from'))),
      h('tbody', {}, requirements.map((requirement) => requirementRow(requirement, report))))),
  ];
}

/** Counts link to the alert list with the same requirement, cluster and time range, so both show the same alerts. */
function requirementRow(requirement, report) {
  const generated = Date.parse(report.generatedAt);
  const alertsLink = (count, since, label) => {
    if (count <= 0) return String(count);
    const params = new URLSearchParams({ bsi: requirement.id, since: new Date(since).toISOString(),
      until: new Date(generated).toISOString() });
    if (report.cluster) params.set('cluster', report.cluster);
    return h('a', { href: `/alerts?${params}`, 'aria-label': `${count} alerts ${label} naming ${requirement.id}` },
      String(count));
  };
  const missing = requirement.missingSources ?? [];
  return h('tr', { 'data-requirement': requirement.id, 'data-status': requirement.status },
    h('th', { scope: 'row' },
      h('span', { class: 'mono' }, requirement.id),
      h('div', {}, requirement.title),
      requirement.titleEn ? h('div', { class: 'muted small' }, requirement.titleEn) : null),
    h('td', {}, levelText(requirement.level)),
    h('td', { 'data-label': 'Status' }, statusBadge(requirement.status),
      missing.length ? h('div', { class: 'small muted missing-source' },
        `no ${missing.map((source) => (source === 'watch' ? 'cluster watch' : source)).join(', ')} data`) : null),
    h('td', {}, (requirement.rules ?? []).length === 0 ? h('span', { class: 'muted' }, '—')
      : h('ul', { class: 'plain-list' }, requirement.rules.map((rule) =>
        h('li', {}, h('a', { href: `/rules#rule-${rule.id}` }, rule.id))))),
    h('td', { class: 'num', 'data-label': 'Alerts 24 h' },
      alertsLink(requirement.alerts24h ?? 0, generated - 24 * 3600 * 1000, 'in the last 24 hours')),
    h('td', { class: 'num', 'data-label': `Alerts ${windowText(report.window)}` },
      alertsLink(requirement.alertsInWindow ?? requirement.alerts7d ?? 0, Date.parse(report.since), 'in the window')),
    h('td', { class: 'num', 'data-label': 'Relevant events' },
      requirement.observable === 'no' ? '—' : String(requirement.relevantEvents ?? 0)),
    h('td', { class: 'small' }, requirement.observedFrom ?? ''));
}

function statusBadge(status) {
  return h('span', { class: `status ${cssClass(status)}` }, status ?? 'unknown');
}

function cssClass(status) {
  return String(status ?? '').replace(/\s+/g, '-');
}

function levelText(level) {
  return { B: 'Basis', S: 'Standard', H: 'Elevated' }[level] ?? level ?? '';
}

function windowText(window) {
  const match = /^P?(\d+)([dDhH])$/.exec(window ?? '');
  if (!match) return window ?? '';
  return `${match[1]} ${match[2].toLowerCase() === 'd' ? 'd' : 'h'}`;
}
