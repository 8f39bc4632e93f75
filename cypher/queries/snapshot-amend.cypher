// Writes back amended per-entry results of some chunks of a snapshot and its adjusted counts; edgesCreated grows by
// the edges the amendments created. Run in the transaction that read the chunks (snapshot-results).
UNWIND $chunks AS r
MATCH (c:SnapshotChunk {key: $id + '|' + toString(r.seq)})
SET c.results = r.results
WITH count(*) AS written
MATCH (s:Snapshot {id: $id})
SET s.counts = $counts, s.edgesCreated = coalesce(s.edgesCreated, 0) + $edgesCreated
RETURN written
