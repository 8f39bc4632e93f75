// Writes the amended results of some chunks of a snapshot (each chunk's whole set of amendments, which replace its
// stored results slot by slot when read) and the snapshot's adjusted counts; edgesCreated grows by the edges the
// amendments created. Run in the transaction that read the amendments (snapshot-amendments).
UNWIND $chunks AS r
MATCH (c:SnapshotChunk {key: $id + '|' + toString(r.seq)})
SET c.amended = r.amended
WITH count(*) AS written
MATCH (s:Snapshot {id: $id})
SET s.counts = $counts, s.edgesCreated = coalesce(s.edgesCreated, 0) + $edgesCreated
RETURN written
