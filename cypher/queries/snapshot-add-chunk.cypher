MATCH (s:Snapshot {id: $snapshotId})
SET s.chunks = s.chunks + 1, s.itemsTotal = s.itemsTotal + $items
CREATE (c:SnapshotChunk {key: $snapshotId + '|' + toString(s.chunks), snapshotId: $snapshotId, seq: s.chunks,
                         state: 'QUEUED', payload: $payload, items: $items, queuedAt: $now})
RETURN c.seq AS seq
