// Finished snapshots older than the retention period, with their chunks.
MATCH (s:Snapshot)
WHERE s.status IN ['COMPLETED', 'FAILED'] AND s.finishedAt < $before
WITH s LIMIT 1000
OPTIONAL MATCH (c:SnapshotChunk {snapshotId: s.id})
DETACH DELETE c, s
