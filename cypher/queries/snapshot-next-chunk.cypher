// The oldest queued chunk of any snapshot: chunks are applied in the order they were accepted.
MATCH (c:SnapshotChunk {state: 'QUEUED'})
WITH c ORDER BY c.queuedAt, c.seq LIMIT 1
MATCH (s:Snapshot {id: c.snapshotId})
RETURN {{snapshot-fields}} AS snapshot, c.seq AS seq, c.payload AS payload
