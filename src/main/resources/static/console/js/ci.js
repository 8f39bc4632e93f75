// A CI: effective attributes with provenance (the source that won, the rule, the candidates it beat), identifiers,
// sources with freshness, relationships both ways, and the history as a timeline. ADMIN: merge and split.
import { gql } from './api.js';
import { h, mount, fmtTime, ago, show, badge, table, section, errorBox } from './dom.js';

const CI = `query Ci($id: ID!) { ci(id: $id) {
  id name class status criticality owner supportGroup firstSeen lastSeen mergedIds
  identifiers { key values }
  provenance { attribute value source observedAt reason rule candidates { source value observedAt stale withdrawn } }
  sources { source scope firstSeen lastSeen stale withdrawn withdrawnAt snapshotId }
  out: relationships(direction: OUTGOING, first: 500) { type sources since ci { id name class status } }
  in: relationships(direction: INCOMING, first: 500) { type sources since ci { id name class status } }
} }`;
const HISTORY = `query History($id: ID!) { history(ciId: $id, first: 200) { at kind field oldValue newValue source detail snapshotId } }`;

export async function ciView(main, ctx) {
  const data = await gql(CI, { id: ctx.arg });
  const ci = data.ci;
  if (!ci) {
    mount(main, errorBox({ code: 'NOT_FOUND', message: 'No CI ' + ctx.arg }));
    return;
  }
  const history = (await gql(HISTORY, { id: ci.id })).history;
  mount(main,
    h('div', { class: 'title' },
      h('h1', { id: 'ci-title' }, ci.name || ci.id), ' ', badge(ci.class, 'class'), ' ', badge(ci.status),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: '#/blast?ids=' + encodeURIComponent(ci.id) }, 'Blast radius'),
        h('a', { class: 'button', href: '#/blast?direction=DOWNSTREAM&ids=' + encodeURIComponent(ci.id) }, 'What it needs'),
        h('a', { class: 'button', href: '#/assess?ids=' + encodeURIComponent(ci.id) }, 'Assess a change'))),
    h('p', { class: 'muted' }, 'id ', h('code', {}, ci.id),
      ci.mergedIds.length ? ['  · merged from ', ci.mergedIds.map(i => h('code', {}, i + ' '))] : null,
      '  · first seen ', fmtTime(ci.firstSeen), '  · last seen ', ago(ci.lastSeen),
      ci.owner ? '  · owner ' + ci.owner : null, ci.supportGroup ? '  · support group ' + ci.supportGroup : null,
      ci.criticality != null ? '  · criticality ' + ci.criticality : null),
    h('div', { class: 'grid2' },
      provenance(ci.provenance),
      h('div', {}, identifiers(ci.identifiers), sources(ci.sources))),
    relationships(ci),
    timeline(history),
    ctx.can('ADMIN') ? admin(ci, ctx) : null);
}

function provenance(rows) {
  return section('Attributes and provenance', table(['Attribute', 'Value', 'Source', 'Why', 'Other candidates'],
    rows.map(p => h('tr', { dataset: { attribute: p.attribute } },
      h('td', {}, p.attribute), h('td', { class: 'value' }, show(p.value)),
      h('td', {}, p.source || '—', p.observedAt ? h('div', { class: 'muted' }, ago(p.observedAt)) : null),
      h('td', {}, badge(p.reason, 'reason'), p.rule ? h('div', { class: 'muted' }, p.rule) : null),
      h('td', {}, h('ul', { class: 'candidates' }, p.candidates.filter(c => c.source !== p.source).map(c => h('li', {},
        h('strong', {}, c.source), ': ', show(c.value), c.stale ? ' (stale)' : '', c.withdrawn ? ' (withdrawn)' : '')))))),
    { class: 'provenance' }));
}

function identifiers(ids) {
  return section('Identifiers', table(['Key', 'Values'], ids.map(i => h('tr', {}, h('td', {}, i.key),
    h('td', {}, i.values.join(', '))))));
}

function sources(list) {
  return section('Sources', table(['Source', 'Scope', 'Last seen', 'State'], list.map(s => h('tr', {},
    h('td', {}, s.source), h('td', {}, s.scope || ''), h('td', { title: fmtTime(s.lastSeen) }, ago(s.lastSeen)),
    h('td', {}, s.withdrawn ? badge('withdrawn ' + ago(s.withdrawnAt), 'retired') : s.stale ? badge('stale', 'stale') : badge('fresh', 'active'))))));
}

function relationships(ci) {
  const row = (dir, r) => h('tr', {}, h('td', {}, dir === 'out' ? 'needs' : 'needed by'), h('td', {}, r.type),
    h('td', {}, h('a', { href: '#/ci/' + encodeURIComponent(r.ci.id) }, r.ci.name || r.ci.id)), h('td', {}, r.ci.class),
    h('td', {}, badge(r.ci.status)), h('td', {}, r.sources.join(', ')));
  return section('Relationships (' + ci.out.length + ' out, ' + ci.in.length + ' in)',
    table(['', 'Type', 'CI', 'Class', 'Status', 'Sources'], [...ci.out.map(r => row('out', r)), ...ci.in.map(r => row('in', r))]));
}

function timeline(entries) {
  return section('History', h('ol', { class: 'timeline', id: 'history' }, entries.map(e => h('li', { dataset: { kind: e.kind } },
    h('time', { datetime: e.at }, fmtTime(e.at)), ' ', badge(e.kind, 'kind'), ' ',
    e.field ? h('strong', {}, e.field + ': ') : null,
    e.oldValue !== null && e.oldValue !== undefined ? [h('del', {}, show(e.oldValue)), ' → '] : null,
    e.newValue !== null && e.newValue !== undefined ? h('ins', {}, show(e.newValue)) : null,
    e.detail ? h('span', { class: 'muted' }, ' ' + e.detail) : null,
    e.source ? h('span', { class: 'muted' }, ' · ' + e.source) : null))));
}

function admin(ci, ctx) {
  const ids = h('input', { type: 'text', placeholder: 'CI ids to merge into this one, comma-separated', 'aria-label': 'CI ids to merge' });
  const reason = h('input', { type: 'text', placeholder: 'Reason', 'aria-label': 'Reason' });
  const out = h('div');
  const merge = h('form', { on: { submit: async ev => {
    ev.preventDefault();
    const merged = ids.value.split(',').map(s => s.trim()).filter(Boolean);
    if (!merged.length || !window.confirm('Merge ' + merged.length + ' CI(s) into ' + (ci.name || ci.id) + '?')) return;
    try {
      await gql('mutation M($s: ID!, $m: [ID!]!, $r: String) { mergeCis(survivorId: $s, mergedIds: $m, reason: $r) { id } }',
        { s: ci.id, m: merged, r: reason.value || null });
      ctx.refresh();
    } catch (e) { mount(out, errorBox(e)); }
  } } }, h('h3', {}, 'Merge'), ids, reason, h('button', { type: 'submit' }, 'Merge'));
  const boxes = ci.sources.map(s => h('label', {}, h('input', { type: 'checkbox', value: s.source }), ' ' + s.source));
  const split = h('form', { on: { submit: async ev => {
    ev.preventDefault();
    const chosen = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
    if (!chosen.length || !window.confirm('Split ' + chosen.join(', ') + ' off into a new CI?')) return;
    try {
      const r = await gql('mutation S($c: ID!, $s: [String!]!) { splitCi(ciId: $c, sources: $s) { id } }', { c: ci.id, s: chosen });
      ctx.go('ci/' + encodeURIComponent(r.splitCi.id));
    } catch (e) { mount(out, errorBox(e)); }
  } } }, h('h3', {}, 'Split sources off'), boxes, h('button', { type: 'submit' }, 'Split'));
  return section('Administration', h('div', { class: 'grid2' }, merge, split), out);
}
