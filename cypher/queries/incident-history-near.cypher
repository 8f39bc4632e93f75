// History entries of some CIs within a window: "what changed" before an incident. A CI created within it by a source
// whose INSERT entry is folded into the CI (createdBy, see ci-history) counts as its INSERT entry.
CALL () {
  UNWIND $ids AS id
  MATCH (h:Change {ciId: id})
  WHERE h.at >= $from AND h.at <= $to
  RETURN h {.*} AS entry
  UNION ALL
  UNWIND $ids AS id
  MATCH (c:CI {id: id})
  WHERE c.createdBy IS NOT NULL AND c.createdAt >= $from AND c.createdAt <= $to
  RETURN {id: 'insert:' + c.id, ciId: c.id, at: c.createdAt, source: c.createdBy, snapshotId: c.createdIn,
          kind: 'INSERT', newValue: '"' + c.class + '"'} AS entry
}
RETURN entry
ORDER BY entry.at DESC
LIMIT $limit
