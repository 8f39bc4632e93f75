MATCH (c:SnapshotChunk {snapshotId: $id})
WHERE c.results IS NOT NULL AND ($seqs IS NULL OR c.seq IN $seqs)
RETURN c.seq AS seq, c.results AS results
ORDER BY seq
