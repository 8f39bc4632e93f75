// Edges waiting for keys that now identify a CI, with the CI found. Starts from the key index. At most $limit: a
// supernode that arrives after 250k edges wait for it is completed in several bounded transactions.
UNWIND $keys AS key
MATCH (k:IdKey {key: key})
USING INDEX k:IdKey(key)
MATCH (k)<-[:AWAITS]-(p:PendingEdge)
MATCH (k)-[:IDENTIFIES]->(c:CI)
RETURN DISTINCT p {.*} AS edge, c.id AS resolved
LIMIT $limit
