// A page of the edges of a snapshot that wait for a ref of a later chunk (settled and deleted page after page at the
// snapshot's finish: at the benchmark's tier M they are hundreds of thousands).
MATCH (p:PendingEdge {snapshotId: $snapshotId})
WHERE p.awaitRef IS NOT NULL
RETURN p {.*} AS edge
LIMIT $limit
