// After its edges moved: identity keys, history and aliases follow the survivor; the merged id keeps resolving.
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
  MATCH (h:Change {ciId: $mergedId})
  SET h.ciId = $survivorId, h.originalCiId = $mergedId
}
CALL (s) {
  MATCH (al:CiAlias {survivorId: $mergedId})
  SET al.survivorId = $survivorId
}
MERGE (alias:CiAlias {id: $mergedId})
SET alias.survivorId = $survivorId, alias.at = $now
WITH m
DETACH DELETE m
