// Sealed snapshots whose every chunk is applied, waiting for their final step (withdrawal, dangling refs).
MATCH (s:Snapshot)
WHERE s.status IN ['QUEUED', 'PROCESSING'] AND s.sealed = true
  AND NOT EXISTS { MATCH (c:SnapshotChunk {snapshotId: s.id}) WHERE c.state = 'QUEUED' }
RETURN {{snapshot-fields}} AS snapshot
ORDER BY s.createdAt
LIMIT 1
