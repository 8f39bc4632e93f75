// An item its source may not insert waits, keyed by its identity keys, until an allowed source creates the CI.
UNWIND $rows AS r
MERGE (p:PendingItem {pkey: r.pkey})
SET p += r.props
WITH p, r
UNWIND r.keys AS key
MERGE (k:IdKey {key: key})
MERGE (p)-[:AWAITS]->(k)
