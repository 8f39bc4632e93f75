// The keys (64-bit hashes of type|from|to) of the edges a snapshot reported: per chunk, and those completed later
// c.seq >= 0 lets the planner seek the (snapshotId, seq) index: on snapshotId alone it scans every SnapshotChunk.
MATCH (c:SnapshotChunk)
WHERE c.snapshotId = $id AND c.seq >= 0 AND c.reportedEdges IS NOT NULL
RETURN c.reportedEdges AS keys
UNION ALL
MATCH (s:Snapshot {id: $id})
WHERE s.settledEdges IS NOT NULL
RETURN s.settledEdges AS keys
