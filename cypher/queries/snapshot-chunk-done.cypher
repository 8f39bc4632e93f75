MATCH (c:SnapshotChunk {key: $key})
SET c.state = 'DONE', c.payload = null, c.results = $results, c.resultCount = $resultCount, c.doneAt = $now,
    c.reportedEdges = $reportedEdges, c.confirmedLater = $confirmedLater, c.identity = $identity,
    c.waitingRefs = $waitingRefs
WITH c
MATCH (s:Snapshot {id: c.snapshotId})
SET s.itemsDone = s.itemsDone + c.items, s.counts = $counts, s.status = CASE WHEN s.status = 'QUEUED' THEN 'PROCESSING' ELSE s.status END,
    s.edgesCreated = coalesce(s.edgesCreated, 0) + $edgesCreated
