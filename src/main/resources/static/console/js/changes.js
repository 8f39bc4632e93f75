// Change review: change requests by status, one change with its decision, risk, reasons and their evidence,
// collisions, blackout windows and blast radius; CAB approve/reject (CHANGE_APPROVER) and post-implementation review.
// Assess: the risk of changing a set of CIs, before any request exists.
import { gql } from './api.js';
import { h, mount, fmtTime, ago, show, badge, table, section, errorBox } from './dom.js';
import { impactPanel } from './blast.js';

const STATUSES = ['PENDING', 'APPROVED', 'IMPLEMENTING', 'COMPLETED', 'REJECTED', 'CANCELLED', 'EXPIRED'];
const LIST = `query Changes($status: ChangeStatus) {
  changes(status: $status, first: 100) { nodes { id title status type risk requester plannedStart plannedEnd impactedCount awaitingReview } }
  changesAwaitingReview(first: 50) { id title status type requester decidedAt }
}`;
const ONE = `query Change($id: ID!) { change(id: $id) {
  id title status type requestedType model risk outcome requester requestedBy
  reasons { rule message evidence }
  targets { id name class status }
  impactedCount impactedServices { ci { id name } name criticality }
  plannedStart plannedEnd implementationPlan backoutPlan pipeline
  requestedAt decidedAt decidedBy startedAt completedAt awaitingReview reviewedAt reviewedBy
  timeline { at type detail }
  possiblyCausedIncidents { id priority title openedAt }
} }`;

export async function changesView(main, ctx) {
  const status = ctx.params.get('status') || 'PENDING';
  const data = await gql(LIST, { status: status === 'ALL' ? null : status });
  const tabs = h('div', { class: 'tabs' }, [...STATUSES, 'ALL'].map(s => h('a', { href: '#/changes?status=' + s, class: s === status ? 'active' : '' }, s)));
  mount(main, h('h1', {}, 'Changes'), h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/assess' }, 'Assess a change to some CIs')),
    data.changesAwaitingReview.length ? section('Awaiting post-implementation review', changeTable(data.changesAwaitingReview)) : null,
    tabs, data.changes.nodes.length ? changeTable(data.changes.nodes) : h('p', { class: 'muted' }, 'No ' + status.toLowerCase() + ' changes.'));
}

function changeTable(list) {
  return table(['Change', 'Status', 'Type', 'Risk', 'Requester', 'Window', 'CIs impacted'], list.map(c => h('tr', {},
    h('td', {}, h('a', { href: '#/change/' + encodeURIComponent(c.id) }, c.title), h('div', { class: 'muted' }, c.id)),
    h('td', {}, badge(c.status)), h('td', {}, c.type || ''), h('td', {}, c.risk ? badge(c.risk, 'risk-' + c.risk.toLowerCase()) : ''),
    h('td', {}, c.requester || ''), h('td', {}, c.plannedStart ? fmtTime(c.plannedStart) + ' → ' + fmtTime(c.plannedEnd) : ''),
    h('td', {}, c.impactedCount ?? ''))), { class: 'list', id: 'changes' });
}

export async function changeView(main, ctx) {
  const c = (await gql(ONE, { id: ctx.arg })).change;
  if (!c) {
    mount(main, errorBox({ code: 'NOT_FOUND', message: 'No change ' + ctx.arg }));
    return;
  }
  const by = rule => c.reasons.filter(r => r.rule === rule || r.rule === 'overridden-' + rule);
  const graph = h('div');
  mount(main,
    h('div', { class: 'title' }, h('h1', { id: 'change-title' }, c.title), ' ', badge(c.status), ' ', badge(c.risk, 'risk-' + c.risk.toLowerCase()),
      c.type ? badge(c.type, 'class') : null),
    h('p', { class: 'muted' }, c.id, ' · requested by ', c.requester, ' (token ', c.requestedBy, ') ', ago(c.requestedAt),
      ' · window ', fmtTime(c.plannedStart), ' → ', fmtTime(c.plannedEnd), c.model ? ' · model ' + c.model : null),
    decision(c, ctx),
    h('div', { class: 'grid2' },
      section('Why: reasons and evidence', h('ul', { class: 'reasons', id: 'reasons' }, c.reasons.map(r => h('li', { dataset: { rule: r.rule } },
        badge(r.rule, 'rule'), ' ', r.message, evidence(r.evidence))))),
      h('div', {},
        section('Collisions', by('collision').length ? h('ul', {}, by('collision').map(r => h('li', {}, r.message))) : h('p', { class: 'muted' }, 'None')),
        section('Blackout windows', by('blackout').length ? h('ul', {}, by('blackout').map(r => h('li', {}, r.message))) : h('p', { class: 'muted' }, 'None')),
        section('Open incidents on the radius', by('open-incident').length ? h('ul', {}, by('open-incident').map(r => h('li', {}, r.message))) : h('p', { class: 'muted' }, 'None')))),
    h('div', { class: 'grid2' },
      section('Targets', h('ul', {}, c.targets.map(t => h('li', {}, h('a', { href: '#/ci/' + encodeURIComponent(t.id) }, t.name || t.id), ' ', h('span', { class: 'muted' }, t.class))))),
      section('Impacted services', h('ul', {}, c.impactedServices.map(s => h('li', {}, s.ci ? h('a', { href: '#/ci/' + encodeURIComponent(s.ci.id) }, s.name || s.ci.id) : s.name,
        s.criticality != null ? h('span', { class: 'muted' }, ' criticality ' + s.criticality) : null))))),
    c.implementationPlan || c.backoutPlan ? h('div', { class: 'grid2' }, section('Implementation plan', h('pre', {}, c.implementationPlan || '—')),
      section('Backout plan', h('pre', {}, c.backoutPlan || '—'))) : null,
    c.possiblyCausedIncidents.length ? section('Incidents it may have caused', h('ul', {}, c.possiblyCausedIncidents.map(i => h('li', {},
      badge(i.priority), ' ', h('a', { href: '#/incident/' + encodeURIComponent(i.id) }, i.title || i.id), ' ', ago(i.openedAt))))) : null,
    section('Blast radius of the targets', graph),
    section('Timeline', h('ol', { class: 'timeline' }, c.timeline.map(t => h('li', {}, h('time', {}, fmtTime(t.at)), ' ', badge(t.type, 'kind'), ' ', t.detail || '')))));
  if (c.targets.length) await impactPanel(graph, { ids: c.targets.map(t => t.id) });
}

function evidence(ev) {
  if (!ev || typeof ev !== 'object' || !Object.keys(ev).length) return null;
  return h('dl', { class: 'evidence' }, Object.entries(ev).map(([k, v]) => [h('dt', {}, k), h('dd', {}, show(v))]));
}

function decision(c, ctx) {
  const out = h('div');
  const comment = h('input', { type: 'text', id: 'decision-comment', placeholder: 'Comment (kept in the timeline)', 'aria-label': 'Comment' });
  const act = (mutation, label, id) => h('button', { type: 'button', id, on: { click: async () => {
    try {
      await gql('mutation D($id: ID!, $c: String) { ' + mutation + '(id: $id, comment: $c) { id status } }', { id: c.id, c: comment.value || null });
      ctx.refresh();
    } catch (e) { mount(out, errorBox(e)); }
  } } }, label);
  const decided = c.decidedAt ? h('p', { id: 'decision' }, 'Decided ', fmtTime(c.decidedAt), ' by ', c.decidedBy || '—',
    c.outcome ? ' · outcome ' + c.outcome : '') : h('p', { id: 'decision' }, 'Waiting for the change advisory board.');
  const buttons = [];
  if (ctx.can('CHANGE_APPROVER') && c.status === 'PENDING') buttons.push(act('approveChange', 'Approve', 'approve'), act('rejectChange', 'Reject', 'reject'));
  if (ctx.can('CHANGE_APPROVER') && c.awaitingReview) buttons.push(act('reviewChange', 'Mark reviewed', 'review'));
  return section('Decision', decided, buttons.length ? h('div', { class: 'decide' }, comment, buttons) : null, out);
}

export async function assessView(main, ctx) {
  const ids = (ctx.params.get('ids') || '').split(',').map(s => s.trim()).filter(Boolean);
  const idBox = h('input', { type: 'text', id: 'assess-ids', value: ids.join(','), placeholder: 'CI ids, comma-separated', 'aria-label': 'CI ids' });
  const start = h('input', { type: 'datetime-local', id: 'assess-start', value: ctx.params.get('start') || '', 'aria-label': 'Planned start (UTC)' });
  const end = h('input', { type: 'datetime-local', id: 'assess-end', value: ctx.params.get('end') || '', 'aria-label': 'Planned end (UTC)' });
  const area = h('div');
  mount(main, h('h1', {}, 'Assess a change'), h('form', { class: 'controls', on: { submit: ev => {
    ev.preventDefault();
    ctx.go('assess', { ids: idBox.value.replace(/\s+/g, ''), start: start.value, end: end.value });
  } } }, idBox, h('label', { class: 'inline' }, 'from ', start), h('label', { class: 'inline' }, 'to ', end), h('button', { type: 'submit' }, 'Assess')), area);
  if (!ids.length) return;
  const iso = v => v ? new Date(v + 'Z').toISOString() : null;
  const a = (await gql(`query A($in: ChangeInput!) { changeAssessment(input: $in) { risk recommendedChangeType reasons
      conflicts { id ticketId plannedStart plannedEnd summary } blackouts { name start end } } }`,
  { in: { ciIds: ids, plannedStart: iso(start.value), plannedEnd: iso(end.value) } })).changeAssessment;
  const graph = h('div');
  mount(area,
    h('p', { id: 'assessment' }, 'Risk ', badge(a.risk, 'risk-' + a.risk.toLowerCase()), ' · recommended ', h('strong', {}, a.recommendedChangeType)),
    section('Reasons', h('ul', { class: 'reasons' }, a.reasons.map(r => h('li', {}, r)))),
    h('div', { class: 'grid2' },
      section('Colliding registered changes', a.conflicts.length ? h('ul', {}, a.conflicts.map(c => h('li', {}, c.ticketId, ' ', fmtTime(c.plannedStart), ' → ', fmtTime(c.plannedEnd), ' ', c.summary || ''))) : h('p', { class: 'muted' }, 'None')),
      section('Blackout windows', a.blackouts.length ? h('ul', {}, a.blackouts.map(b => h('li', {}, b.name, ' ', fmtTime(b.start), ' → ', fmtTime(b.end)))) : h('p', { class: 'muted' }, 'None'))),
    section('Blast radius', graph));
  await impactPanel(graph, { ids });
}
