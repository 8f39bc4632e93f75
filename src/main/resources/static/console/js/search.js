// Search: CIs by name (or key=value for an identifier), narrowed by class, status and source facets with counts.
// Keyboard-first: '/' focuses the box, arrow keys move through the results, Enter opens one, 'b' its blast radius.
import { gql } from './api.js';
import { h, mount, ago, badge, errorBox } from './dom.js';

const FACETS = `query Facets($filter: CIFilter) { ciFacets(filter: $filter) {
  total byClass { value count } byStatus { value count } bySource { value count } } }`;
const PAGE = `query Search($filter: CIFilter, $after: String) { cis(filter: $filter, first: 50, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id name class status criticality lastSeen sources { source stale withdrawn } } } } }`;

/** The filter a search box and facet choices mean: "key=value" is an identifier, anything else part of a name. */
export function filterOf(params) {
  const f = {};
  const q = (params.get('q') || '').trim();
  const m = q.match(/^([A-Za-z][\w.-]*)=(.+)$/);
  if (m) f.identifier = { key: m[1], value: m[2] };
  else if (q) f.nameContains = q;
  for (const k of ['class', 'status', 'source']) if (params.get(k)) f[k] = params.get(k);
  return f;
}

export async function searchView(main, ctx) {
  const params = ctx.params;
  const box = h('input', { id: 'q', type: 'search', value: params.get('q') || '', autocomplete: 'off',
    placeholder: 'Name, or key=value (ip=10.0.0.5, fqdn=…)   press / to focus', 'aria-label': 'Search CIs' });
  const facets = h('aside', { class: 'facets', 'aria-label': 'Facets' });
  const results = h('div', { class: 'results' });
  mount(main, h('div', { class: 'search' }, h('div', { class: 'searchbar' }, box), h('div', { class: 'split' }, facets, results)));
  let timer = null;
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => update({ q: box.value }), 250);
  });
  box.addEventListener('keydown', ev => {
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      const first = results.querySelector('tr[tabindex]');
      if (first) first.focus();
    } else if (ev.key === 'Enter') {
      clearTimeout(timer);
      update({ q: box.value });
    }
  });
  if (!params.get('keep-focus')) box.focus();

  function update(change) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v); else next.delete(k);
    }
    const hash = '#/search' + (next.toString() ? '?' + next : '');
    history.replaceState(null, '', hash);
    params.forEach((v, k) => params.delete(k));
    next.forEach((v, k) => params.set(k, v));
    load();
  }

  async function load() {
    const filter = filterOf(params);
    try {
      const [f, page] = await Promise.all([gql(FACETS, { filter }), gql(PAGE, { filter })]);
      drawFacets(f.ciFacets);
      drawResults(page.cis, filter);
    } catch (e) {
      mount(results, errorBox(e));
    }
  }

  function drawFacets(f) {
    const group = (title, key, counts) => h('div', { class: 'facet' }, h('h3', {}, title),
      params.get(key) ? h('button', { type: 'button', class: 'link', on: { click: () => update({ [key]: null }) } }, 'any ' + title.toLowerCase()) : null,
      h('ul', {}, counts.slice(0, 30).map(c => h('li', {}, h('button', {
        type: 'button', class: 'link facet-value' + (params.get(key) === c.value ? ' chosen' : ''),
        dataset: { facet: key, value: c.value }, on: { click: () => update({ [key]: params.get(key) === c.value ? null : c.value }) },
      }, c.value), ' ', h('span', { class: 'count' }, c.count)))));
    mount(facets, h('p', { class: 'total' }, f.total + ' CIs'), group('Class', 'class', f.byClass),
      group('Status', 'status', f.byStatus), group('Source', 'source', f.bySource));
  }

  function drawResults(conn, filter) {
    const rows = conn.edges.map(e => row(e.node));
    const body = h('tbody', {}, rows);
    const more = conn.pageInfo.hasNextPage ? h('button', { type: 'button', on: { click: async ev => {
      ev.target.disabled = true;
      const next = (await gql(PAGE, { filter, after: conn.pageInfo.endCursor })).cis;
      next.edges.forEach(e => body.appendChild(row(e.node)));
      conn = next;
      ev.target.remove();
      if (next.pageInfo.hasNextPage) results.appendChild(h('p', { class: 'muted' }, 'Narrow the search to see more.'));
    } } }, 'More') : null;
    mount(results, h('p', { class: 'muted' }, conn.totalCount + ' matching'),
      h('table', { class: 'list', id: 'results' }, h('thead', {}, h('tr', {}, ['Name', 'Class', 'Status', 'Sources', 'Last seen', ''].map(x => h('th', {}, x)))), body),
      more);
  }

  function row(ci) {
    const tr = h('tr', { tabindex: 0, dataset: { ciId: ci.id }, on: { keydown: ev => {
      if (ev.key === 'ArrowDown' && tr.nextElementSibling) { ev.preventDefault(); tr.nextElementSibling.focus(); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); (tr.previousElementSibling || box).focus(); }
      else if (ev.key === 'Enter') ctx.go('ci/' + encodeURIComponent(ci.id));
      else if (ev.key === 'b') ctx.go('blast', { ids: ci.id });
    } } },
    h('td', {}, h('a', { href: '#/ci/' + encodeURIComponent(ci.id), class: 'ci-name' }, ci.name || ci.id)),
    h('td', {}, ci.class), h('td', {}, badge(ci.status)),
    h('td', {}, ci.sources.map(s => h('span', { class: 'src' + (s.stale ? ' stale' : '') + (s.withdrawn ? ' withdrawn' : '') }, s.source))),
    h('td', { title: ci.lastSeen || '' }, ago(ci.lastSeen)),
    h('td', {}, h('a', { href: '#/blast?ids=' + encodeURIComponent(ci.id), class: 'blast-link' }, 'blast radius')));
    return tr;
  }

  await load();
}
