UNWIND $keys AS key
MATCH (c:CI)<-[:IDENTIFIES]-(k:IdKey {key: key})<-[:AWAITS]-(p:PendingEdge)
RETURN DISTINCT p {.*} AS edge, c.id AS resolved
