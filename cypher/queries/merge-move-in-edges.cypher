// Moves the merged CI's incoming {{type}} edges to the survivor, combining per-source provenance. The merged CI's edge
// is closed (a WAS relationship, valid until now) and the survivor's is new from now, so the graph as of before the
// merge still shows which of the two CIs had it.
MATCH (s:CI {id: $survivorId}), (m:CI {id: $mergedId})
MATCH (t)-[r:{{type}}]->(m)
WITH s, m, r, t
FOREACH (_ IN CASE WHEN t <> s THEN [1] ELSE [] END |
  MERGE (t)-[n:{{type}}]->(s)
  ON CREATE SET n.sources = r.sources, n.since = $now
  ON MATCH SET n.sources = n.sources + [x IN r.sources WHERE NOT x IN n.sources])
CREATE (t)-[:WAS {type: '{{type}}', since: coalesce(r.since, 0), until: $now, sources: r.sources}]->(m)
DELETE r
