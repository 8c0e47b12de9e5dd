// Triage of alerts (status, reason, assignee, notes) for analysts and admins: the status badge of the list, the
// panel of the alert page and the bulk bar. An alert without vigil.triage is open.

import { sendJson } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';

export const STATUSES = ['open', 'acknowledged', 'closed'];
const REASON_TEXT = { resolved: 'resolved', false_positive: 'false positive' };

export function triageOf(alert) {
  return alert?.vigil?.triage ?? { status: 'open' };
}

/** Whether the signed-in user may triage (roles come from GET /v1/session). */
export function canTriage(session) {
  return (session?.roles ?? []).some((role) => role === 'analyst' || role === 'admin');
}

export function statusText(triage) {
  const reason = REASON_TEXT[triage.reason];
  return triage.status === 'closed' && reason ? `closed · ${reason}` : triage.status ?? 'open';
}

export function statusBadge(alert) {
  const triage = triageOf(alert);
  const title = triage.updated_by ? `${statusText(triage)} by ${triage.updated_by}, ${formatTime(triage.updated_at)}` : null;
  return h('span', { class: `triage ${triage.status ?? 'open'}${triage.reason ? ` ${triage.reason}` : ''}`, title },
    statusText(triage));
}

/**
 * Events the verdict has not seen: dedup folds later hits of the same rule and key into the same alert, so a closed
 * or acknowledged alert whose count rose since (vigil.triage.alert_count, recorded with the verdict) hides new
 * activity — perhaps an attacker's repeat behind an alert closed as a false positive. 0 when open or unknown.
 */
export function eventsSinceVerdict(alert) {
  const triage = triageOf(alert);
  if (triage.status === 'open' || triage.alert_count == null) return 0;
  return Math.max(0, Number(alert?.vigil?.count ?? 1) - Number(triage.alert_count));
}

/** The "N new events since closed" flag beside the status, or null when the verdict has seen every event. */
export function sinceVerdictFlag(alert) {
  const count = eventsSinceVerdict(alert);
  if (count === 0) return null;
  const triage = triageOf(alert);
  const text = `${count} new event${count === 1 ? '' : 's'} since ${triage.status}`;
  return h('span', { class: 'since-verdict', role: 'note',
    title: `${text}: the alert counted ${triage.alert_count} when ${triage.updated_by ?? 'someone'} set it to `
      + `${statusText(triage)} (${formatTime(triage.updated_at)}), ${alert.vigil.count} now. Look again or reopen it.` }, text);
}

/** Sets the triage of several alerts; returns {id: triage}. */
export async function triageMany(ids, status, reason) {
  const answer = await sendJson('POST', '/v1/alerts/triage', { ids, status, reason });
  return answer.triage ?? {};
}

/** The triage card of the alert page; `onSaved(triage)` runs after a change was stored. */
export function triagePanel(alert, { session, onSaved }) {
  const id = alert?.event?.id;
  const triage = triageOf(alert);
  const allowed = canTriage(session);
  const message = h('p', { class: 'small', role: 'status', id: 'triage-message' });
  const assignee = h('input', { id: 'triage-assignee', type: 'text', value: triage.assignee ?? '', autocomplete: 'off',
    placeholder: 'who works on it', disabled: !allowed });
  const notes = h('textarea', { id: 'triage-notes', rows: '3', disabled: !allowed, placeholder: 'what was found, what was done' });
  notes.value = triage.notes ?? '';

  async function save(status, reason) {
    message.textContent = 'Saving…';
    try {
      const saved = await sendJson('PUT', `/v1/alerts/${encodeURIComponent(id)}/triage`,
        { status, reason, assignee: assignee.value, notes: notes.value });
      message.textContent = `Saved: ${statusText(saved)}.`;
      onSaved?.(saved);
    } catch (error) {
      message.textContent = `Not saved (${error.message}).`;
    }
  }

  const button = (text, buttonId, status, reason, primary) => h('button', {
    type: 'button', id: buttonId, class: primary ? 'primary' : null, disabled: !allowed,
    onclick: () => save(status, reason),
  }, text);
  const who = triage.updated_by
    ? h('p', { class: 'muted small' }, `Last change by ${triage.updated_by}, ${formatTime(triage.updated_at)}`) : null;
  return h('section', { class: 'card triage-panel', id: 'triage-panel', 'aria-labelledby': 'triage-heading' },
    h('h2', { class: 'card-title', id: 'triage-heading' }, 'Triage'),
    h('p', {}, 'Status ', statusBadge(alert), sinceVerdictFlag(alert)),
    who,
    h('div', { class: 'triage-fields' },
      h('div', { class: 'field' }, h('label', { for: assignee.id }, 'Assignee'), assignee),
      h('div', { class: 'field grow' }, h('label', { for: notes.id }, 'Notes'), notes)),
    h('div', { class: 'triage-actions' },
      button('Acknowledge', 'triage-acknowledge', 'acknowledged', null, triage.status !== 'acknowledged'),
      button('Close as resolved', 'triage-resolved', 'closed', 'resolved'),
      button('Close as false positive', 'triage-false-positive', 'closed', 'false_positive'),
      triage.status !== 'open' ? button('Reopen', 'triage-reopen', 'open', null) : null,
      allowed ? button('Save assignee and notes', 'triage-save', triage.status ?? 'open', triage.reason ?? null) : null),
    allowed ? null : h('p', { class: 'muted small' }, 'Viewers can read the triage; analysts and admins change it.'),
    message);
}
