// Edges a snapshot posted that waited and were completed by another snapshot's data: kept with the snapshot so that its
// withdrawal counts them as reported
MATCH (s:Snapshot {id: $id})
SET s.settledEdges = coalesce(s.settledEdges, []) + $keys
