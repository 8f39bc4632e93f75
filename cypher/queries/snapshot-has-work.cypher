// Cheap check, outside the writer lease, whether a queued chunk or a snapshot to finish exists.
RETURN EXISTS { MATCH (c:SnapshotChunk {state: 'QUEUED'}) }
    OR EXISTS { MATCH (s:Snapshot) WHERE s.status IN ['QUEUED', 'PROCESSING'] AND s.sealed = true } AS work
