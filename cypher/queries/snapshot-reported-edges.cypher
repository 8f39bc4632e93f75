// The keys (64-bit hashes of type|from|to) of the edges a snapshot reported: per chunk, and those completed later
MATCH (c:SnapshotChunk {snapshotId: $id})
WHERE c.reportedEdges IS NOT NULL
RETURN c.reportedEdges AS keys
UNION ALL
MATCH (s:Snapshot {id: $id})
WHERE s.settledEdges IS NOT NULL
RETURN s.settledEdges AS keys
