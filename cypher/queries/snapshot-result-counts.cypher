// How many per-entry results each applied chunk holds, so that a status page decodes only the chunks it shows.
// c.seq >= 0 lets the planner seek the (snapshotId, seq) index: on snapshotId alone it scans every SnapshotChunk.
MATCH (c:SnapshotChunk)
WHERE c.snapshotId = $id AND c.seq >= 0 AND c.results IS NOT NULL
RETURN c.seq AS seq, c.resultCount AS count
ORDER BY seq
