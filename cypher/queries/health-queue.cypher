// The ingestion queue and what waits: snapshots not yet applied, their queued chunks and the oldest one's age, and
// the entries waiting for a CI (count store: constant time).
CALL () { MATCH (c:SnapshotChunk {state: 'QUEUED'}) RETURN count(c) AS chunks, min(c.queuedAt) AS oldest }
CALL () { MATCH (s:Snapshot) WHERE s.status IN ['QUEUED', 'PROCESSING'] RETURN count(s) AS snapshots }
CALL () { MATCH (p:PendingEdge) RETURN count(p) AS pendingEdges }
CALL () { MATCH (i:PendingItem) RETURN count(i) AS pendingItems }
RETURN chunks, oldest, snapshots, pendingEdges, pendingItems
