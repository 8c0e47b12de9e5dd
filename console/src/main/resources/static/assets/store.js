// The alerts the console knows: a backfill of recent alerts from GET /v1/alerts plus everything the live stream
// (GET /v1/alerts/stream, Server-Sent Events) brings. An alert updated by dedup replaces the one with its id.

import { ApiError, getJson } from './api.js';
import { alertId, lastSeen } from './format.js';

const BACKFILL_SIZE = 200;
const MAX_ALERTS = 2000;
const RECONNECT_DELAY_MS = 5000;

export class AlertStore extends EventTarget {
  constructor() {
    super();
    this.alerts = new Map();
    this.state = 'connecting';
    this.backfillError = null;
    this.loaded = false;
    this.source = null;
  }

  start() {
    this.connect();
    this.backfill();
  }

  /** Alerts, newest first; alerts of the same moment by severity. */
  list() {
    return [...this.alerts.values()].sort((a, b) => compareTime(lastSeen(b), lastSeen(a))
      || Number(b.event?.severity ?? 0) - Number(a.event?.severity ?? 0));
  }

  get(id) {
    return this.alerts.get(id);
  }

  connect() {
    const source = new EventSource('/v1/alerts/stream');
    this.source = source;
    let failed = false;
    source.addEventListener('status', (event) => {
      this.setState(JSON.parse(event.data).live ? 'live' : 'connecting');
    });
    source.addEventListener('alert', (event) => {
      this.upsert(JSON.parse(event.data), true);
    });
    source.addEventListener('triage', (event) => this.setTriage(JSON.parse(event.data)));
    source.addEventListener('open', () => {
      if (failed) {
        failed = false;
        this.backfill(); // alerts raised while the stream was down
      }
    });
    source.addEventListener('error', () => {
      failed = true;
      this.setState('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        // The server refused the stream (e.g. the session expired): check the session, then try again.
        window.setTimeout(() => this.reconnect(), RECONNECT_DELAY_MS);
      }
    });
  }

  async reconnect() {
    try {
      await getJson('/v1/session');
      this.connect();
      this.backfill();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        window.setTimeout(() => this.reconnect(), RECONNECT_DELAY_MS);
      }
    }
  }

  async backfill() {
    try {
      const page = await getJson(`/v1/alerts?size=${BACKFILL_SIZE}`);
      const alerts = Array.isArray(page) ? page : page.alerts ?? [];
      for (const alert of alerts) this.upsert(alert, false, false);
      this.backfillError = null;
    } catch (error) {
      this.backfillError = error.message;
    }
    this.loaded = true;
    this.changed(null, false);
  }

  upsert(alert, live, notify = true) {
    const id = alertId(alert);
    if (!id) return;
    const known = this.alerts.get(id);
    if (known && !isNewer(alert, known)) return;
    this.alerts.set(id, withKnownTriage(alert, known));
    if (this.alerts.size > MAX_ALERTS) this.dropOldest();
    if (notify) this.changed(id, live);
  }

  /** Triage changed (by anyone): {id: triage}. */
  setTriage(changes) {
    for (const [id, triage] of Object.entries(changes ?? {})) {
      const alert = this.alerts.get(id);
      if (!alert) continue;
      this.alerts.set(id, { ...alert, vigil: { ...(alert.vigil ?? {}), triage } });
      this.changed(id, false);
    }
  }

  dropOldest() {
    const oldest = this.list().slice(MAX_ALERTS);
    for (const alert of oldest) this.alerts.delete(alertId(alert));
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }

  changed(id, live) {
    this.dispatchEvent(new CustomEvent('change', { detail: { id, live } }));
  }
}

function compareTime(a, b) {
  return (Date.parse(a) || 0) - (Date.parse(b) || 0);
}

/** A later version of the same alert has a higher count or a later last_seen. */
/**
 * The stream never changes a verdict, but it streams an alert without one when the console could not read the
 * triage at that moment: such a copy keeps the verdict already known, so that a closed alert does not read as open
 * (and lose its "new events since closed" flag) until the next load.
 */
export function withKnownTriage(alert, known) {
  const triage = known?.vigil?.triage;
  if (!triage || alert?.vigil?.triage) return alert;
  return { ...alert, vigil: { ...(alert.vigil ?? {}), triage } };
}

function isNewer(candidate, known) {
  const count = (alert) => Number(alert?.vigil?.count ?? 0);
  if (count(candidate) !== count(known)) return count(candidate) > count(known);
  return compareTime(lastSeen(candidate), lastSeen(known)) >= 0;
}
