// One evidence document (a normalised, redacted audit event) as an analyst reads it: who, what, from where, the
// decision, and the object itself.

import { facts, h, tags } from './dom.js';
import { formatTime, httpStatus } from './format.js';
import { diffBlock, jsonBlock } from './json-view.js';

/** The object a request was about, e.g. "pods/exec web-1 in shop". */
export function target(objectRef = {}) {
  const resource = [objectRef.resource, objectRef.subresource].filter(Boolean).join('/');
  const name = objectRef.name ? ` ${objectRef.name}` : '';
  const namespace = objectRef.namespace ? ` in ${objectRef.namespace}` : '';
  return `${resource || 'request'}${name}${namespace}`;
}

/** Identity of the object, to find earlier evidence about the same one. */
export function objectKey(evidence) {
  const ref = evidence?.kubernetes?.audit?.objectRef ?? {};
  return ref.name ? [ref.apiGroup, ref.resource, ref.namespace, ref.name].join('/') : null;
}

/** The object as sent or as stored after the request: what the diff and the object view show. */
export function objectOf(evidence) {
  const audit = evidence?.kubernetes?.audit ?? {};
  return audit.responseObject?.kind && audit.responseObject.kind !== 'Status' ? audit.responseObject : audit.requestObject;
}

export function evidenceCard(evidence, previous) {
  const audit = evidence.kubernetes?.audit ?? {};
  const annotations = audit.annotations ?? {};
  const decision = annotations['authorization.k8s.io/decision'];
  const code = audit.responseStatus?.code;
  const denied = decision === 'forbid' || (code != null && code >= 400);
  const user = evidence.user ?? {};
  const extra = audit.user?.extra ?? {};
  const first = (values) => (Array.isArray(values) ? values[0] : values);
  const time = evidence['@timestamp'] ?? audit.stageTimestamp;

  const card = h('article', {
    class: `card evidence ${denied ? 'denied' : 'allowed'}`,
    'aria-label': `${audit.verb ?? 'request'} ${target(audit.objectRef)}`,
  },
  h('header', {},
    h('time', { datetime: time, class: 'muted' }, formatTime(time)),
    h('h3', { class: 'what' }, `${audit.verb ?? '?'} ${target(audit.objectRef)}`),
    code != null ? h('span', { class: `status ${denied ? 'violated' : 'clean'}` }, httpStatus(code)) : null),
  evidence.message ? h('p', { class: 'muted' }, evidence.message) : null,
  h('div', { class: 'columns' },
    section('Who', facts([
      ['User', h('span', { class: 'mono' }, user.name ?? audit.user?.username ?? '—')],
      ['Groups', tags(user.group?.name ?? audit.user?.groups)],
      ['Acting as', user.target?.name ?? audit.impersonatedUser?.username],
      ['From pod', first(extra['authentication.kubernetes.io/pod-name'])],
      ['On node', first(extra['authentication.kubernetes.io/node-name'])],
    ])),
    section('From where', facts([
      ['Source IP', tags(audit.sourceIPs?.length ? audit.sourceIPs : evidence.source?.ip)],
      ['User agent', evidence.user_agent?.original ?? audit.userAgent],
    ])),
    section('Decision', facts([
      ['Authorization', decision ? `${decision}${annotations['authorization.k8s.io/reason']
        ? ` — ${annotations['authorization.k8s.io/reason']}` : ''}` : null],
      ['Response', [httpStatus(code), audit.responseStatus?.reason, audit.responseStatus?.message]
        .filter(Boolean).join(' — ')],
      ['Pod Security', annotations['pod-security.kubernetes.io/enforce-policy']],
      ['PSS violations', annotations['pod-security.kubernetes.io/audit-violations']],
    ])),
    section('Request', facts([
      ['Request URI', h('span', { class: 'mono' }, audit.requestURI ?? '')],
      ['API', [audit.objectRef?.apiGroup, audit.objectRef?.apiVersion].filter(Boolean).join('/')],
      ['Stage', audit.stage],
      ['Audit ID', h('span', { class: 'mono' }, audit.auditID ?? '')],
      ['Received', formatTime(evidence.vigil?.received_at)],
    ]))),
  evidence.vigil?.redacted?.length
    ? h('p', { class: 'small muted' }, 'Redacted before storage: ', tags(evidence.vigil.redacted))
    : null);

  const object = objectOf(evidence);
  const before = previous ? objectOf(previous) : null;
  if (before && object) card.append(diffBlock('Changes since the previous event about this object', before, object) ?? '');
  if (audit.requestObject) card.append(jsonBlock('Request object', audit.requestObject));
  if (audit.responseObject) card.append(jsonBlock('Response object', audit.responseObject));
  return card;
}

function section(title, content) {
  return h('section', {}, h('h4', { class: 'card-title' }, title), content);
}
