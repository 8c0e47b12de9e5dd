// One alert with its evidence: rule, where, who, the rule's own findings (e.g. failed Pod Security checks) and the
// audit events it was raised from.

import { ApiError, getJson, isTransient } from './api.js';
import { append, facts, h, tags } from './dom.js';
import { alertId, clusterOf, formatTime, namespaceOf, resourceOf, severityOf } from './format.js';
import { evidenceCard, objectKey } from './evidence.js';
import { jsonBlock } from './json-view.js';
import { triagePanel } from './triage.js';
import { canSearch, pivotNav } from './search.js';

// Evidence is indexed seconds after its alert, but a busy or restarting evidence application can be minutes late:
// look again, less often as time goes on, for as long as an analyst plausibly keeps the page open.
const RETRY_MS = 2000;
const MAX_RETRY_MS = 15000;
const GIVE_UP_MS = 10 * 60 * 1000;

export function renderAlertDetail(main, { store, id }) {
  let cancelled = false;
  let timer = null;
  let waited = 0;
  main.replaceChildren(backLink(), h('p', { class: 'muted', role: 'status' }, 'Loading the alert…'));
  load();

  const onChange = (event) => {
    if (event.detail?.id === id && !timer) load();
  };
  store.addEventListener('change', onChange);
  return () => {
    cancelled = true;
    window.clearTimeout(timer);
    store.removeEventListener('change', onChange);
  };

  async function load() {
    timer = null;
    try {
      const detail = await getJson(`/v1/alerts/${encodeURIComponent(id)}`);
      if (cancelled) return;
      const evidence = detail.evidence ?? [];
      if (detail.evidence_error) {
        // the alert is there, its evidence could not be read (OpenSearch away or answering from some shards only)
        show(detail.alert, evidence, failedNotice('evidence', detail.evidence_error, true));
      } else if (missingEvidence(detail.alert, evidence) && waited < GIVE_UP_MS) {
        // Alerts are searchable at once, evidence a few seconds later (it is indexed in larger batches): look again.
        show(detail.alert, evidence, 'More evidence is being indexed; it appears here in a moment.');
        lookAgain();
      } else {
        show(detail.alert, evidence, null);
      }
    } catch (error) {
      if (cancelled) return;
      const live = store.get(id);
      if (error instanceof ApiError && error.status === 404 && live && waited < GIVE_UP_MS) {
        // Raised a moment ago: the stream was faster than indexing. Show what we have and look again.
        show(live, [], 'The evidence is being indexed; it appears here in a moment.');
        lookAgain();
      } else if (error instanceof ApiError && error.status === 404) {
        main.replaceChildren(backLink(), h('h1', { tabindex: '-1' }, 'Alert not found'),
          h('p', {}, 'No alert has the id ', h('code', {}, id), '. It may have expired from the retention window.'));
      } else if (live) {
        show(live, [], failedNotice('evidence', error.message, isTransient(error)));
      } else {
        main.replaceChildren(backLink(), h('h1', { tabindex: '-1' }, 'Alert'),
          h('p', { class: 'banner error', role: 'alert' }, failedNotice('alert', error.message, isTransient(error))));
      }
    }
  }

  /** What a failed load says; while asking again may still help, it says so and the next look is scheduled. */
  function failedNotice(what, reason, transient) {
    const again = transient && waited < GIVE_UP_MS;
    if (again) lookAgain();
    return `The ${what} could not be loaded (${reason}).${again ? ' Trying again…' : ''}`;
  }

  function lookAgain() {
    const delay = Math.min(MAX_RETRY_MS, RETRY_MS + waited / 4);
    waited += delay;
    timer = window.setTimeout(load, delay);
  }

  function show(alert, evidence, notice) {
    const hadFocus = main.contains(document.activeElement) && document.activeElement !== main;
    const severity = severityOf(alert);
    const vigil = alert.vigil ?? {};
    const view = [
      backLink(),
      h('div', { class: 'alert-title' },
        h('span', { class: `badge ${severity}` }, severity),
        vigil.status === 'resolved' ? h('span', { class: 'finding resolved' }, 'resolved') : null,
        h('h1', { tabindex: '-1', id: 'alert-title' }, alert.message || alert.rule?.name || alertId(alert))),
      h('p', { class: 'muted small' }, 'Alert id ', h('span', { class: 'mono' }, alertId(alert))),
      notice ? h('p', { class: 'banner', role: 'status' }, notice) : null,
      triagePanel(alert, { session: store.session, onSaved: (triage) => {
        store.setTriage({ [alertId(alert)]: triage });
        if (!store.get(alertId(alert))) load();
      } }),
      h('div', { class: 'columns' },
        card('Rule', facts([
          ['Rule', h('a', { href: `/rules#rule-${alert.rule?.id}` }, `${alert.rule?.name ?? ''} (${alert.rule?.id})`)],
          ['BSI', bsiLinks(vigil.bsi)],
          ['MITRE ATT&CK', mitreLinks(alert.threat?.technique?.id)],
          ['Ruleset', [alert.rule?.ruleset, alert.rule?.version && `v${alert.rule.version}`].filter(Boolean).join(' ')],
        ])),
        card('Where and who', facts([
          ['Cluster', clusterOf(alert)],
          ['Namespace', namespaceOf(alert)],
          ['Object', resourceOf(alert)],
          ['Principal', h('span', { class: 'mono' }, alert.user?.name ?? '')],
          ['Groups', tags(alert.user?.group?.name)],
          ['Source IP', alert.source?.ip],
          ['User agent', alert.user_agent?.original],
        ])),
        card('When', facts([
          ['First seen', formatTime(vigil.first_seen ?? alert['@timestamp'])],
          ['Last seen', formatTime(vigil.last_seen ?? alert['@timestamp'])],
          ['Count', String(vigil.count ?? 1)],
          // posture findings: open while the cause is there, resolved by the stream when it goes away
          ['Finding', vigil.status === 'resolved' ? `resolved ${formatTime(vigil.resolved_at)}` : vigil.status],
          ['Raised', formatTime(alert.event?.created)],
        ]))),
      canSearch(store.session) ? pivotNav(alert, { id: 'alert-pivots' }) : null,
      findings(vigil.evidence?.details),
      h('h2', { id: 'evidence-heading' }, `Evidence (${evidence.length} audit event${evidence.length === 1 ? '' : 's'})`),
      evidence.length === 0 && !notice ? h('p', { class: 'muted' }, 'No evidence documents were found for this alert.') : null,
      h('div', { id: 'evidence', 'aria-labelledby': 'evidence-heading' }, evidenceCards(evidence)),
      alert.rule?.description ? h('section', { class: 'card', 'aria-labelledby': 'about-rule' },
        h('h2', { id: 'about-rule', class: 'card-title' }, 'About the rule'),
        h('p', { class: 'prose' }, alert.rule.description)) : null,
      jsonBlock('Alert document', alert),
    ];
    main.replaceChildren(...view.filter(Boolean));
    if (hadFocus) main.querySelector('#alert-title')?.focus();
  }
}

/** Whether some audit event the alert names has no evidence document yet. */
function missingEvidence(alert, evidence) {
  const found = new Set(evidence.map((document) => document.kubernetes?.audit?.auditID));
  return (alert?.vigil?.evidence?.audit_ids ?? []).some((auditId) => !found.has(auditId));
}

function evidenceCards(evidence) {
  const ordered = [...evidence].sort((a, b) => (Date.parse(a['@timestamp']) || 0) - (Date.parse(b['@timestamp']) || 0));
  const lastByObject = new Map();
  return ordered.map((document) => {
    const key = objectKey(document);
    const card = evidenceCard(document, key ? lastByObject.get(key) : null);
    if (key) lastByObject.set(key, document);
    return card;
  });
}

/** The rule's own findings (`vigil.evidence.details`); failed Pod Security checks come first. */
function findings(details) {
  if (!details || typeof details !== 'object' || Object.keys(details).length === 0) return null;
  const { failed_checks: failed, ...rest } = details;
  const section = h('section', { class: 'card', 'aria-labelledby': 'findings-heading' },
    h('h2', { id: 'findings-heading' }, 'Findings'));
  const checks = failedChecks(failed);
  if (checks.length > 0) {
    section.append(h('h3', {}, 'Failed Pod Security checks'),
      h('ul', { class: 'failed-checks', id: 'failed-checks' }, checks.map((check) => h('li', {}, check))));
  }
  const pairs = Object.entries(rest).map(([key, value]) => [humanise(key), describe(value)]);
  if (pairs.length) append(section, facts(pairs));
  return section;
}

/** One item per failed check, whether the rule reports a list or a map of check → reason. */
function failedChecks(failed) {
  if (failed == null) return [];
  if (Array.isArray(failed)) return failed.map(describe).filter(Boolean);
  if (typeof failed === 'object') {
    return Object.entries(failed).map(([check, reason]) => h('span', {}, h('strong', {}, check), ': ', describe(reason)));
  }
  return [String(failed)];
}

function describe(value) {
  if (value == null || value === '') return null;
  if (Array.isArray(value)) {
    if (value.every((item) => item == null || typeof item !== 'object')) return tags(value.map(String));
    return h('ul', { class: 'failed-checks' }, value.map((item) => h('li', {}, describe(item))));
  }
  if (typeof value === 'object') {
    const leadKey = ['check', 'name', 'id'].find((key) => typeof value[key] === 'string');
    const others = Object.entries(value).filter(([key]) => key !== leadKey);
    return h('span', {}, leadKey ? h('strong', {}, value[leadKey]) : null,
      others.map(([key, item], index) => `${leadKey || index > 0 ? ' · ' : ''}${humanise(key)}: ${
        typeof item === 'object' ? JSON.stringify(item) : String(item)}`));
  }
  return String(value);
}

function humanise(key) {
  const text = key.replace(/[_.]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/\bips\b/, 'IPs').replace(/\bip\b/, 'IP');
}

function bsiLinks(ids) {
  const list = (ids ?? []).filter(Boolean);
  return list.length === 0 ? null
    : h('span', { class: 'tags' }, list.map((bsi) => h('a', { class: 'tag', href: '/compliance' }, bsi)));
}

function mitreLinks(ids) {
  const list = (ids ?? []).filter((id) => /^T\d{4}(\.\d{3})?$/.test(id));
  return list.length === 0 ? null : h('span', { class: 'tags' }, list.map((id) => h('a', {
    class: 'tag', rel: 'noreferrer', target: '_blank',
    href: `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`,
  }, id)));
}

function card(title, content) {
  return h('section', { class: 'card' }, h('h2', { class: 'card-title' }, title), content);
}

function backLink() {
  return h('a', { href: '/alerts', class: 'back' }, '← All alerts');
}
