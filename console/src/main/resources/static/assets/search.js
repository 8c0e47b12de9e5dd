// Forensic search over the evidence (GET /v1/search): a query box in OpenSearch's simple query string syntax, a
// time range, field filters, results as a timeline grouped by minute or hour, each row expandable to the redacted
// evidence document, pivots and exports. The page state lives in the URL, so every search is a shareable link.

import { getJson, retrier } from './api.js';
import { h } from './dom.js';
import { formatTime, httpStatus } from './format.js';
import { evidenceCard, target } from './evidence.js';
import { jsonBlock } from './json-view.js';

const HOUR_MS = 3600 * 1000;
const PAGE_SIZE = 100;
const FILTERS = [
  ['cluster', 'Cluster', 'local'],
  ['user', 'Principal', 'system:serviceaccount:…'],
  ['namespace', 'Namespace', 'kube-system'],
  ['resource', 'Resource', 'secrets'],
  ['name', 'Object name', 'db-password'],
  ['verb', 'Verb', 'get, create, delete…'],
  ['source_ip', 'Source IP', '203.0.113.7 or 10.0.0.0/8'],
];
const RANGES = [['', 'Custom'], ['15m', 'Last 15 minutes'], ['1h', 'Last hour'], ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['all', 'Everything kept']];
const STATE_KEYS = ['q', 'from', 'to', ...FILTERS.map(([key]) => key), 'order', 'bucket'];

/** Searching all evidence is for analysts and admins (the API answers viewers 403). */
export function canSearch(session) {
  return (session?.roles ?? []).some((role) => role === 'analyst' || role === 'admin');
}

/** Links that open the search around one alert or evidence document (both carry the ECS fields). */
export function pivots(document) {
  const links = [];
  const time = Date.parse(document?.['@timestamp']);
  const around = Number.isNaN(time) ? {} : {
    from: new Date(time - HOUR_MS).toISOString(), to: new Date(time + HOUR_MS).toISOString(),
  };
  const user = document?.user?.name;
  if (user) links.push(['pivot-principal', `All requests of ${user} ±1 h`, searchPath({ user, ...around })]);
  const orchestrator = document?.orchestrator ?? {};
  if (orchestrator.resource?.name) {
    links.push(['pivot-object', `History of ${[orchestrator.resource.type, orchestrator.resource.name].join('/')}`,
      searchPath({
        cluster: orchestrator.cluster?.name, resource: orchestrator.resource.type,
        namespace: orchestrator.namespace, name: orchestrator.resource.name, from: 'all',
      })]);
  }
  const ip = document?.source?.ip;
  if (ip) links.push(['pivot-ip', `Everything from ${ip} ±1 h`, searchPath({ source_ip: ip, ...around })]);
  return links;
}

/** The pivots as a small navigation block; null when there is nothing to pivot on. */
export function pivotNav(document, { id } = {}) {
  const links = pivots(document);
  if (links.length === 0) return null;
  return h('nav', { class: 'pivots', 'aria-label': 'Search the evidence', id },
    h('span', { class: 'muted small' }, 'Search:'),
    links.map(([kind, text, href]) => h('a', { class: `pivot ${kind}`, href }, text)));
}

function searchPath(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return `/search?${params}`;
}

export function renderSearch(main, { query }) {
  let cancelled = false;
  let cursors = [null]; // the cursor of each page shown so far; the last is the current page's
  let generation = 0; // only the latest request's answer is shown
  const retry = retrier();
  const inputs = {};
  const field = (key, label, attributes = {}, grow = false) => {
    inputs[key] = h('input', { id: `search-${key}`, name: key, type: 'text', value: query.get(key) ?? '',
      autocomplete: 'off', spellcheck: 'false', ...attributes });
    return h('div', { class: `field${grow ? ' grow' : ''}` }, h('label', { for: inputs[key].id }, label), inputs[key]);
  };
  const range = h('select', { id: 'search-range' }, RANGES.map(([value, text]) => h('option', { value }, text)));
  const from = query.get('from') || '24h'; // the API's default range
  range.value = RANGES.some(([value]) => value === from) && !query.get('to') ? from : '';
  const order = h('select', { id: 'search-order', name: 'order' },
    h('option', { value: 'desc' }, 'Newest first'), h('option', { value: 'asc' }, 'Oldest first'));
  order.value = query.get('order') === 'asc' ? 'asc' : 'desc';
  const bucket = h('select', { id: 'search-bucket', name: 'bucket' },
    h('option', { value: 'auto' }, 'Automatic'), h('option', { value: 'minute' }, 'By minute'),
    h('option', { value: 'hour' }, 'By hour'));
  bucket.value = ['minute', 'hour'].includes(query.get('bucket')) ? query.get('bucket') : 'auto';
  const result = h('div', { id: 'search-result', 'aria-busy': 'true' });

  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Search evidence'),
      h('p', { class: 'muted' }, 'Every audit event Vigil kept, redacted; each search is recorded in the access log')),
    h('form', { class: 'filters search-form', role: 'search', 'aria-label': 'Evidence',
      onsubmit: (event) => { event.preventDefault(); submit(); } },
    field('q', 'Query', { type: 'search', placeholder: 'secrets -get, "exec pods", admin*, 203.0.113.7',
      'aria-describedby': 'search-syntax' }, true),
    h('div', { class: 'field' }, h('label', { for: range.id }, 'Time'), range),
    field('from', 'From', { placeholder: '24h ago, 2026-11-23, RFC 3339', 'aria-describedby': 'search-time-help' }),
    field('to', 'To', { placeholder: 'now', 'aria-describedby': 'search-time-help' }),
    fieldFilters(FILTERS.map(([key, label, placeholder]) => field(key, label, { placeholder })),
      FILTERS.filter(([key]) => query.get(key)).length),
    h('div', { class: 'field' }, h('label', { for: order.id }, 'Order'), order),
    h('div', { class: 'field' }, h('label', { for: bucket.id }, 'Group'), bucket),
    h('div', { class: 'search-actions' },
      h('button', { type: 'submit', class: 'primary', id: 'search-submit' }, 'Search'),
      h('a', { href: '/search', class: 'button', id: 'search-clear' }, 'Clear'))),
    syntaxHelp(),
    result);
  range.addEventListener('change', () => {
    if (!range.value) return;
    inputs.from.value = range.value;
    inputs.to.value = '';
    submit();
  });
  for (const select of [order, bucket]) select.addEventListener('change', submit);
  load();
  return () => {
    cancelled = true;
    retry.cancel();
  };

  function state() {
    const params = new URLSearchParams();
    for (const key of STATE_KEYS) {
      const value = key === 'order' ? order.value : key === 'bucket' ? bucket.value : inputs[key]?.value.trim();
      if (value && !(key === 'order' && value === 'desc') && !(key === 'bucket' && value === 'auto')) params.set(key, value);
    }
    return params;
  }

  function submit() {
    const path = `/search?${state()}`;
    if (path !== window.location.pathname + window.location.search) history.pushState(null, '', path);
    cursors = [null];
    load();
  }

  /** Asks for the current page of {@code asked} (the form's state; a retry asks for what failed, not for edits since). */
  async function load(asked = state()) {
    retry.cancel();
    const mine = ++generation;
    const params = new URLSearchParams(asked);
    const cursor = cursors[cursors.length - 1];
    params.set('size', String(PAGE_SIZE));
    if (cursor) params.set('cursor', cursor);
    result.setAttribute('aria-busy', 'true');
    let view;
    try {
      view = page(await getJson(`/v1/search?${params}`), asked);
    } catch (error) {
      if (cancelled || mine !== generation) return;
      view = [h('p', { class: 'banner error', role: 'alert', id: 'search-error' }, error.status === 403
        ? 'Searching all evidence is for analysts and admins.'
        : `The search failed (${error.message}).${retry.after(error, () => load(asked))}`)];
    }
    if (cancelled || mine !== generation) return;
    result.replaceChildren(...view);
    result.setAttribute('aria-busy', 'false');
  }

  function page(answer, params) {
    const results = answer.results ?? [];
    const first = (cursors.length - 1) * PAGE_SIZE + 1;
    const exportable = Math.min(answer.total, answer.export_max);
    return [
      h('div', { class: 'search-summary' },
        h('p', { id: 'search-count', role: 'status' }, answer.total === 0 ? 'No evidence matches.'
          : `${first}–${first + results.length - 1} of ${answer.total} event${answer.total === 1 ? '' : 's'}`,
        h('span', { class: 'muted small' }, ` between ${formatTime(answer.from)} and ${formatTime(answer.to)}`)),
        answer.total > 0 ? h('div', { class: 'exports' },
          h('a', { class: 'button', id: 'export-ndjson', href: `/v1/search/export?${exportParams(params, 'ndjson')}`,
            download: '' }, 'Export NDJSON'),
          h('a', { class: 'button', id: 'export-csv', href: `/v1/search/export?${exportParams(params, 'csv')}`,
            download: '' }, 'Export CSV')) : null),
      answer.total > answer.export_max ? h('p', { class: 'banner', id: 'export-note' },
        `An export holds at most ${answer.export_max} events: it will contain the first ${exportable} of these `
        + `${answer.total} in the order shown. Narrow the search to export the rest.`) : null,
      timeline(answer, results),
      pager(answer, results),
    ].filter(Boolean);
  }

  function pager(answer, results) {
    if (cursors.length === 1 && !answer.next) return null;
    return h('div', { class: 'pager' },
      h('button', { type: 'button', id: 'search-previous', disabled: cursors.length === 1,
        onclick: () => { cursors.pop(); load(); } }, '← Previous'),
      h('span', { class: 'muted small' }, `Page ${cursors.length}`),
      h('button', { type: 'button', id: 'search-next', disabled: !answer.next || results.length === 0,
        onclick: () => { cursors.push(answer.next); load(); } }, 'Next →'));
  }
}

/** The exact-value filters, folded away until one is used (a phone shows the query and the results first). */
function fieldFilters(fields, used) {
  return h('details', { class: 'field-filters', id: 'search-filters', open: used > 0 },
    h('summary', {}, used > 0 ? `Field filters (${used} set)` : 'Field filters'),
    h('div', { class: 'field-filter-list' }, fields));
}

function exportParams(params, format) {
  const copy = new URLSearchParams(params);
  copy.delete('bucket');
  copy.set('format', format);
  return copy;
}

/** The page's results under the bucket (minute or hour) they fall in, each bucket with its count of all matches. */
function timeline(answer, results) {
  if (results.length === 0) return null;
  const size = answer.bucket === 'minute' ? 60_000 : HOUR_MS;
  const counts = new Map((answer.buckets ?? []).map((bucket) => [Date.parse(bucket.time), bucket.count]));
  const largest = Math.max(1, ...counts.values());
  const groups = new Map();
  for (const row of results) {
    const start = Math.floor(Date.parse(row.time) / size) * size;
    if (!groups.has(start)) groups.set(start, []);
    groups.get(start).push(row);
  }
  return h('ol', { class: 'timeline', id: 'search-timeline', 'aria-label': `Results by ${answer.bucket}` },
    [...groups.entries()].map(([start, rows]) => {
      const count = counts.get(start) ?? rows.length;
      const label = bucketLabel(start, answer.bucket);
      return h('li', { class: 'bucket', dataset: { start: new Date(start).toISOString() } },
        h('div', { class: 'bucket-head' },
          h('h2', { class: 'bucket-time' }, h('time', { datetime: new Date(start).toISOString() }, label)),
          bar(count / largest),
          h('span', { class: 'bucket-count small' },
            rows.length < count ? `${rows.length} of ${count} shown` : `${count} event${count === 1 ? '' : 's'}`)),
        h('ul', { class: 'search-rows' }, rows.map(resultRow)));
    }));
}

/** A count bar; its width is set through CSSOM, which the console's CSP (no inline styles) allows. */
function bar(share) {
  const fill = h('span', { class: 'bucket-fill' });
  fill.style.width = `${Math.max(2, Math.round(100 * share))}%`;
  return h('span', { class: 'bucket-bar', 'aria-hidden': 'true' }, fill);
}

/** "2026-12-03 12:40" for a minute, "2026-12-03 12:00–13:00" for an hour, in local time. */
function bucketLabel(start, bucket) {
  const text = formatTime(new Date(start).toISOString()).slice(0, 16);
  return bucket === 'minute' ? text : `${text}–${formatTime(new Date(start + HOUR_MS).toISOString()).slice(11, 16)}`;
}

function resultRow(row) {
  const code = row.response_code;
  const denied = code != null && code >= 400;
  const detailsId = `detail-${row.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const detail = h('div', { class: 'result-detail', id: detailsId, hidden: true });
  const toggle = h('button', { type: 'button', class: 'result-toggle', 'aria-expanded': 'false', 'aria-controls': detailsId,
    onclick: () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      if (open && detail.childElementCount === 0) {
        detail.append(...[
          pivotNav(row.document),
          evidenceCard(row.document, null),
          jsonBlock('Evidence document (redacted)', row.document, { open: true }),
        ].filter(Boolean));
      }
      detail.hidden = !open;
    } },
  h('time', { class: 'mono small', datetime: row.time }, formatTime(row.time).slice(11)),
  h('span', { class: 'result-what' }, `${row.verb ?? '?'} ${target(row.object ?? {})}`),
  h('span', { class: 'result-user mono small' }, row.user ?? 'unknown user'),
  code != null ? h('span', { class: `status ${denied ? 'violated' : 'clean'}` }, httpStatus(code)) : null,
  row.source_ip ? h('span', { class: 'mono small muted' }, row.source_ip) : null,
  row.cluster ? h('span', { class: 'small muted' }, row.cluster) : null);
  return h('li', { class: `search-row ${denied ? 'denied' : 'allowed'}`, dataset: { id: row.id, auditId: row.audit_id } },
    toggle, row.message ? h('p', { class: 'result-message small muted' }, row.message) : null, detail);
}

function syntaxHelp() {
  const example = (query, meaning) => h('li', {}, h('code', {}, query), ` — ${meaning}`);
  return h('details', { class: 'syntax-help', id: 'search-syntax' },
    h('summary', {}, 'Query syntax'),
    h('p', { class: 'small' }, 'The query searches the event sentence, principal, groups, object, namespace, cluster, '
      + 'verb, source IP, user agent, request URI, audit id and response message. All words must match.'),
    h('ul', { class: 'small' },
      example('secrets delete', 'both words'),
      example('"exec pods"', 'the phrase'),
      example('secrets -get', 'secrets, but not get'),
      example('create | patch', 'either word'),
      example('admin*', 'words starting with admin'),
      example('(create | delete) clusterrolebindings', 'groups'),
      example('203.0.113.7', 'a whole IP address')),
    h('p', { class: 'small', id: 'search-time-help' }, 'Times: an age (15m, 1h, 7d), a date (2026-11-23, UTC) or an '
      + 'RFC 3339 time. Without From the last 24 hours are searched; "all" reaches back as far as allowed. Field '
      + 'filters match whole values.'));
}
