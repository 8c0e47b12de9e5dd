// Dead letters (admins): what Vigil could not process, read from vigil.dlq — reason, source, time, the payload
// (redacted like evidence) and counts by reason.

import { getJson, retrier } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';

const WINDOWS = [['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']];

export function renderDeadLetters(main, { query }) {
  let cancelled = false;
  let latest = 0; // only the latest request's answer is shown
  const retry = retrier();
  const state = { since: query.get('since') || '24h', source: query.get('source') ?? '', reason: query.get('reason') ?? '' };
  const since = h('select', { id: 'dlq-since' }, WINDOWS.map(([value, text]) => h('option', { value }, text)));
  since.value = state.since;
  const source = h('input', { id: 'dlq-source', type: 'search', value: state.source, placeholder: 'ingest, alerting…' });
  const reason = h('input', { id: 'dlq-reason', type: 'search', value: state.reason, placeholder: 'words of the reason' });
  const result = h('div', { id: 'dlq-result', 'aria-live': 'polite', 'aria-busy': 'true' });
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Dead letters'),
      h('p', { class: 'muted' }, 'Input Vigil could not process, kept with the reason in vigil.dlq')),
    h('form', { class: 'filters', role: 'search', onsubmit: (event) => { event.preventDefault(); load(); } },
      h('div', { class: 'field' }, h('label', { for: since.id }, 'Time'), since),
      h('div', { class: 'field' }, h('label', { for: source.id }, 'Source'), source),
      h('div', { class: 'field grow' }, h('label', { for: reason.id }, 'Reason'), reason),
      h('button', { type: 'submit', id: 'dlq-apply' }, 'Show')),
    result);
  since.addEventListener('change', load);
  load();
  return () => {
    cancelled = true;
    retry.cancel();
  };

  async function load() {
    retry.cancel();
    const ticket = ++latest;
    const params = new URLSearchParams({ since: since.value });
    if (source.value.trim()) params.set('source', source.value.trim());
    if (reason.value.trim()) params.set('reason', reason.value.trim());
    history.replaceState(history.state, '', `/dead-letters?${params}`);
    result.setAttribute('aria-busy', 'true');
    let view;
    try {
      view = page(await getJson(`/v1/dead-letters?${params}`));
    } catch (error) {
      if (cancelled || ticket !== latest) return;
      view = [h('p', { class: 'banner error', role: 'alert' }, error.status === 403 ? 'Only admins see dead letters.'
        : `The dead letters could not be loaded (${error.message}).${retry.after(error, load)}`)];
    }
    if (cancelled || ticket !== latest) return;
    result.replaceChildren(...view);
    result.setAttribute('aria-busy', 'false');
  }
}

function page(answer) {
  const letters = answer.dead_letters ?? [];
  return [
    h('p', { class: 'muted small', id: 'dlq-summary' },
      `${answer.total} dead letter${answer.total === 1 ? '' : 's'} since ${formatTime(answer.since)}`
      + (letters.length < answer.total ? `, newest ${letters.length} shown` : '')
      + (answer.truncated ? ' (older ones of the window were not read)' : '')),
    h('div', { class: 'summary-chips', id: 'dlq-reasons' }, (answer.by_reason ?? []).map((count) =>
      h('span', { class: 'tag' }, `${count.count} × ${count.key}`))),
    letters.length === 0 ? h('p', { class: 'muted' }, 'No dead letters in this window.') : null,
    h('div', { id: 'dlq-list' }, letters.map(letterCard)),
  ].filter(Boolean);
}

function letterCard(letter) {
  return h('section', { class: 'card dead-letter' },
    h('header', { class: 'small' },
      h('time', { datetime: letter.received_at }, formatTime(letter.received_at)), ' · ',
      h('span', { class: 'mono' }, letter.source ?? ''),
      letter.cluster ? h('span', { class: 'muted' }, ` · ${letter.cluster}`) : null),
    h('p', { class: 'dlq-reason' }, letter.reason ?? ''),
    h('details', {}, h('summary', {}, `Payload (${letter.payload_bytes} bytes${letter.payload_truncated ? ', cut' : ''})`),
      h('pre', { class: 'json' }, letter.payload ?? '')));
}
