// The impact graph: origins and impacted CIs laid out in columns by depth, coloured by state (DOWN, DEGRADED),
// services and redundancy groups drawn apart. Beyond GROUP_ABOVE nodes, the CIs of one class at one depth fold into
// one node ("VirtualMachine × 412"), which a click unfolds: a 2,000-CI radius stays readable and fast to draw.
// Drawn with Cytoscape.js (served from the jar as a webjar).
import { h } from './dom.js';

const GROUP_ABOVE = 300;
const GROUP_MIN = 6;
const COL = 260;
const ROW = 44;
const SUBCOL = 150;

/**
 * graph: {origins: [CI], impacted: [{depth, state, ci, path: [{id}]}], edges: [{from, to, type}], services: Set<id>}.
 * Returns {highlight(ids), expandAll(), nodeCount()} and fills the container.
 */
export function drawGraph(container, graph, options) {
  const opts = options || {};
  const nodes = new Map();
  for (const o of graph.origins) {
    nodes.set(o.id, { id: o.id, name: o.name || o.id, cls: o.class, depth: 0, state: 'ORIGIN' });
  }
  for (const i of graph.impacted) {
    if (!nodes.has(i.ci.id)) {
      nodes.set(i.ci.id, { id: i.ci.id, name: i.ci.name || i.ci.id, cls: i.ci.class, depth: i.depth, state: i.state,
        service: graph.services.has(i.ci.id), marked: opts.marked && opts.marked.has(i.ci.id) });
    }
  }
  for (const n of nodes.values()) if (opts.marked && opts.marked.has(n.id)) n.marked = true;
  const expanded = new Set();
  const grouping = nodes.size > GROUP_ABOVE;
  let cy = null;
  let highlighted = [];

  function bucketOf(n) {
    if (!grouping || n.depth === 0 || n.service || n.cls === 'RedundancyGroup' || n.marked) return null;
    const key = 'g:' + n.depth + ':' + n.cls;
    return expanded.has(key) ? null : key;
  }

  function elements() {
    const buckets = new Map();
    for (const n of nodes.values()) {
      const b = bucketOf(n);
      if (b) {
        if (!buckets.has(b)) buckets.set(b, []);
        buckets.get(b).push(n);
      }
    }
    for (const [k, members] of buckets) if (members.length < GROUP_MIN) buckets.delete(k);
    const rep = new Map();
    for (const [k, members] of buckets) members.forEach(m => rep.set(m.id, k));
    const shown = [];
    for (const n of nodes.values()) {
      if (!rep.has(n.id)) shown.push({ id: n.id, label: n.name, cls: n.cls, depth: n.depth, state: n.state,
        kind: n.depth === 0 ? 'origin' : n.service ? 'service' : n.cls === 'RedundancyGroup' ? 'group' : 'ci', marked: !!n.marked });
    }
    for (const [k, members] of buckets) {
      const down = members.filter(m => m.state === 'DOWN').length;
      shown.push({ id: k, label: members[0].cls + ' × ' + members.length + (down < members.length ? ' (' + down + ' down)' : ''),
        cls: members[0].cls, depth: members[0].depth, state: down ? 'DOWN' : 'DEGRADED', kind: 'bucket', size: members.length });
    }
    const positions = layout(shown);
    const els = shown.map(n => ({ group: 'nodes', data: n, position: positions.get(n.id),
      classes: [n.kind, n.state ? n.state.toLowerCase() : '', n.marked ? 'marked' : ''].join(' ') }));
    const seen = new Set();
    for (const e of graph.edges) {
      const a = rep.get(e.from) || e.from;
      const b = rep.get(e.to) || e.to;
      const key = a + '>' + b;
      if (a === b || seen.has(key) || !nodes.has(e.from) || !nodes.has(e.to)) continue;
      seen.add(key);
      els.push({ group: 'edges', data: { id: 'e:' + key, source: a, target: b, type: e.type }, classes: e.type.toLowerCase() });
    }
    return { els, rep, shown: shown.length };
  }

  // Columns by depth; a column taller than a screenful wraps into sub-columns, so 2,000 CIs at one depth form a
  // block rather than a line no zoom level can read.
  function layout(shown) {
    const byDepth = new Map();
    for (const n of shown) {
      if (!byDepth.has(n.depth)) byDepth.set(n.depth, []);
      byDepth.get(n.depth).push(n);
    }
    const pos = new Map();
    let x = 0;
    for (const d of [...byDepth.keys()].sort((a, b) => a - b)) {
      const list = byDepth.get(d);
      list.sort((a, b) => (a.kind === 'service') - (b.kind === 'service') || a.cls.localeCompare(b.cls) || a.label.localeCompare(b.label));
      const rows = list.length <= 40 ? list.length : Math.ceil(Math.sqrt(list.length * 2));
      const cols = Math.ceil(list.length / rows);
      list.forEach((n, i) => pos.set(n.id, { x: x + Math.floor(i / rows) * SUBCOL, y: (i % rows - (rows - 1) / 2) * ROW }));
      x += (cols - 1) * SUBCOL + COL;
    }
    return pos;
  }

  let current = null;
  function render() {
    current = elements();
    if (!cy) {
      cy = window.cytoscape({ container, elements: current.els, layout: { name: 'preset' }, style: STYLE,
        minZoom: 0.02, maxZoom: 3, textureOnViewport: true, hideEdgesOnViewport: current.shown > 600,
        boxSelectionEnabled: false });
      cy.on('tap', 'node.bucket', ev => {
        expanded.add(ev.target.id());
        render();
      });
      cy.on('tap', 'node', ev => {
        if (!ev.target.hasClass('bucket') && opts.onSelect) opts.onSelect(ev.target.id());
      });
    } else {
      cy.batch(() => {
        cy.elements().remove();
        cy.add(current.els);
      });
    }
    cy.fit(undefined, 30);
    applyHighlight();
    container.dataset.nodeCount = String(current.shown);
    container.dataset.ciCount = String(nodes.size);
  }

  function applyHighlight() {
    cy.elements().removeClass('path faded');
    if (!highlighted.length) return;
    const ids = highlighted.map(id => current.rep.get(id) || id);
    cy.elements().addClass('faded');
    for (let i = 0; i < ids.length; i++) {
      cy.getElementById(ids[i]).removeClass('faded').addClass('path');
      if (i > 0) {
        cy.edges('[source = "' + css(ids[i]) + '"][target = "' + css(ids[i - 1]) + '"], [source = "' + css(ids[i - 1]) + '"][target = "' + css(ids[i]) + '"]')
          .removeClass('faded').addClass('path');
      }
    }
  }

  render();
  return {
    /** Highlights a path (CI ids, from a service back to the origin), unfolding the groups it passes through. */
    highlight(ids) {
      highlighted = ids || [];
      let unfolded = false;
      for (const id of highlighted) {
        const n = nodes.get(id);
        const b = n && grouping && n.depth > 0 ? 'g:' + n.depth + ':' + n.cls : null;
        if (b && current.rep.get(id) === b) { expanded.add(b); unfolded = true; }
      }
      if (unfolded) render(); else applyHighlight();
    },
    expandAll() {
      for (const n of nodes.values()) expanded.add('g:' + n.depth + ':' + n.cls);
      render();
    },
    nodeCount: () => current.shown,
    grouped: () => grouping,
  };
}

function css(id) {
  return String(id).replace(/["\\]/g, '\\$&');
}

const STYLE = [
  { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3,
    'background-color': '#8a99ad', width: 22, height: 22, 'min-zoomed-font-size': 7, color: '#222',
    'text-max-width': 200, 'text-wrap': 'ellipsis' } },
  { selector: 'node.origin', style: { 'background-color': '#2b5797', shape: 'star', width: 30, height: 30 } },
  { selector: 'node.down', style: { 'background-color': '#d9534f' } },
  { selector: 'node.degraded', style: { 'background-color': '#f0ad4e' } },
  { selector: 'node.service', style: { shape: 'round-rectangle', width: 34, 'border-width': 3, 'border-color': '#333' } },
  { selector: 'node.group', style: { shape: 'diamond', 'border-width': 2, 'border-style': 'dashed', 'border-color': '#555', width: 28, height: 28 } },
  { selector: 'node.bucket', style: { shape: 'round-rectangle', width: 46, height: 28, 'border-width': 2, 'border-style': 'double',
    'border-color': '#444', 'font-weight': 'bold' } },
  { selector: 'node.marked', style: { 'border-width': 4, 'border-color': '#6f42c1' } },
  { selector: 'edge', style: { width: 1.2, 'line-color': '#b5bcc6', 'target-arrow-color': '#b5bcc6', 'target-arrow-shape': 'triangle',
    'curve-style': 'straight', 'arrow-scale': 0.8 } },
  { selector: 'edge.member_of', style: { 'line-style': 'dashed' } },
  { selector: '.faded', style: { opacity: 0.18 } },
  { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#1a1a1a', opacity: 1 } },
  { selector: 'edge.path', style: { width: 4, 'line-color': '#1a1a1a', 'target-arrow-color': '#1a1a1a', opacity: 1 } },
];

/** A small legend for the colours and shapes. */
export function legend() {
  const item = (cls, text) => h('span', { class: 'legend-item' }, h('span', { class: 'swatch ' + cls }), text);
  return h('div', { class: 'legend' }, item('origin', 'changed / failed CI'), item('down', 'DOWN'), item('degraded', 'DEGRADED'),
    item('service', 'service'), item('group', 'redundancy group'), item('bucket', 'folded CIs (click to unfold)'));
}
