// The amended results (gzip JSON, null when none) of some applied chunks of a snapshot, read to add to them: the chunks'
// own results are not read. c.seq >= 0 lets the planner seek the (snapshotId, seq) index.
MATCH (c:SnapshotChunk)
WHERE c.snapshotId = $id AND c.seq >= 0 AND c.seq IN $seqs AND c.results IS NOT NULL
RETURN c.seq AS seq, c.amended AS amended
ORDER BY seq
