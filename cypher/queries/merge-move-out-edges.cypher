// Moves the merged CI's outgoing {{type}} edges to the survivor, combining per-source provenance.
MATCH (s:CI {id: $survivorId}), (m:CI {id: $mergedId})
MATCH (m)-[r:{{type}}]->(t)
WITH s, r, t
FOREACH (_ IN CASE WHEN t <> s THEN [1] ELSE [] END |
  MERGE (s)-[n:{{type}}]->(t)
  ON CREATE SET n.sources = r.sources, n.since = r.since
  ON MATCH SET n.sources = n.sources + [x IN r.sources WHERE NOT x IN n.sources])
DELETE r
