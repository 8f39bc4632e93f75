// c.seq >= 0 lets the planner seek the (snapshotId, seq) index: on snapshotId alone it scans every SnapshotChunk.
MATCH (c:SnapshotChunk)
WHERE c.snapshotId = $id AND c.seq >= 0 AND c.results IS NOT NULL AND ($seqs IS NULL OR c.seq IN $seqs)
RETURN c.seq AS seq, c.results AS results
ORDER BY seq
