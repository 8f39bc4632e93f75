MATCH (p:PendingEdge {snapshotId: $snapshotId})
WHERE p.awaitRef IS NOT NULL
RETURN p {.*} AS edge
