UNWIND $rows AS r
MATCH (c:CI {id: r.ciId})
MERGE (k:IdKey {key: r.key})
MERGE (k)-[:IDENTIFIES]->(c)
