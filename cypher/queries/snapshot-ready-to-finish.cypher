// One snapshot, if it is sealed, still unfinished and has no chunk left to apply (checked after each of its chunks:
// an index look-up on its own chunks, where the general snapshot-to-finish scan would cost one per queued snapshot).
MATCH (s:Snapshot {id: $id})
WHERE s.status IN ['QUEUED', 'PROCESSING'] AND s.sealed = true
  AND NOT EXISTS { MATCH (c:SnapshotChunk) WHERE c.snapshotId = $id AND c.seq >= 0 AND c.state = 'QUEUED' }
RETURN {{snapshot-fields}} AS snapshot
