// The oldest queued chunk of any snapshot: chunks are applied in the order they were accepted. $skip: the key of a
// chunk whose relationships are still being written ('' for none).
MATCH (c:SnapshotChunk {state: 'QUEUED'})
WHERE c.key <> $skip
WITH c ORDER BY c.queuedAt, c.seq LIMIT 1
MATCH (s:Snapshot {id: c.snapshotId})
RETURN s {.*} AS snapshot, c.seq AS seq, c.payload AS payload
