// CMDB health as the API reports it today: CIs by status per class and per source (stale and retired shares), the
// agents' last runs, and alerts that map to no CI. The data-quality figures of the operations work (completeness,
// duplicate candidates, orphans) join this page when the API offers them.
import { gql } from './api.js';
import { h, mount, ago, badge, table, section } from './dom.js';

const Q = `{ all: ciFacets { total byClass { value count } byStatus { value count } bySource { value count } }
  stale: ciFacets(filter: {status: STALE}) { byClass { value count } bySource { value count } }
  retired: ciFacets(filter: {status: RETIRED}) { byClass { value count } bySource { value count } }
  agents { name type source enabled running nextFireTime runs(first: 1) { status startedAt endedAt items error } }
  alertCounts { mappedFiring unmappedFiring } }`;

export async function healthView(main) {
  const d = await gql(Q);
  const count = (list, v) => (list.find(x => x.value === v) || { count: 0 }).count;
  const pct = (n, t) => t ? (100 * n / t).toFixed(1) + ' %' : '—';
  const rows = (key) => d.all[key].map(c => {
    const stale = count(d.stale[key], c.value);
    const retired = count(d.retired[key], c.value);
    return h('tr', {}, h('td', {}, c.value), h('td', {}, c.count), h('td', {}, stale), h('td', {}, retired),
      h('td', { class: stale / c.count > 0.1 ? 'warn' : '' }, pct(stale, c.count)));
  });
  mount(main, h('h1', {}, 'CMDB health'),
    h('p', { class: 'summary' }, d.all.total + ' CIs · ', d.all.byStatus.map(s => s.value + ' ' + s.count).join(' · '),
      ' · alerts firing on no CI: ', h('strong', {}, d.alertCounts.unmappedFiring)),
    h('div', { class: 'grid2' },
      section('By class', table(['Class', 'CIs', 'Stale', 'Retired', 'Stale share'], rows('byClass'), { id: 'health-classes' })),
      section('By source', table(['Source', 'CIs', 'Stale', 'Retired', 'Stale share'], rows('bySource'), { id: 'health-sources' }))),
    section('Agents', table(['Agent', 'Type', 'Source', 'Last run', 'Outcome', 'Items', 'Next'], d.agents.map(a => {
      const r = a.runs[0];
      return h('tr', {}, h('td', {}, a.name), h('td', {}, a.type), h('td', {}, a.source), h('td', {}, r ? ago(r.startedAt) : 'never'),
        h('td', {}, r ? badge(r.status) : '', r && r.error ? h('div', { class: 'muted' }, r.error) : null), h('td', {}, r && r.items != null ? r.items : ''),
        h('td', {}, a.enabled ? ago(a.nextFireTime) : 'disabled'));
    }))));
}
