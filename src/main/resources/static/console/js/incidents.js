// Incidents: open incidents by priority; one incident with its probable cause on the graph, the alerts, and what
// changed around it. RESPONDER: acknowledge and resolve.
import { gql } from './api.js';
import { h, mount, fmtTime, ago, show, badge, table, section, errorBox } from './dom.js';
import { impactPanel } from './blast.js';

const LIST = `query Incidents($status: IncidentStatus) { incidents(status: $status, first: 200) { nodes {
  id number status priority title openedAt updatedAt alertCount openAlertCount assignmentGroup acknowledgedAt
  probableCause { id name class } impactedServices { name criticality } } } }`;
const ONE = `query Incident($id: ID!) { incident(id: $id) {
  id number status priority impact urgency title causeInferred assignmentGroup openedAt updatedAt resolvedAt
  acknowledgedAt acknowledgedBy problemId alertCount openAlertCount
  probableCause { id name class status }
  impactedServices { ci { id name } name criticality state depth }
  alerts(first: 200) { fingerprint status alertname severity startsAt endsAt labels cis { id name } }
  cis { id name class }
  timeline { at type detail }
  recentChanges { from to registeredChanges { ticketId plannedStart plannedEnd summary } history { ciId at kind field oldValue newValue source } }
  possibleChanges { id title status plannedStart }
} }`;

export async function incidentsView(main, ctx) {
  const status = ctx.params.get('status') || 'OPEN';
  const list = (await gql(LIST, { status })).incidents.nodes
    .sort((a, b) => a.priority.localeCompare(b.priority) || b.openedAt.localeCompare(a.openedAt));
  mount(main, h('h1', {}, 'Incidents'),
    h('div', { class: 'tabs' }, ['OPEN', 'RESOLVED'].map(s => h('a', { href: '#/incidents?status=' + s, class: s === status ? 'active' : '' }, s))),
    list.length ? table(['', 'Incident', 'Probable cause', 'Services', 'Alerts', 'Opened', 'Group'], list.map(i => h('tr', {},
      h('td', {}, badge(i.priority)),
      h('td', {}, h('a', { href: '#/incident/' + encodeURIComponent(i.id) }, '#' + i.number + ' ' + i.title), i.acknowledgedAt ? h('div', { class: 'muted' }, 'acknowledged') : null),
      h('td', {}, i.probableCause ? i.probableCause.name : '—'),
      h('td', {}, i.impactedServices.map(s => s.name).join(', ')),
      h('td', {}, i.openAlertCount + ' / ' + i.alertCount),
      h('td', { title: fmtTime(i.openedAt) }, ago(i.openedAt)), h('td', {}, i.assignmentGroup || ''))), { class: 'list', id: 'incidents' })
      : h('p', { class: 'muted' }, 'No ' + status.toLowerCase() + ' incidents.'));
}

export async function incidentView(main, ctx) {
  const i = (await gql(ONE, { id: ctx.arg })).incident;
  if (!i) {
    mount(main, errorBox({ code: 'NOT_FOUND', message: 'No incident ' + ctx.arg }));
    return;
  }
  const graph = h('div');
  const out = h('div');
  const act = (m, label, id) => h('button', { type: 'button', id, on: { click: async () => {
    try {
      await gql('mutation A($id: ID!) { ' + m + '(id: $id) { id status } }', { id: i.id });
      ctx.refresh();
    } catch (e) { mount(out, errorBox(e)); }
  } } }, label);
  const actions = ctx.can('RESPONDER') && i.status === 'OPEN'
    ? h('div', { class: 'actions' }, i.acknowledgedAt ? null : act('acknowledgeIncident', 'Acknowledge', 'ack'), act('resolveIncident', 'Resolve', 'resolve'), out) : null;
  mount(main,
    h('div', { class: 'title' }, badge(i.priority), ' ', h('h1', { id: 'incident-title' }, '#' + i.number + ' ' + i.title), ' ', badge(i.status)),
    h('p', { class: 'muted' }, 'impact ', i.impact, ' × urgency ', i.urgency, ' · opened ', ago(i.openedAt),
      i.acknowledgedAt ? ' · acknowledged by ' + i.acknowledgedBy : '', i.resolvedAt ? ' · resolved ' + ago(i.resolvedAt) : '',
      i.assignmentGroup ? ' · ' + i.assignmentGroup : ''),
    actions,
    h('div', { class: 'grid2' },
      section('Probable cause', i.probableCause ? h('p', { id: 'cause' }, h('a', { href: '#/ci/' + encodeURIComponent(i.probableCause.id) }, i.probableCause.name),
        ' ', h('span', { class: 'muted' }, i.probableCause.class), i.causeInferred ? h('span', { class: 'muted' }, ' (inferred: not alerting itself)') : null) : h('p', { class: 'muted' }, 'Unknown')),
      section('Impacted services', h('ul', {}, i.impactedServices.map(s => h('li', {}, s.name || (s.ci && s.ci.name), ' ', s.state ? badge(s.state) : null,
        s.criticality != null ? h('span', { class: 'muted' }, ' criticality ' + s.criticality) : null))))),
    section('Alerts (' + i.openAlertCount + ' firing of ' + i.alertCount + ')', table(['Alert', 'Severity', 'Status', 'Since', 'CIs', 'Labels'],
      i.alerts.map(a => h('tr', {}, h('td', {}, a.alertname || a.fingerprint), h('td', {}, a.severity || ''), h('td', {}, badge(a.status)),
        h('td', { title: fmtTime(a.startsAt) }, ago(a.startsAt)), h('td', {}, a.cis.map(c => c.name).join(', ')),
        h('td', { class: 'labels' }, Object.entries(a.labels || {}).map(([k, v]) => h('span', { class: 'label' }, k + '=' + show(v)))))), { id: 'alerts' })),
    section('What changed', whatChanged(i)),
    section('The graph around the cause', graph),
    section('Timeline', h('ol', { class: 'timeline' }, i.timeline.map(t => h('li', {}, h('time', {}, fmtTime(t.at)), ' ', badge(t.type, 'kind'), ' ', t.detail || '')))));
  if (i.probableCause) {
    await impactPanel(graph, { ids: [i.probableCause.id], marked: new Set(i.cis.map(c => c.id)) });
  }
}

function whatChanged(i) {
  const rc = i.recentChanges;
  const names = new Map(i.cis.map(c => [c.id, c.name]));
  return h('div', { id: 'what-changed' },
    h('p', { class: 'muted' }, fmtTime(rc.from), ' → ', fmtTime(rc.to)),
    i.possibleChanges.length ? h('ul', {}, i.possibleChanges.map(c => h('li', {}, 'Change ', h('a', { href: '#/change/' + encodeURIComponent(c.id) }, c.title), ' ', badge(c.status)))) : null,
    rc.registeredChanges.length ? h('ul', {}, rc.registeredChanges.map(c => h('li', {}, 'Registered change ', c.ticketId, ' ', fmtTime(c.plannedStart), ' ', c.summary || ''))) : null,
    rc.history.length ? table(['When', 'CI', 'What', 'Old', 'New', 'Source'], rc.history.map(e => h('tr', {}, h('td', {}, fmtTime(e.at)),
      h('td', {}, h('a', { href: '#/ci/' + encodeURIComponent(e.ciId) }, names.get(e.ciId) || e.ciId)), h('td', {}, e.kind + (e.field ? ' ' + e.field : '')),
      h('td', {}, show(e.oldValue)), h('td', {}, show(e.newValue)), h('td', {}, e.source || ''))))
      : h('p', { class: 'muted' }, 'No recorded change on these CIs in the window.'));
}
