// Identity keys gained by CIs that existed before the batch (a new CI's keys are created with it, ingest-create-cis);
// a key node may already exist (another CI's, or one a pending record waits on), and so may the edge (a re-key).
UNWIND $rows AS r
MATCH (c:CI {id: r.ciId})
MERGE (k:IdKey {key: r.key})
MERGE (k)-[:IDENTIFIES]->(c)
