// Shared wording and formatting of alert fields.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

const pad = (number) => String(number).padStart(2, '0');
const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** Local time as 2026-11-23 10:15:30: unambiguous in every locale and sortable. */
export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function relativeTime(iso, now = Date.now()) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month']];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return RELATIVE.format(value, unit);
    value = Math.round(value / size);
  }
  return RELATIVE.format(value, 'year');
}

/** The alert's most recent time: last_seen for deduplicated alerts, else @timestamp. */
export function lastSeen(alert) {
  return alert?.vigil?.last_seen || alert?.['@timestamp'];
}

export function severityOf(alert) {
  return alert?.vigil?.severity || 'info';
}

export function alertId(alert) {
  return alert?.event?.id;
}

export function clusterOf(document) {
  return document?.orchestrator?.cluster?.name || '';
}

export function namespaceOf(document) {
  return document?.orchestrator?.namespace || '';
}

export function resourceOf(document) {
  const resource = document?.orchestrator?.resource;
  if (!resource) return '';
  return [resource.type, resource.name].filter(Boolean).join('/');
}

const HTTP_STATUS = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 410: 'Gone', 422: 'Unprocessable', 429: 'Too Many Requests',
  500: 'Server Error', 503: 'Unavailable',
};

export function httpStatus(code) {
  if (code == null) return '';
  return HTTP_STATUS[code] ? `${code} ${HTTP_STATUS[code]}` : String(code);
}

export function alertPath(id) {
  return `/alerts/${encodeURIComponent(id)}`;
}
