// The alert list: every alert the filters match, paged by the server (GET /v1/alerts with its `next` cursor), by
// default the most recently raised or updated first (event time on request). Filters and order live in the URL
// (/alerts?severity=high&q=…&sort=time) so a view can be shared. Live alerts (the store's stream) that match the
// filters are announced: a banner "N new alerts", the count in the tab title, and on the first page of the default
// order they appear on top at once. Analysts and admins select rows and triage them in bulk; `status=` filters by
// triage on the server. The time range (since/until, also from links of the overview, compliance and rules pages) has
// the shared range picker; rows are one line each, their principal and namespace links that filter the list. The
// "Last seen" (event time) and "Raised" headers order the list; the filter dropdowns offer every value of the matching
// alerts (GET /v1/alerts/facets), not only those of the loaded page.

import { getJson, retrier } from './api.js';
import { announce, h } from './dom.js';
import {
  SEVERITIES, alertId, alertPath, clusterOf, formatTime, lastSeen, namespaceOf, relativeTime, resourceOf, severityOf,
} from './format.js';
import { STATUSES, canTriage, sinceVerdictFlag, statusBadge, triageMany, triageOf } from './triage.js';
import { carryRange, rangePicker } from './range.js';
import { withKnownTriage } from './store.js';

const FILTERS = ['q', 'severity', 'cluster', 'namespace', 'rule', 'bsi', 'status', 'principal', 'since', 'until'];
const CHIPS = { bsi: 'BSI requirement', principal: 'Principal' };
const ORDERS = [
  ['updated:desc', 'Raised or updated, newest first'],
  ['updated:asc', 'Raised or updated, oldest first'],
  ['time:desc', 'Event time, newest first'],
  ['time:asc', 'Event time, oldest first'],
];
const DEFAULT_ORDER = 'updated:desc';
const PAGE_SIZE = 100;
const SEARCH_DELAY_MS = 250;
const FRESH_MS = 4000;
const CLOCK_TICK_MS = 30000;
const TITLE = 'Alerts · Vigil';

export function renderAlerts(main, { store, rules, query }) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? '']));
  let order = validOrder(`${query.get('sort') ?? 'updated'}:${query.get('order') ?? 'desc'}`);
  const fresh = new Map();
  // the server's pages: cursors[i] starts page i (null: the first page)
  let cursors = [null];
  let pageIndex = 0;
  let page = { alerts: [], total: 0, next: null };
  // rows live alerts pushed off the bottom of the first page: the server's cursor of page 2 starts after them
  let pushedOff = [];
  let loadError = null;
  let loading = false;
  let request = 0;
  // the values of the filter fields among all alerts the filters match (GET /v1/alerts/facets), not only this page
  let facets = null;
  let facetRequest = 0;
  const unseen = new Set();
  const triager = canTriage(store.session);
  const selected = new Set();

  const search = h('input', {
    id: 'filter-q', type: 'search', value: filters.q, autocomplete: 'off',
    placeholder: 'message, rule, user, object, IP…',
    title: 'All words must match: message, rule, principal, object, namespace, cluster, source IP. "…" for a phrase, -word excludes, word* a prefix.',
  });
  const selects = {
    severity: select('filter-severity'),
    cluster: select('filter-cluster'),
    namespace: select('filter-namespace'),
    rule: select('filter-rule'),
    status: select('filter-status'),
  };
  const orderSelect = h('select', { id: 'sort-by' },
    ORDERS.map(([value, label]) => h('option', { value }, label)));
  orderSelect.value = order;
  const clear = h('button', { type: 'button', id: 'filter-clear' }, 'Clear filters');
  const bsiChip = h('div', { class: 'field' });
  const rangeSlot = h('div', { class: 'field range-slot' });
  const summary = h('p', { class: 'muted', id: 'alert-count', 'aria-live': 'polite' });
  const banner = h('div');
  const news = h('div', { id: 'new-alerts', role: 'status' });
  const body = h('tbody', { id: 'alert-rows' });
  const bulkBar = h('div', { class: 'bulk-bar', id: 'bulk-bar', hidden: true });
  const first = h('button', { type: 'button', id: 'page-first' }, 'First page');
  const previous = h('button', { type: 'button', id: 'page-previous' }, '‹ Previous');
  const next = h('button', { type: 'button', id: 'page-next' }, 'Next ›');
  const position = h('span', { id: 'page-position', class: 'muted' });
  const table = h('table', { id: 'alerts-table', class: 'compact' },
    h('caption', { class: 'visually-hidden' }, 'Alerts'),
    h('thead', {}, h('tr', {},
      triager ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Select')) : null,
      h('th', { scope: 'col' }, 'Severity'),
      h('th', { scope: 'col' }, 'Status'),
      sortHeader('time', 'Last seen', 'the event time'),
      sortHeader('updated', 'Raised', 'when Vigil raised or last updated the alert'),
      h('th', { scope: 'col' }, 'Alert'),
      h('th', { scope: 'col' }, 'Principal'),
      h('th', { scope: 'col' }, 'Cluster · namespace'),
      h('th', { scope: 'col', class: 'num' }, 'Count'))),
    body);

  /** A column header that orders the list by its field (the API's `sort`); again: the other direction. */
  function sortHeader(sort, label, what) {
    const button = h('button', { type: 'button', class: 'sort-button', id: `sort-${sort}`,
      title: `Order by ${what}`, onclick: () => {
        const [current, direction] = order.split(':');
        order = validOrder(`${sort}:${current === sort && direction === 'desc' ? 'asc' : 'desc'}`);
        orderSelect.value = order;
        syncUrl();
        reload();
      } }, label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }));
    return h('th', { scope: 'col', 'data-sort': sort }, button);
  }

  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Alerts'), summary),
    banner,
    news,
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter alerts', onsubmit: (e) => e.preventDefault() },
      field('Search', search, 'grow'),
      field('Severity', selects.severity),
      field('Cluster', selects.cluster),
      field('Namespace', selects.namespace),
      field('Rule', selects.rule),
      field('Status', selects.status),
      field('Order', orderSelect),
      rangeSlot,
      bsiChip,
      clear),
    bulkBar,
    h('div', { class: 'table-wrap' }, table),
    h('nav', { class: 'pager', 'aria-label': 'Pages of alerts' }, first, previous, position, next));

  let searchTimer = null;
  const retry = retrier();
  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => setFilter('q', search.value.trim()), SEARCH_DELAY_MS);
  });
  for (const [name, element] of Object.entries(selects)) {
    element.addEventListener('change', () => setFilter(name, element.value));
  }
  orderSelect.addEventListener('change', () => {
    order = validOrder(orderSelect.value);
    syncUrl();
    reload();
  });
  clear.addEventListener('click', () => {
    for (const name of FILTERS) filters[name] = '';
    search.value = '';
    renderRange();
    syncUrl();
    reload();
    search.focus();
  });
  first.addEventListener('click', () => reload());
  previous.addEventListener('click', () => { if (pageIndex > 0) load(pageIndex - 1); });
  next.addEventListener('click', () => {
    if (!page.next && onlyPushedOff()) {
      // the server has no page 2 yet: it is just the rows live alerts pushed off the first page
      page = { alerts: pushedOff, total: page.total, next: null };
      pageIndex = 1;
      window.scrollTo(0, 0);
      update();
      return;
    }
    if (!page.next) return;
    cursors[pageIndex + 1] = page.next;
    load(pageIndex + 1);
  });

  const onChange = (event) => {
    const { id, live } = event.detail ?? {};
    if (id && live) {
      const alert = store.get(id);
      if (alert && matches(alert, filters)) arrived(alert);
    } else if (id) {
      // a triage change (this console's or another analyst's, from the stream): the page shows the server's copy
      const alert = store.get(id);
      if (alert) applyTriage({ [id]: triageOf(alert) });
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
  renderRange();
  reload();

  return () => {
    store.removeEventListener('change', onChange);
    window.clearInterval(clock);
    window.clearTimeout(searchTimer);
    retry.cancel();
    request += 1;
  };

  function renderRange() {
    rangeSlot.replaceChildren(rangePicker({
      range: { since: filters.since, until: filters.until }, allowAll: true, onChange: (range) => {
        filters.since = range.since;
        filters.until = range.until;
        syncUrl();
        reload();
      },
    }));
  }

  /** This list with one more filter: what a row's principal and namespace link to. */
  function filterLink(name, value) {
    const params = new URLSearchParams(window.location.search);
    params.set(name, value);
    params.delete('cursor');
    return `/alerts?${params}`;
  }

  function setFilter(name, value) {
    if (filters[name] === value) return;
    filters[name] = value;
    syncUrl();
    reload();
  }

  function syncUrl() {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
    if (order !== DEFAULT_ORDER) {
      const [sort, direction] = order.split(':');
      params.set('sort', sort);
      params.set('order', direction);
    }
    const text = params.toString();
    history.replaceState(history.state, '', text ? `/alerts?${text}` : '/alerts');
    carryRange();
  }

  /** The first page again: what the banner's "Show" and every filter change do; new alerts are then seen. */
  function reload() {
    cursors = [null];
    pushedOff = [];
    unseen.clear();
    load(0);
    loadFacets();
  }

  async function loadFacets() {
    const mine = ++facetRequest;
    const params = new URLSearchParams();
    for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
    try {
      const result = await getJson(`/v1/alerts/facets?${params}`);
      if (mine !== facetRequest) return;
      facets = Object.fromEntries(Object.entries(result.fields ?? {})
        .map(([name, terms]) => [name, (terms ?? []).map((term) => term.value)]));
    } catch (error) {
      if (mine !== facetRequest) return;
      facets = null; // the dropdowns fall back to the values of the loaded alerts
    }
    update();
  }

  /** A filter field's values: all of the server's facet values, and those of the loaded and live alerts. */
  function optionsOf(name, known, pick) {
    return [...new Set([...(facets?.[name] ?? []), ...distinct(known, pick)])].sort();
  }

  async function load(index) {
    const mine = ++request;
    loading = true;
    table.setAttribute('aria-busy', 'true');
    update();
    const params = new URLSearchParams({ size: String(PAGE_SIZE) });
    for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
    const [sort, direction] = order.split(':');
    params.set('sort', sort);
    params.set('order', direction);
    if (cursors[index]) params.set('cursor', cursors[index]);
    try {
      const result = await getJson(`/v1/alerts?${params}`);
      if (mine !== request) return;
      page = { alerts: result.alerts ?? [], total: Number(result.total ?? 0), next: result.next ?? null };
      if (index !== pageIndex) window.scrollTo(0, 0); // another page starts at its top, with its position shown
      pageIndex = index;
      if (index === 0) pushedOff = [];
      if (liveOnTop()) page.alerts = withUnindexed(page);
      else if (index === 1 && pushedOff.length > 0) page.alerts = withPushedOff(page.alerts);
      cursors = cursors.slice(0, index + 1);
      loadError = null;
    } catch (error) {
      if (mine !== request) return;
      // OpenSearch away for a moment: the live alerts stand in, and the list asks again until it answers
      loadError = `Alerts could not be loaded (${error.message}).${retry.after(error, () => { if (mine === request) load(index); })}`;
      pageIndex = 0;
      page = { alerts: store.list().filter((alert) => matches(alert, filters)), total: 0, next: null, fallback: true };
    }
    loading = false;
    table.setAttribute('aria-busy', 'false');
    update();
  }

  /**
   * The first page plus live alerts that match but are not searchable yet (OpenSearch indexes a moment after the
   * stream delivered them): whatever is newer than the page's last alert, or everything when the page is not full.
   */
  function withUnindexed(result) {
    const ids = new Set(result.alerts.map(alertId));
    const last = result.alerts.length < PAGE_SIZE ? 0 : updatedAt(result.alerts[result.alerts.length - 1]);
    const missing = store.list().filter((alert) => !ids.has(alertId(alert)) && matches(alert, filters)
      && updatedAt(alert) >= last);
    if (missing.length === 0) return result.alerts;
    page.total += missing.length;
    return keepPageSize([...missing, ...result.alerts].sort((a, b) => updatedAt(b) - updatedAt(a)));
  }

  /** The first page holds PAGE_SIZE rows like every page: a row pushed off its bottom is kept for page 2. */
  function keepPageSize(alerts) {
    if (alerts.length <= PAGE_SIZE) return alerts;
    pushedOff = [...alerts.slice(PAGE_SIZE), ...pushedOff];
    return alerts.slice(0, PAGE_SIZE);
  }

  /** Page 2 after live alerts pushed rows off page 1: those rows first, unless the server's page has them. */
  function withPushedOff(alerts) {
    const ids = new Set(alerts.map(alertId));
    return [...pushedOff.filter((alert) => !ids.has(alertId(alert))), ...alerts];
  }

  function onlyPushedOff() {
    return pageIndex === 0 && pushedOff.length > 0;
  }

  /** Whether live alerts go straight onto this page: the first page of the newest-raised order. */
  function liveOnTop() {
    return pageIndex === 0 && order === DEFAULT_ORDER;
  }

  function arrived(streamed) {
    const id = alertId(streamed);
    const shown = page.alerts.findIndex((known) => alertId(known) === id);
    const alert = shown >= 0 ? withKnownTriage(streamed, page.alerts[shown]) : streamed;
    if (liveOnTop()) {
      // the stream's copy goes on top at once; the next query of the first page replaces it by id (withUnindexed)
      if (shown >= 0) page.alerts.splice(shown, 1);
      pushedOff = pushedOff.filter((known) => alertId(known) !== id);
      page.alerts.unshift(alert);
      if (!page.fallback) page.alerts = keepPageSize(page.alerts);
      // a new alert (not a repeat of one the server already counted) adds one to the total
      if (shown < 0 && !page.fallback && Number(alert.vigil?.count ?? 1) <= 1) page.total += 1;
      fresh.set(id, Date.now());
    } else if (shown >= 0) {
      page.alerts[shown] = alert;
      fresh.set(id, Date.now());
    }
    if (shown < 0) unseen.add(id);
    announce(`New ${severityOf(alert)} alert: ${alert.message ?? alert.rule?.name ?? id}`);
  }

  function update() {
    const known = [...page.alerts, ...store.list()];
    fillOptions(selects.severity, SEVERITIES, filters.severity, 'All severities');
    fillOptions(selects.cluster, optionsOf('clusters', known, clusterOf), filters.cluster, 'All clusters');
    fillOptions(selects.namespace, optionsOf('namespaces', known, namespaceOf), filters.namespace, 'All namespaces');
    const ruleIds = new Set([...ruleNames.keys(), ...optionsOf('rules', known, (alert) => alert.rule?.id)]);
    fillOptions(selects.rule, [...ruleIds].sort(), filters.rule, 'All rules', (id) => ruleLabel(id, ruleNames));
    fillOptions(selects.status, STATUSES, filters.status, 'Any status');

    bsiChip.replaceChildren(...Object.entries(CHIPS).filter(([name]) => filters[name]).flatMap(([name, label]) => [
      h('span', { class: 'field-label' }, label),
      h('button', { type: 'button', id: `chip-${name}`, 'aria-label': `Remove the filter ${label} ${filters[name]}`,
        onclick: () => setFilter(name, '') }, `${filters[name]} ✕`)]));

    const shown = page.alerts;
    const start = pageIndex * PAGE_SIZE;
    const total = Math.max(page.total, start + shown.length);
    summary.textContent = loading && shown.length === 0 ? 'Loading alerts…'
      : shown.length === 0 ? `0 of ${total} alerts`
        : `${start + 1}–${start + shown.length} of ${total} alert${total === 1 ? '' : 's'}`;
    position.textContent = page.fallback ? '' : `Page ${pageIndex + 1} of ${Math.max(1, Math.ceil(page.total / PAGE_SIZE))}`;
    first.disabled = pageIndex === 0;
    previous.disabled = pageIndex === 0;
    next.disabled = !page.next && !onlyPushedOff();
    banner.replaceChildren(loadError
      ? h('p', { class: 'banner', role: 'status' },
        `${loadError} Alerts raised since the console opened are shown; new ones still appear live.`)
      : '');
    renderNews();
    renderSortHeaders();
    for (const id of [...selected]) if (!shown.some((alert) => alertId(alert) === id)) selected.delete(id);
    renderBulkBar();
    renderRows(shown);
  }

  function renderSortHeaders() {
    const [sort, direction] = order.split(':');
    for (const th of table.querySelectorAll('th[data-sort]')) {
      const active = th.dataset.sort === sort;
      if (active) th.setAttribute('aria-sort', direction === 'asc' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
      th.querySelector('.sort-mark').textContent = active ? (direction === 'asc' ? ' ▲' : ' ▼') : '';
    }
  }

  /** Puts triage changes ({id: triage}) into the alerts of this page and the live store. */
  function applyTriage(changes) {
    page.alerts = page.alerts.map((alert) => {
      const triage = changes[alertId(alert)];
      return triage ? { ...alert, vigil: { ...(alert.vigil ?? {}), triage } } : alert;
    });
  }

  /** Bulk actions for the selected rows (analysts and admins). */
  function renderBulkBar() {
    bulkBar.hidden = !triager || selected.size === 0;
    if (bulkBar.hidden) return;
    const act = (text, id, status, reason) => h('button', { type: 'button', id, onclick: async () => {
      try {
        const changes = await triageMany([...selected], status, reason);
        applyTriage(changes);
        store.setTriage(changes);
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

  function renderNews() {
    const count = unseen.size;
    document.title = count > 0 ? `(${count}) ${TITLE}` : TITLE;
    if (count === 0) {
      news.replaceChildren();
      return;
    }
    const text = `${count} new alert${count === 1 ? '' : 's'} match${count === 1 ? 'es' : ''} the filters`;
    news.replaceChildren(h('p', { class: 'banner new-alerts' }, text, liveOnTop() ? ' (on top of the list)' : '', ' — ',
      h('button', { type: 'button', id: 'new-alerts-show', onclick: showNewest }, liveOnTop() ? 'Mark as seen' : 'Show')));
  }

  function showNewest() {
    if (order !== DEFAULT_ORDER) {
      order = DEFAULT_ORDER;
      orderSelect.value = order;
      syncUrl();
    }
    if (liveOnTop()) {
      unseen.clear();
      update();
    } else {
      reload();
    }
    main.querySelector('h1')?.focus();
  }

  function renderRows(shown) {
    const focusedId = document.activeElement?.closest?.('#alert-rows tr')?.dataset.id;
    const now = Date.now();
    for (const [id, at] of fresh) if (now - at > FRESH_MS) fresh.delete(id);
    if (shown.length === 0) {
      const anyFilter = FILTERS.some((name) => filters[name]);
      const text = loading ? 'Loading…'
        : anyFilter ? 'No alert matches the filters.'
          : 'No alerts yet. New alerts appear here the moment Vigil raises them.';
      body.replaceChildren(h('tr', {}, h('td', { colspan: triager ? '9' : '8', class: 'empty' }, text)));
      return;
    }
    body.replaceChildren(...shown.map((alert) => {
      const tr = row(alert, fresh.get(alertId(alert)), now, filterLink);
      if (triager) tr.prepend(checkbox(alert));
      return tr;
    }));
    if (focusedId) body.querySelector(`tr[data-id="${CSS.escape(focusedId)}"] a`)?.focus();
  }
}

/** When Vigil raised or last updated the alert (the default order), in epoch milliseconds. */
function updatedAt(alert) {
  return Date.parse(alert?.event?.created || lastSeen(alert)) || 0;
}

function validOrder(value) {
  return ORDERS.some(([known]) => known === value) ? value : DEFAULT_ORDER;
}

/**
 * One alert row, one line: severity, status, event time, when raised (event.created), the alert, principal, cluster · namespace, count. `arrivedAt`
 * (live arrivals only) keeps the highlight fading across re-renders; `filterLink(name, value)` the list filtered.
 */
function row(alert, arrivedAt, now, filterLink) {
  const id = alertId(alert);
  const severity = severityOf(alert);
  const seen = lastSeen(alert);
  const raised = alert.event?.created;
  const cluster = clusterOf(alert);
  const namespace = namespaceOf(alert);
  const principal = alert.user?.name ?? '';
  const about = [alert.rule?.id, resourceOf(alert)].filter(Boolean).join(' · ');
  // a posture finding whose cause went away (vigil.status resolved) is shown as resolved, whatever its triage
  const resolved = alert.vigil?.status === 'resolved';
  const classes = [arrivedAt ? 'fresh' : null, resolved ? 'resolved' : null].filter(Boolean).join(' ') || null;
  const tr = h('tr', { 'data-id': id, 'data-severity': severity, 'data-rule': alert.rule?.id, class: classes },
    h('td', { class: 'sev' }, h('span', { class: `badge ${severity}` }, severity)),
    h('td', { class: 'status-cell' }, statusBadge(alert), sinceVerdictFlag(alert), resolved
      ? h('span', { class: 'finding resolved', title: `Resolved ${formatTime(alert.vigil.resolved_at)}` }, 'resolved')
      : null),
    h('td', { class: 'nowrap when' }, h('time', { datetime: seen, title: `Event ${formatTime(seen)}` },
      relativeTime(seen, now))),
    h('td', { class: 'nowrap raised' }, raised ? h('time', { datetime: raised, title: `Raised ${formatTime(raised)}` },
      relativeTime(raised, now)) : ''),
    h('td', { class: 'alert-cell', title: about },
      h('a', { href: alertPath(id), class: 'alert-link' }, alert.message || alert.rule?.name || id),
      about ? h('span', { class: 'muted small about' }, ` ${about}`) : ''),
    h('td', { class: 'mono small principal-cell' }, principal ? h('a', { href: filterLink('principal', principal),
      class: 'filter-link principal', 'aria-label': `Only alerts of ${principal}` }, principal) : ''),
    h('td', { class: 'where-cell' }, cluster, namespace ? h('span', { class: 'muted' }, ' · ',
      h('a', { href: filterLink('namespace', namespace), class: 'filter-link namespace',
        'aria-label': `Only alerts in namespace ${namespace}` }, namespace)) : ''),
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
  if (filters.principal && alert.user?.name !== filters.principal) return false;
  const time = Date.parse(alert['@timestamp']);
  if (filters.since && !(time >= timeOf(filters.since))) return false;
  if (filters.until && !(time <= timeOf(filters.until))) return false;
  const text = filters.q?.toLowerCase();
  if (!text) return true;
  const haystack = [alert.message, alert.rule?.id, alert.rule?.name, alert.user?.name, alert.source?.ip,
    clusterOf(alert), namespaceOf(alert), resourceOf(alert), ...(alert.vigil?.bsi ?? [])]
    .filter(Boolean).join('\n').toLowerCase();
  return text.split(/\s+/).every((word) => haystack.includes(word));
}

const AGE_UNITS = { s: 1000, m: 60000, h: 3600000, d: 86400000, w: 604800000 };

/** A since/until value in epoch milliseconds: an instant, or an age before now (24h) as the API reads it. */
function timeOf(value) {
  const age = /^(\d+)([smhdw])$/.exec(value);
  return age ? Date.now() - Number(age[1]) * AGE_UNITS[age[2]] : Date.parse(value);
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
