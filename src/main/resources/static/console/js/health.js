// CMDB health: the data's own quality per class and source (GraphQL health, recomputed on a schedule): completeness
// against the catalogue's required attributes, duplicate candidates (with the merge path for ADMIN), orphans, pending
// relationships, compliance with the sources' staleness windows and silent sources; the agents' last runs.
import { gql } from './api.js';
import { h, mount, ago, fmtTime, badge, table, section, errorBox } from './dom.js';

const FIELDS = `computedAt durationMs totalCis duplicateCandidates pendingEdges pendingEdgesOldestSince
  classes { class total active stale retired required complete completeness missing { attribute cis } withStaleSource compliance }
  sources { source registeredAs staleAfter assertions stale withdrawn lastReportAt silent }
  duplicateSample { name sharedIdentifier cis { id name class } }
  orphans { class missingTypes count sample { id name } }`;
const Q = `{ health { ${FIELDS} }
  agents { name type source enabled nextFireTime runs(first: 1) { status startedAt items error } }
  alertCounts { unmappedFiring } }`;

const pct = x => (100 * x).toFixed(1) + ' %';

export async function healthView(main, ctx) {
  const d = await gql(Q);
  draw(main, ctx, d.health, d);
}

function draw(main, ctx, hl, d) {
  const out = h('div');
  const refresh = ctx.can('ADMIN') ? h('button', { type: 'button', id: 'refresh-health', on: { click: async () => {
    try {
      const r = await gql(`mutation { refreshHealth { ${FIELDS} } }`);
      draw(main, ctx, r.refreshHealth, d);
    } catch (e) { mount(out, errorBox(e)); }
  } } }, 'Recompute now') : null;
  mount(main, h('div', { class: 'title' }, h('h1', {}, 'CMDB health'), h('div', { class: 'actions' }, refresh)),
    h('p', { class: 'summary' }, hl.totalCis + ' CIs · computed ', ago(hl.computedAt), ' in ', hl.durationMs, ' ms · ',
      h('strong', { id: 'duplicates' }, hl.duplicateCandidates), ' duplicate candidates · ',
      h('strong', {}, hl.pendingEdges), ' relationships waiting', hl.pendingEdgesOldestSince ? ' (oldest since ' + ago(hl.pendingEdgesOldestSince) + ')' : '',
      ' · alerts firing on no CI: ', h('strong', {}, d.alertCounts.unmappedFiring)),
    out,
    section('Classes', table(['Class', 'CIs', 'Active', 'Stale', 'Retired', 'Complete', 'Missing', 'Sources fresh'],
      hl.classes.map(c => h('tr', { dataset: { class: c.class } }, h('td', {}, h('a', { href: '#/search?class=' + encodeURIComponent(c.class) }, c.class)),
        h('td', {}, c.total), h('td', {}, c.active), h('td', { class: c.stale ? 'warn' : '' }, c.stale), h('td', {}, c.retired),
        h('td', { class: c.completeness < 0.9 ? 'warn' : '' }, c.required.length ? pct(c.completeness) : '—'),
        h('td', {}, c.missing.map(m => m.attribute + ' ' + m.cis).join(', ')),
        h('td', { class: c.compliance < 0.9 ? 'warn' : '' }, pct(c.compliance)))), { id: 'health-classes' })),
    section('Sources', table(['Source', 'Registered as', 'Window', 'Assertions', 'Past window', 'Withdrawn', 'Last report', ''],
      hl.sources.map(s => h('tr', { dataset: { source: s.source } }, h('td', {}, h('a', { href: '#/search?source=' + encodeURIComponent(s.source) }, s.source)),
        h('td', {}, s.registeredAs || h('span', { class: 'warn' }, 'unregistered')), h('td', {}, s.staleAfter), h('td', {}, s.assertions),
        h('td', { class: s.stale ? 'warn' : '' }, s.stale), h('td', {}, s.withdrawn), h('td', { title: fmtTime(s.lastReportAt) }, ago(s.lastReportAt)),
        h('td', {}, s.silent ? badge('silent', 'stale') : badge('reporting', 'active')))), { id: 'health-sources' })),
    h('div', { class: 'grid2' },
      section('Duplicate candidates', hl.duplicateSample.length ? h('ul', { id: 'duplicate-sample' }, hl.duplicateSample.map(x => h('li', {},
        h('strong', {}, x.name), ' share ', h('code', {}, x.sharedIdentifier), ': ',
        x.cis.map((c, i) => [i ? ', ' : '', h('a', { href: '#/ci/' + encodeURIComponent(c.id) }, c.class)]),
        ctx.can('ADMIN') && x.cis.length > 1 ? [' · ', h('a', { href: '#/ci/' + encodeURIComponent(x.cis[0].id) }, 'review and merge')] : null)))
        : h('p', { class: 'muted' }, 'None')),
      section('Orphans', hl.orphans.length ? h('ul', {}, hl.orphans.map(o => h('li', {}, o.class, ' without ', o.missingTypes.join(' or '), ': ',
        h('strong', {}, o.count), ' (', o.sample.slice(0, 5).map((c, i) => [i ? ', ' : '', h('a', { href: '#/ci/' + encodeURIComponent(c.id) }, c.name || c.id)]), ')')))
        : h('p', { class: 'muted' }, 'None'))),
    section('Agents', table(['Agent', 'Type', 'Source', 'Last run', 'Outcome', 'Items', 'Next'], d.agents.map(a => {
      const r = a.runs[0];
      return h('tr', {}, h('td', {}, a.name), h('td', {}, a.type), h('td', {}, a.source), h('td', {}, r ? ago(r.startedAt) : 'never'),
        h('td', {}, r ? badge(r.status) : '', r && r.error ? h('div', { class: 'muted' }, r.error) : null), h('td', {}, r && r.items != null ? r.items : ''),
        h('td', {}, a.enabled ? ago(a.nextFireTime) : 'disabled'));
    }))));
}
