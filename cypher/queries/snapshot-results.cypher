MATCH (c:SnapshotChunk {snapshotId: $id})
WHERE c.results IS NOT NULL
RETURN c.seq AS seq, c.results AS results
ORDER BY seq
