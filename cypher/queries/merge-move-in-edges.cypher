// Moves the merged CI's incoming {{type}} edges to the survivor, combining per-source provenance.
MATCH (s:CI {id: $survivorId}), (m:CI {id: $mergedId})
MATCH (t)-[r:{{type}}]->(m)
WITH s, r, t
FOREACH (_ IN CASE WHEN t <> s THEN [1] ELSE [] END |
  MERGE (t)-[n:{{type}}]->(s)
  ON CREATE SET n.sources = r.sources, n.since = r.since
  ON MATCH SET n.sources = n.sources + [x IN r.sources WHERE NOT x IN n.sources])
DELETE r
