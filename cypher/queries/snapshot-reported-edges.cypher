// The keys (64-bit hashes of type|from|to) of the edges a snapshot reported: per chunk, those completed later per chunk
// that posted them (snapshot-add-settled-edges), and those of no chunk.
// c.seq >= 0 lets the planner seek the (snapshotId, seq) index: on snapshotId alone it scans every SnapshotChunk.
MATCH (c:SnapshotChunk)
WHERE c.snapshotId = $id AND c.seq >= 0 AND c.reportedEdges IS NOT NULL
RETURN c.reportedEdges AS keys
UNION ALL
MATCH (c:SnapshotChunk)
WHERE c.snapshotId = $id AND c.seq >= 0 AND c.settledEdges IS NOT NULL
RETURN c.settledEdges AS keys
UNION ALL
MATCH (s:Snapshot {id: $id})
WHERE s.settledEdges IS NOT NULL
RETURN s.settledEdges AS keys
