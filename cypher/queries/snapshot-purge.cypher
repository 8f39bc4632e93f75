// Finished snapshots older than the retention period, with their chunks.
// c.seq >= 0 lets the planner seek the (snapshotId, seq) index: on snapshotId alone it scans every SnapshotChunk.
MATCH (s:Snapshot)
WHERE s.status IN ['COMPLETED', 'FAILED'] AND s.finishedAt < $before
WITH s LIMIT 1000
OPTIONAL MATCH (c:SnapshotChunk)
WHERE c.snapshotId = s.id AND c.seq >= 0
DETACH DELETE c, s
