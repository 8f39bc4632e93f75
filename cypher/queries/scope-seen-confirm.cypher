// A source's complete FULL snapshot of a scope reported every assertion of it still live (see
// cypher/fragments/scope-seen): its ScopeSeen moves to that snapshot, only forward.
MERGE (sc:ScopeSeen {key: $key})
ON CREATE SET sc.source = $source, sc.scope = $scope, sc.seen = $seen, sc.snapshotId = $snapshotId, sc.at = $now
WITH sc
WHERE sc.seen < $seen
SET sc.seen = $seen, sc.snapshotId = $snapshotId, sc.at = $now
