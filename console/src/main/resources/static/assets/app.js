// The console shell: session, navigation (History API; the server answers every console path with this page),
// the live-stream indicator and one alert store shared by all views.

import { getJson, setCsrf } from './api.js';
import { h } from './dom.js';
import { AlertStore } from './store.js';
import { renderAlerts } from './alerts.js';
import { renderAlertDetail } from './alert-detail.js';
import { renderCompliance } from './compliance.js';
import { renderRules } from './rules.js';
import { renderDeadLetters } from './dead-letters.js';
import { canSearch, renderSearch } from './search.js';
import { renderOverview } from './overview.js';
import { carryRange } from './range.js';

const STATE_TEXT = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' };

const store = new AlertStore();
let rules = null;
let leaveView = () => {};
let firstRender = true;

async function start() {
  const session = await getJson('/v1/session');
  store.session = session;
  setCsrf(session.csrf);
  document.getElementById('nav-dead-letters').hidden = !(session.roles ?? []).includes('admin');
  document.getElementById('nav-search').hidden = !canSearch(session);
  document.getElementById('signed-in').textContent = `${session.username} (${session.roles.join(', ')})`;
  const csrfField = document.querySelector('#sign-out input[type=hidden]');
  if (session.csrf) {
    csrfField.name = session.csrf.parameter;
    csrfField.value = session.csrf.token;
  }
  const indicator = document.getElementById('live-status');
  const showState = () => {
    indicator.dataset.state = store.state;
    indicator.textContent = STATE_TEXT[store.state] ?? store.state;
    indicator.title = store.state === 'live' ? 'New alerts appear as they are raised' : 'Waiting for the live alert stream';
  };
  store.addEventListener('state', showState);
  showState();
  store.start();

  document.addEventListener('click', followLink);
  window.addEventListener('popstate', render);
  render();
}

/** Same-origin links to console pages change the view without a page load. */
function followLink(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.origin !== window.location.origin || !isConsolePath(link.pathname)) return;
  event.preventDefault();
  if (link.href !== window.location.href) history.pushState(null, '', link.href);
  render();
}

function isConsolePath(path) {
  return path === '/' || /^\/(overview|alerts|compliance|rules|dead-letters|search)(\/|$)/.test(path);
}

function render() {
  leaveView();
  const main = document.getElementById('main');
  const path = window.location.pathname;
  const query = new URLSearchParams(window.location.search);
  const hash = decodeURIComponent(window.location.hash.slice(1));
  const detail = /^\/alerts\/(.+)$/.exec(path);
  let section;
  if (detail) {
    section = 'alerts';
    leaveView = renderAlertDetail(main, { store, id: decodeURIComponent(detail[1]) });
    document.title = 'Alert · Vigil';
  } else if (path.startsWith('/compliance')) {
    section = 'compliance';
    leaveView = renderCompliance(main, { store, query });
    document.title = 'Compliance · Vigil';
  } else if (path.startsWith('/dead-letters')) {
    section = 'dead-letters';
    leaveView = renderDeadLetters(main, { query });
    document.title = 'Dead letters · Vigil';
  } else if (path.startsWith('/search')) {
    section = 'search';
    leaveView = renderSearch(main, { query });
    document.title = 'Search · Vigil';
  } else if (path.startsWith('/rules')) {
    section = 'rules';
    leaveView = renderRules(main, { hash });
    document.title = 'Rules · Vigil';
  } else if (path === '/' || path.startsWith('/overview')) {
    section = 'overview';
    leaveView = renderOverview(main, { query, rules: loadRules() });
    document.title = 'Overview · Vigil';
  } else {
    section = 'alerts';
    leaveView = renderAlerts(main, { store, rules: loadRules(), query });
    document.title = 'Alerts · Vigil';
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  carryRange();
  if (!firstRender) main.querySelector('h1')?.focus();
  firstRender = false;
}

function loadRules() {
  rules ??= getJson('/v1/rules').then((answer) => answer.rules ?? []);
  return rules;
}

start().catch((error) => {
  document.getElementById('main').replaceChildren(
    h('p', { class: 'banner error', role: 'alert' }, `The console could not start (${error.message}).`));
});
