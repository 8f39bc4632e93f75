// A CI's history, newest first. A CI created since the INSERT entry was folded into the CI (createdBy set) has no
// INSERT node: its entry is made from the CI's createdAt, createdBy and createdIn. CIs created before that keep their
// INSERT node and have no createdBy, so no entry is made twice.
// h.at IS NOT NULL lets the planner seek the (ciId, at) index: on ciId alone it scans every history entry.
CALL () {
  MATCH (h:Change)
  WHERE h.ciId = $id AND h.at IS NOT NULL
  RETURN h {.*} AS entry
  ORDER BY h.at DESC, h.id
  LIMIT $first
  UNION ALL
  MATCH (c:CI {id: $id})
  WHERE c.createdBy IS NOT NULL
  RETURN {id: 'insert:' + c.id, ciId: c.id, at: c.createdAt, source: c.createdBy, snapshotId: c.createdIn,
          kind: 'INSERT', newValue: '"' + c.class + '"'} AS entry
}
RETURN entry
ORDER BY entry.at DESC, entry.id
LIMIT $first
