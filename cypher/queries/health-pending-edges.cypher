// CMDB health: relationships waiting for a CI that no source has reported yet, and since when the oldest waits.
MATCH (p:PendingEdge)
RETURN count(p) AS n, min(p.createdAt) AS oldest
