// After its edges moved: identity keys, history and aliases follow the survivor; the merged id keeps resolving. The
// merged CI's node is kept out of the current graph, not deleted: its labels ({{labels}}, its class's, from the
// catalogue) give way to MergedCI, it keeps its last values and its closed (WAS) edges, and answers as-of questions
// about before the merge (mergedAt). Its history entries keep the id they were recorded for as originalCiId.
// h.at IS NOT NULL lets the planner seek the (ciId, at) index: on ciId alone it scans every history entry.
MATCH (s:CI {id: $survivorId}), (m:CI {id: $mergedId})
CALL (s, m) {
  MATCH (k:IdKey)-[x:IDENTIFIES]->(m)
  MERGE (k)-[:IDENTIFIES]->(s)
  DELETE x
}
CALL (m) {
  MATCH (a:Assertion)-[:ASSERTS]->(m)
  DETACH DELETE a
}
CALL (s) {
  MATCH (h:Change)
  WHERE h.ciId = $mergedId AND h.at IS NOT NULL
  SET h.ciId = $survivorId, h.originalCiId = coalesce(h.originalCiId, $mergedId)
}
// the merged CI's INSERT entry, folded into it (createdBy, see ci-history), becomes an entry of the survivor's history
FOREACH (_ IN CASE WHEN m.createdBy IS NULL THEN [] ELSE [1] END |
  CREATE (:Change {id: randomUUID(), ciId: $survivorId, originalCiId: $mergedId, at: m.createdAt, source: m.createdBy,
                   snapshotId: m.createdIn, kind: 'INSERT', newValue: '"' + m.class + '"'}))
WITH s, m
CALL (s) {
  MATCH (al:CiAlias {survivorId: $mergedId})
  SET al.survivorId = $survivorId
}
MERGE (alias:CiAlias {id: $mergedId})
SET alias.survivorId = $survivorId, alias.at = $now
WITH m
CALL (m) {
  MATCH (m)-[r]-()
  WHERE type(r) <> 'WAS'
  DELETE r
}
SET m:MergedCI, m.mergedInto = $survivorId, m.mergedAt = $now
REMOVE m:{{labels}}
