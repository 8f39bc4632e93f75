// The unchanged records a FULL snapshot's chunks did not write (CI id|ref pairs), with the identity epoch each chunk
// began in. c.seq >= 0 lets the planner seek the (snapshotId, seq) index: on snapshotId alone it scans every
// SnapshotChunk.
MATCH (c:SnapshotChunk)
WHERE c.snapshotId = $id AND c.seq >= 0 AND c.confirmedLater IS NOT NULL
RETURN c.confirmedLater AS pairs, c.identity AS identity
