// The live alert list: newest first, severity colours, filters by cluster / namespace / rule / severity and a text
// search. Filters live in the URL (/alerts?severity=high&q=…) so a filtered view can be shared.

import { announce, h } from './dom.js';
import {
  SEVERITIES, alertId, alertPath, clusterOf, formatTime, lastSeen, namespaceOf, relativeTime, resourceOf, severityOf,
} from './format.js';
import { STATUSES, canTriage, statusBadge, triageMany, triageOf } from './triage.js';

const FILTERS = ['q', 'severity', 'cluster', 'namespace', 'rule', 'bsi', 'status', 'since', 'until'];
const CHIPS = { bsi: 'BSI requirement', since: 'Since', until: 'Until' };
const FRESH_MS = 4000;
const CLOCK_TICK_MS = 30000;

export function renderAlerts(main, { store, rules, query }) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? '']));
  const fresh = new Map();
  const triager = canTriage(store.session);
  const selected = new Set();

  const search = h('input', {
    id: 'filter-q', type: 'search', value: filters.q, autocomplete: 'off',
    placeholder: 'message, rule, user, object, IP…',
  });
  const selects = {
    severity: select('filter-severity'),
    cluster: select('filter-cluster'),
    namespace: select('filter-namespace'),
    rule: select('filter-rule'),
    status: select('filter-status'),
  };
  const clear = h('button', { type: 'button', id: 'filter-clear' }, 'Clear filters');
  const bsiChip = h('div', { class: 'field' });
  const summary = h('p', { class: 'muted', id: 'alert-count' });
  const banner = h('div');
  const body = h('tbody', { id: 'alert-rows' });
  const bulkBar = h('div', { class: 'bulk-bar', id: 'bulk-bar', hidden: true });

  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Alerts'), summary),
    banner,
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter alerts', onsubmit: (e) => e.preventDefault() },
      field('Search', search, 'grow'),
      field('Severity', selects.severity),
      field('Cluster', selects.cluster),
      field('Namespace', selects.namespace),
      field('Rule', selects.rule),
      field('Status', selects.status),
      bsiChip,
      clear),
    bulkBar,
    h('div', { class: 'table-wrap' },
      h('table', { id: 'alerts-table' },
        h('caption', { class: 'visually-hidden' }, 'Alerts, newest first'),
        h('thead', {}, h('tr', {},
          triager ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Select')) : null,
          h('th', { scope: 'col' }, 'Severity'),
          h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col' }, 'Last seen'),
          h('th', { scope: 'col' }, 'Alert'),
          h('th', { scope: 'col' }, 'Principal'),
          h('th', { scope: 'col' }, 'Cluster · namespace'),
          h('th', { scope: 'col', class: 'num' }, 'Count'))),
        body)));

  search.addEventListener('input', () => setFilter('q', search.value.trim()));
  for (const [name, element] of Object.entries(selects)) {
    element.addEventListener('change', () => setFilter(name, element.value));
  }
  clear.addEventListener('click', () => {
    for (const name of FILTERS) filters[name] = '';
    search.value = '';
    update();
    syncUrl();
    search.focus();
  });

  const onChange = (event) => {
    const { id, live } = event.detail ?? {};
    if (id && live) {
      fresh.set(id, Date.now());
      const alert = store.get(id);
      if (alert && matches(alert, filters)) {
        announce(`${severityOf(alert)} alert: ${alert.message ?? alert.rule?.name ?? id}`);
      }
    }
    update();
  };
  store.addEventListener('change', onChange);
  let ruleNames = new Map();
  rules.then((list) => {
    ruleNames = new Map(list.map((rule) => [rule.id, rule.name]));
    update();
  }).catch(() => {});
  const clock = window.setInterval(update, CLOCK_TICK_MS);
  update();

  return () => {
    store.removeEventListener('change', onChange);
    window.clearInterval(clock);
  };

  function setFilter(name, value) {
    filters[name] = value;
    update();
    syncUrl();
  }

  function syncUrl() {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
    const search = params.toString();
    history.replaceState(history.state, '', search ? `/alerts?${search}` : '/alerts');
  }

  function update() {
    const all = store.list();
    fillOptions(selects.severity, SEVERITIES, filters.severity, 'All severities');
    fillOptions(selects.cluster, distinct(all, clusterOf), filters.cluster, 'All clusters');
    fillOptions(selects.namespace, distinct(all, namespaceOf), filters.namespace, 'All namespaces');
    const ruleIds = new Set([...ruleNames.keys(), ...distinct(all, (alert) => alert.rule?.id)]);
    fillOptions(selects.rule, [...ruleIds].sort(), filters.rule, 'All rules', (id) => ruleLabel(id, ruleNames));
    fillOptions(selects.status, STATUSES, filters.status, 'Any status');

    bsiChip.replaceChildren(...Object.entries(CHIPS).filter(([name]) => filters[name]).flatMap(([name, label]) => [
      h('span', { class: 'field-label' }, label),
      h('button', { type: 'button', id: `chip-${name}`, 'aria-label': `Remove the filter ${label} ${filters[name]}`,
        onclick: () => setFilter(name, '') }, `${name === 'bsi' ? filters[name] : formatTime(filters[name])} ✕`)]));
    const shown = all.filter((alert) => matches(alert, filters));
    summary.textContent = store.loaded || all.length > 0
      ? `${shown.length} of ${all.length} alert${all.length === 1 ? '' : 's'}`
      : 'Loading recent alerts…';
    banner.replaceChildren(store.backfillError
      ? h('p', { class: 'banner', role: 'status' },
        `Recent alerts could not be loaded (${store.backfillError}). New alerts still appear here live.`)
      : '');
    for (const id of [...selected]) if (!shown.some((alert) => alertId(alert) === id)) selected.delete(id);
    renderBulkBar();
    renderRows(shown, all.length);
  }

  /** Bulk actions for the selected rows (analysts and admins). */
  function renderBulkBar() {
    bulkBar.hidden = !triager || selected.size === 0;
    if (bulkBar.hidden) return;
    const act = (text, id, status, reason) => h('button', { type: 'button', id, onclick: async () => {
      try {
        store.setTriage(await triageMany([...selected], status, reason));
        announce(`${selected.size} alerts set to ${status}`);
        selected.clear();
        update();
      } catch (error) {
        announce(`Not saved: ${error.message}`);
        bulkBar.append(h('span', { class: 'small', role: 'alert' }, ` Not saved (${error.message}).`));
      }
    } }, text);
    bulkBar.replaceChildren(h('span', { id: 'bulk-count' }, `${selected.size} selected`),
      act('Acknowledge', 'bulk-acknowledge', 'acknowledged'),
      act('Close as resolved', 'bulk-resolved', 'closed', 'resolved'),
      act('Close as false positive', 'bulk-false-positive', 'closed', 'false_positive'),
      h('button', { type: 'button', class: 'link-button', onclick: () => { selected.clear(); update(); } }, 'Clear'));
  }

  function checkbox(alert) {
    const id = alertId(alert);
    return h('td', { class: 'select' }, h('input', {
      type: 'checkbox', 'aria-label': `Select ${alert.message ?? id}`, checked: selected.has(id),
      onchange: (event) => {
        if (event.target.checked) selected.add(id); else selected.delete(id);
        renderBulkBar();
      },
    }));
  }

  function renderRows(shown, total) {
    const focusedId = document.activeElement?.closest?.('#alert-rows tr')?.dataset.id;
    const now = Date.now();
    for (const [id, at] of fresh) if (now - at > FRESH_MS) fresh.delete(id);
    if (shown.length === 0) {
      const text = !store.loaded && total === 0 ? 'Loading…'
        : total === 0 ? 'No alerts yet. New alerts appear here the moment Vigil raises them.'
          : 'No alert matches the filters.';
      body.replaceChildren(h('tr', {}, h('td', { colspan: triager ? '8' : '7', class: 'empty' }, text)));
      return;
    }
    body.replaceChildren(...shown.map((alert) => {
      const tr = row(alert, fresh.get(alertId(alert)), now);
      if (triager) tr.prepend(checkbox(alert));
      return tr;
    }));
    if (focusedId) body.querySelector(`tr[data-id="${CSS.escape(focusedId)}"] a`)?.focus();
  }
}

/** One alert row; `arrivedAt` (live arrivals only) keeps the highlight fading across re-renders. */
function row(alert, arrivedAt, now) {
  const id = alertId(alert);
  const severity = severityOf(alert);
  const seen = lastSeen(alert);
  const cluster = clusterOf(alert);
  const namespace = namespaceOf(alert);
  const tr = h('tr', { 'data-id': id, 'data-severity': severity, 'data-rule': alert.rule?.id, class: arrivedAt ? 'fresh' : null },
    h('td', { class: 'sev' }, h('span', { class: `badge ${severity}` }, severity)),
    h('td', { class: 'status-cell' }, statusBadge(alert)),
    h('td', { class: 'nowrap' }, h('time', { datetime: seen, title: formatTime(seen) }, relativeTime(seen, now))),
    h('td', {},
      h('a', { href: alertPath(id), class: 'alert-link' }, alert.message || alert.rule?.name || id),
      h('div', { class: 'muted small' }, alert.rule?.id ?? '', resourceOf(alert) ? ` · ${resourceOf(alert)}` : '')),
    h('td', { class: 'mono small' }, alert.user?.name ?? ''),
    h('td', {}, cluster, namespace ? h('span', { class: 'muted' }, ` · ${namespace}`) : ''),
    h('td', { class: 'num' }, String(alert.vigil?.count ?? 1)));
  if (arrivedAt) tr.style.animationDelay = `${arrivedAt - now}ms`;
  return tr;
}

/** Whether an alert passes the filters; the text search looks at what an analyst would type. */
export function matches(alert, filters) {
  if (filters.severity && severityOf(alert) !== filters.severity) return false;
  if (filters.cluster && clusterOf(alert) !== filters.cluster) return false;
  if (filters.namespace && namespaceOf(alert) !== filters.namespace) return false;
  if (filters.rule && alert.rule?.id !== filters.rule) return false;
  if (filters.bsi && !(alert.vigil?.bsi ?? []).map(bsiId).includes(bsiId(filters.bsi))) return false;
  if (filters.status && (triageOf(alert).status ?? 'open') !== filters.status) return false;
  const time = Date.parse(alert['@timestamp']);
  if (filters.since && !(time >= Date.parse(filters.since))) return false;
  if (filters.until && !(time <= Date.parse(filters.until))) return false;
  const text = filters.q?.toLowerCase();
  if (!text) return true;
  const haystack = [alert.message, alert.rule?.id, alert.rule?.name, alert.user?.name, alert.source?.ip,
    clusterOf(alert), namespaceOf(alert), resourceOf(alert), ...(alert.vigil?.bsi ?? [])]
    .filter(Boolean).join('\n').toLowerCase();
  return text.split(/\s+/).every((word) => haystack.includes(word));
}

/** "A3" and "APP.4.4.A3" name the same requirement. */
function bsiId(id) {
  return /^A\d+$/.test(id) ? `APP.4.4.${id}` : id;
}

function select(id) {
  return h('select', { id });
}

function field(label, control, extraClass = '') {
  return h('div', { class: `field ${extraClass}`.trim() }, h('label', { for: control.id }, label), control);
}

function fillOptions(element, values, selected, allLabel, label = (value) => value) {
  const wanted = [...new Set(selected ? [...values, selected] : values)];
  const key = (value, text) => `${value}\u0000${text}`;
  const current = [...element.options].map((option) => key(option.value, option.textContent));
  const next = [key('', allLabel), ...wanted.map((value) => key(value, label(value)))];
  if (current.length !== next.length || current.some((entry, i) => entry !== next[i])) {
    element.replaceChildren(h('option', { value: '' }, allLabel),
      ...wanted.map((value) => h('option', { value }, label(value))));
  }
  element.value = selected;
}

function distinct(alerts, pick) {
  return [...new Set(alerts.map(pick).filter(Boolean))].sort();
}

function ruleLabel(id, names) {
  const name = names.get(id);
  return name ? `${name} (${id})` : id;
}
