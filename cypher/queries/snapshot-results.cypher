// c.seq >= 0 lets the planner seek the (snapshotId, seq) index: on snapshotId alone it scans every SnapshotChunk.
// amended: the results of entries that waited and resolved later, replacing those of the same slot (kind, chunk, index).
MATCH (c:SnapshotChunk)
WHERE c.snapshotId = $id AND c.seq >= 0 AND c.results IS NOT NULL AND ($seqs IS NULL OR c.seq IN $seqs)
RETURN c.seq AS seq, c.results AS results, c.amended AS amended
ORDER BY seq
