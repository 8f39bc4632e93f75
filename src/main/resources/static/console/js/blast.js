// Blast radius: what fails or degrades if the given CIs fail or change (UPSTREAM), or what they need (DOWNSTREAM).
// The graph beside the impacted services, most critical first; a click on a service shows its path back to the CI.
import { gql } from './api.js';
import { h, mount, badge, table, errorBox } from './dom.js';
import { drawGraph, legend } from './graph.js';

const TYPES = ['RUNS_ON', 'HOSTED_ON', 'DEPENDS_ON', 'MEMBER_OF'];
const QUERY = `query Blast($ids: [ID!]!, $direction: ImpactDirection, $depth: Int, $types: [RelationshipType!], $limit: Int) {
  blastRadius(ciIds: $ids, direction: $direction, maxDepth: $depth, relationshipTypes: $types, limit: $limit) {
    truncated totalImpacted countsByClass { class count }
    origins { id name class status }
    impacted { depth state ci { id name class status criticality } path { id } }
    impactedServices { depth state ci { id name class criticality } path { id name } }
    edges { from to type }
  } }`;

export async function blastView(main, ctx) {
  const p = ctx.params;
  const ids = (p.get('ids') || '').split(',').map(s => s.trim()).filter(Boolean);
  const direction = p.get('direction') || 'UPSTREAM';
  const depth = p.get('depth') || '';
  const types = (p.get('types') || '').split(',').filter(t => TYPES.includes(t));
  const idBox = h('input', { type: 'text', id: 'blast-ids', value: ids.join(','), placeholder: 'CI ids, comma-separated (find them in Search)', 'aria-label': 'CI ids' });
  const dirBox = h('select', { id: 'blast-direction', 'aria-label': 'Direction' },
    h('option', { value: 'UPSTREAM', selected: direction === 'UPSTREAM' }, 'Upstream: what breaks'),
    h('option', { value: 'DOWNSTREAM', selected: direction === 'DOWNSTREAM' }, 'Downstream: what it needs'));
  const depthBox = h('input', { type: 'number', id: 'blast-depth', min: 0, max: 20, value: depth, placeholder: 'default', 'aria-label': 'Depth' });
  const typeBoxes = TYPES.map(t => h('label', { class: 'inline' }, h('input', { type: 'checkbox', value: t, checked: !types.length || types.includes(t) }), ' ' + t));
  const form = h('form', { class: 'controls', on: { submit: ev => {
    ev.preventDefault();
    const chosen = typeBoxes.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);
    ctx.go('blast', { ids: idBox.value.replace(/\s+/g, ''), direction: dirBox.value, depth: depthBox.value,
      types: chosen.length === TYPES.length ? '' : chosen.join(',') });
  } } }, idBox, dirBox, h('label', { class: 'inline' }, 'depth ', depthBox), typeBoxes, h('button', { type: 'submit' }, 'Show'));
  const area = h('div');
  mount(main, h('h1', {}, 'Blast radius'), form, area);
  if (!ids.length) {
    mount(area, h('p', { class: 'muted' }, 'Choose CIs in Search ("blast radius" on a result), or paste their ids.'));
    return;
  }
  await impactPanel(area, { ids, direction, depth: depth === '' ? null : Number(depth), types: types.length ? types : null });
}

/** Draws the impact of CIs into a container: summary, graph, ranked services, and the graph as a table. */
export async function impactPanel(container, q) {
  const started = performance.now();
  mount(container, h('p', { class: 'muted' }, 'Computing the blast radius…'));
  let br;
  try {
    br = (await gql(QUERY, { ids: q.ids, direction: q.direction || 'UPSTREAM', depth: q.depth, types: q.types, limit: q.limit || 5000 })).blastRadius;
  } catch (e) {
    mount(container, errorBox(e));
    return null;
  }
  const services = [...br.impactedServices].sort((a, b) => (a.ci.criticality ?? 99) - (b.ci.criticality ?? 99) || a.depth - b.depth);
  const canvas = h('div', { class: 'graph', id: 'graph', role: 'img', 'aria-label': 'Impact graph' });
  const pathBox = h('div', { id: 'path', class: 'path-box' });
  const serviceList = h('ol', { class: 'services', id: 'services' }, services.map(s => h('li', {},
    h('button', { type: 'button', class: 'link service', dataset: { ciId: s.ci.id }, on: { click: () => showPath(s) } },
      s.ci.name || s.ci.id), ' ', badge(s.state), s.ci.criticality != null ? h('span', { class: 'muted' }, ' criticality ' + s.ci.criticality) : null)));
  const nodeTable = h('div', { class: 'node-table', hidden: true });
  const toggle = h('button', { type: 'button', class: 'link', id: 'as-table', on: { click: () => {
    nodeTable.hidden = !nodeTable.hidden;
    if (!nodeTable.hidden && !nodeTable.firstChild) mount(nodeTable, nodesAsTable(br));
  } } }, 'Show as a table');
  mount(container,
    h('p', { class: 'summary' }, h('strong', { id: 'impacted-count' }, br.totalImpacted), ' CIs impacted',
      br.truncated ? h('span', { class: 'warn' }, ' (truncated: narrow the depth or types)') : null, ' · ',
      br.countsByClass.map(c => c.class + ' ' + c.count).join(', ')),
    legend(),
    h('div', { class: 'impact' }, canvas,
      h('aside', { class: 'side' }, h('h2', {}, 'Impacted services'), services.length ? serviceList : h('p', { class: 'muted' }, 'None'), pathBox)),
    toggle, nodeTable);
  const graph = drawGraph(canvas, { origins: br.origins, impacted: br.impacted, edges: br.edges,
    services: new Set(br.impactedServices.map(s => s.ci.id)) }, { marked: q.marked, onSelect: id => selectNode(id) });
  requestAnimationFrame(() => requestAnimationFrame(() => {
    canvas.dataset.drawMs = String(Math.round(performance.now() - started));
  }));
  if (graph.grouped()) {
    container.insertBefore(h('p', { class: 'muted' }, 'Large radius: CIs of one class at one depth are folded; click a folded node to unfold, or ',
      h('button', { type: 'button', class: 'link', on: { click: () => graph.expandAll() } }, 'unfold everything'), '.'), canvas.parentNode);
  }

  function showPath(s) {
    graph.highlight(s.path.map(p => p.id));
    serviceList.querySelectorAll('button.service').forEach(b => b.classList.toggle('chosen', b.dataset.ciId === s.ci.id));
    mount(pathBox, h('h3', {}, 'Path'), h('ol', { class: 'path' }, s.path.map(p => h('li', {},
      h('a', { href: '#/ci/' + encodeURIComponent(p.id) }, p.name || p.id)))));
  }

  function selectNode(id) {
    const i = br.impacted.find(x => x.ci.id === id);
    const o = br.origins.find(x => x.id === id);
    const ci = i ? i.ci : o;
    if (!ci) return;
    graph.highlight(i ? i.path.map(p => p.id) : [id]);
    mount(pathBox, h('h3', {}, ci.name || ci.id), h('p', {}, ci.class, ' ', i ? badge(i.state) : badge('origin', 'class'), i ? ' depth ' + i.depth : ''),
      h('a', { href: '#/ci/' + encodeURIComponent(ci.id) }, 'Open the CI'));
  }
  return { br, graph };
}

function nodesAsTable(br) {
  return table(['CI', 'Class', 'Depth', 'State'], [
    ...br.origins.map(o => h('tr', { dataset: { ciId: o.id } }, h('td', {}, o.name || o.id), h('td', {}, o.class), h('td', {}, '0'), h('td', {}, 'ORIGIN'))),
    ...br.impacted.map(i => h('tr', { dataset: { ciId: i.ci.id } }, h('td', {}, h('a', { href: '#/ci/' + encodeURIComponent(i.ci.id) }, i.ci.name || i.ci.id)),
      h('td', {}, i.ci.class), h('td', {}, String(i.depth)), h('td', { class: 'state' }, i.state)))],
  { id: 'impact-table' });
}
