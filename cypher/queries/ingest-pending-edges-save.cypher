// An edge whose look-up found no CI yet waits on the look-up's identity keys; one waiting on a ref of a later chunk
// of the same snapshot has awaitRef set and is settled when the snapshot completes.
UNWIND $rows AS r
MERGE (p:PendingEdge {pkey: r.pkey})
SET p += r.props
WITH p, r
UNWIND r.keys AS key
MERGE (k:IdKey {key: key})
MERGE (p)-[:AWAITS]->(k)
