// CIs identified by any of the identity keys (the identification index).
UNWIND $keys AS key
MATCH (k:IdKey {key: key})-[:IDENTIFIES]->(c:CI)
RETURN DISTINCT c.id AS id, labels(c) AS labels
LIMIT 100
