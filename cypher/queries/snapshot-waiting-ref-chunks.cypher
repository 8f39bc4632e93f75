// The chunks of a snapshot that keep edges waiting for a ref of a later chunk (gzipped JSON, settled at its finish).
// c.seq >= 0 lets the planner seek the (snapshotId, seq) index: on snapshotId alone it scans every SnapshotChunk.
MATCH (c:SnapshotChunk)
WHERE c.snapshotId = $id AND c.seq >= 0 AND c.waitingRefs IS NOT NULL
RETURN c.seq AS seq
ORDER BY seq
