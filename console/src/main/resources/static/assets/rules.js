// The rules this Vigil instance loaded, with what an analyst needs to read an alert (severity, BSI, MITRE, dedup) and
// what an operator needs to tune one (lists, exceptions, parameters, what an inactive rule waits for); docs/rules.md
// shows the same.

import { getJson } from './api.js';
import { h, tags } from './dom.js';

export function renderRules(main, { hash }) {
  let cancelled = false;
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading the rules…'));
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Rules'),
      h('p', { class: 'muted' }, 'Bundled and user-supplied detection rules loaded by this instance')),
    body);

  getJson('/v1/rules').then((answer) => {
    if (cancelled) return;
    const rules = Array.isArray(answer) ? answer : answer.rules ?? [];
    body.setAttribute('aria-busy', 'false');
    body.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { id: 'rules-table' },
      h('caption', { class: 'visually-hidden' }, 'Loaded rules'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Rule'),
        h('th', { scope: 'col' }, 'Severity'),
        h('th', { scope: 'col' }, 'BSI'),
        h('th', { scope: 'col' }, 'MITRE ATT&CK'),
        h('th', { scope: 'col' }, 'Dedup window'),
        h('th', { scope: 'col' }, 'Description'))),
      h('tbody', {}, rules.map(ruleRow)))));
    if (hash) document.getElementById(hash)?.scrollIntoView();
  }).catch((error) => {
    if (cancelled) return;
    body.setAttribute('aria-busy', 'false');
    body.replaceChildren(h('p', { class: 'banner error', role: 'alert' }, `The rules could not be loaded (${error.message}).`));
  });
  return () => { cancelled = true; };
}

function ruleRow(rule) {
  return h('tr', { id: `rule-${rule.id}` },
    h('th', { scope: 'row' }, h('div', {}, rule.name ?? rule.id), h('div', { class: 'mono small muted' }, rule.id),
      h('div', { class: 'small muted' }, [rule.ruleset, rule.version && `v${rule.version}`].filter(Boolean).join(' '))),
    h('td', {}, h('span', { class: `badge ${rule.severity}` }, rule.severity ?? '')),
    h('td', {}, tags(rule.bsi)),
    h('td', {}, tags(rule.mitre)),
    h('td', { class: 'nowrap' }, duration(rule.dedup_window)),
    h('td', { class: 'small' }, h('p', {}, rule.description ?? ''), tuning(rule.tuning)));
}

/** How to tune a rule: each item names the configuration property that does it. */
function tuning(t) {
  if (!t) return '';
  const property = (p) => h('code', { title: p.property }, p.name);
  const items = [];
  if (t.inactive_until?.length) {
    items.push(h('li', {}, h('strong', {}, t.inactive ? 'Inactive until set: ' : 'Runs because set: '),
      ...join(t.inactive_until.map((p) => h('span', {}, property(p), ' (', h('code', {}, p.property), ')')))));
  }
  if (t.lists?.length) items.push(h('li', {}, 'Lists: ', ...join(t.lists.map(property))));
  items.push(h('li', {}, 'Exceptions: ', ...join((t.exceptions ?? []).map((e) => h('code', {}, e))),
    (t.exceptions?.length ? ' · ' : ''), h('code', {}, t.exceptions_property)));
  if (t.exception_sets?.length) items.push(h('li', {}, 'Exception sets: ', ...join(t.exception_sets.map(property))));
  const params = Object.entries(t.params ?? {});
  if (params.length) items.push(h('li', {}, 'Parameters: ', ...join(params.map(([k, v]) => h('code', {}, `${k}: ${v}`)))));
  return h('details', { class: 'tuning' }, h('summary', {}, t.inactive ? 'Tuning (inactive)' : 'Tuning'), h('ul', {}, items));
}

function join(nodes) {
  return nodes.flatMap((node, i) => (i === 0 ? [node] : [', ', node]));
}

/** PT10M → 10 min, PT24H → 24 h, P1D → 1 d. */
function duration(iso) {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso ?? '');
  if (!match) return iso ?? '';
  const [, days, hours, minutes, seconds] = match;
  return [[days, 'd'], [hours, 'h'], [minutes, 'min'], [seconds, 's']]
    .filter(([value]) => value && Number(value) > 0).map(([value, unit]) => `${value} ${unit}`).join(' ') || '0 s';
}
