// Identity keys of CIs; a key node may already exist (another CI's, or one a pending record waits on).
// r.fresh: the CI was created in this batch, so the IDENTIFIES edge cannot exist yet.
UNWIND $rows AS r
MATCH (c:CI {id: r.ciId})
MERGE (k:IdKey {key: r.key})
FOREACH (_ IN CASE WHEN r.fresh THEN [1] ELSE [] END | CREATE (k)-[:IDENTIFIES]->(c))
FOREACH (_ IN CASE WHEN r.fresh THEN [] ELSE [1] END | MERGE (k)-[:IDENTIFIES]->(c))
