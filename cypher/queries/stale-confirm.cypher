// Assertions a later ScopeSeen confirms take its seen time and snapshot as their own (see stale-candidates), only
// forward.
UNWIND $rows AS r
MATCH (a:Assertion {key: r.key})
WHERE a.seen < r.seen
SET a.seen = r.seen, a.snapshotId = r.snapshotId
