// The console's shell: sign-in, the navigation the signed-in token's roles allow, and a hash router
// (#/search, #/ci/<id>, #/blast?ids=..., #/changes, #/change/<id>, #/assess?ids=..., #/incidents, #/incident/<id>,
// #/health). The hash holds CI and record ids only, never the token.
import { gql, session, whenUnauthenticated } from './api.js';
import { h, mount, errorBox } from './dom.js';
import { searchView } from './search.js';
import { ciView } from './ci.js';
import { blastView } from './blast.js';
import { changesView, changeView, assessView } from './changes.js';
import { incidentsView, incidentView } from './incidents.js';
import { healthView } from './health.js';

const main = document.getElementById('main');
let viewer = null;

const routes = [
  { path: /^search$/, view: searchView, nav: 'Search', role: 'READ' },
  { path: /^ci\/(.+)$/, view: ciView },
  { path: /^blast$/, view: blastView, nav: 'Blast radius', role: 'READ' },
  { path: /^changes$/, view: changesView, nav: 'Changes', role: 'READ' },
  { path: /^change\/(.+)$/, view: changeView },
  { path: /^assess$/, view: assessView },
  { path: /^incidents$/, view: incidentsView, nav: 'Incidents', role: 'READ' },
  { path: /^incident\/(.+)$/, view: incidentView },
  { path: /^health$/, view: healthView, nav: 'Health', role: 'READ' },
];

/** What the views get: the caller, route parameters, and navigation. */
function context(params, match) {
  return {
    viewer,
    can: role => viewer.effectiveRoles.includes(role),
    params,
    arg: match ? decodeURIComponent(match[1]) : null,
    go,
    refresh: render,
  };
}

export function go(path, params) {
  const q = params ? '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '')) : '';
  window.location.hash = '#/' + path + (q === '?' ? '' : q);
}

async function render() {
  delete main.dataset.ready;
  if (!session.token()) {
    signIn();
    return;
  }
  if (!viewer) {
    try {
      viewer = (await gql('{ viewer { name roles effectiveRoles } }')).viewer;
    } catch (e) {
      session.clear();
      signIn(e);
      return;
    }
  }
  drawChrome();
  if (!viewer.effectiveRoles.includes('READ')) {
    mount(main, errorBox({ code: 'FORBIDDEN', message: 'Token ' + viewer.name + ' has the roles ' + viewer.roles.join(', ')
      + ' but not READ, which every page of the console needs. Sign in with another token.' }));
    return;
  }
  const raw = window.location.hash.replace(/^#\/?/, '') || 'search';
  const [path, query] = raw.split('?');
  const params = new URLSearchParams(query || '');
  for (const r of routes) {
    const m = path.match(r.path);
    if (m) {
      highlightNav(r.nav || (path.startsWith('ci/') ? 'Search' : path.startsWith('change') || path === 'assess' ? 'Changes'
        : path.startsWith('incident') ? 'Incidents' : null));
      mount(main, h('p', { class: 'muted' }, 'Loading…'));
      try {
        await r.view(main, context(params, m));
      } catch (e) {
        mount(main, errorBox(e));
      }
      // the page is drawn (its data loaded): a signal for scripts and tests driving the console
      if (window.location.hash.replace(/^#\/?/, '') === raw || (!window.location.hash && raw === 'search')) main.dataset.ready = raw;
      return;
    }
  }
  mount(main, errorBox({ code: 'NOT_FOUND', message: 'No such page: ' + path }));
}

function drawChrome() {
  const nav = document.getElementById('nav');
  mount(nav, routes.filter(r => r.nav && viewer.effectiveRoles.includes(r.role))
    .map(r => h('a', { href: '#/' + r.path.source.replace(/[\^$]/g, ''), dataset: { nav: r.nav } }, r.nav)),
  h('a', { href: '/graphiql', title: 'GraphiQL, in this tab (it uses the signed-in token)' }, 'GraphiQL'));
  mount(document.getElementById('who'),
    h('span', { class: 'who', title: 'Roles: ' + viewer.effectiveRoles.join(', ') }, viewer.name),
    h('button', { type: 'button', id: 'sign-out', on: { click: signOut } }, 'Sign out'));
}

function highlightNav(name) {
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.nav === name));
}

function signIn(err) {
  viewer = null;
  mount(document.getElementById('nav'));
  mount(document.getElementById('who'));
  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off', required: true,
    placeholder: 'API token', 'aria-label': 'API token' });
  const problem = h('div', {}, err ? errorBox(err) : null);
  const form = h('form', { class: 'signin', on: { submit: async ev => {
    ev.preventDefault();
    const t = input.value.trim();
    try {
      const v = (await gql('{ viewer { name roles effectiveRoles } }', {}, t)).viewer;
      session.set(t);
      viewer = v;
      render();
    } catch (e) {
      mount(problem, errorBox(e.code === 'UNAUTHENTICATED' ? { code: e.code, message: 'The token is not valid (unknown or revoked).' } : e));
    }
  } } },
  h('h1', {}, 'Sign in'),
  h('p', { class: 'muted' }, 'Paste an API token. It stays in this browser tab only and is sent to this server with each request.'),
  input, h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'), problem);
  mount(main, form);
  input.focus();
}

function signOut() {
  session.clear();
  viewer = null;
  window.location.hash = '#/search';
  render();
}

whenUnauthenticated(() => {
  session.clear();
  viewer = null;
  signIn({ code: 'UNAUTHENTICATED', message: 'The token is no longer valid; sign in again.' });
});

document.addEventListener('keydown', ev => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
  if (ev.key === '/' && !typing) {
    const q = document.getElementById('q');
    ev.preventDefault();
    if (q) q.focus();
    else go('search');
  }
});

window.addEventListener('hashchange', render);
render();
