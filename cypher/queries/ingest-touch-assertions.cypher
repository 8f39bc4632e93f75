// An unchanged re-send: only the times move, and only forward. The CIs' lastSeen is ingest-touch-cis, a statement of
// its own: in one statement the planner put an Eager between the two updates, holding every row in memory.
UNWIND $rows AS r
MATCH (a:Assertion {key: r.key})
SET a.seen = CASE WHEN r.seen > a.seen THEN r.seen ELSE a.seen END,
    a.snapshotId = r.snapshotId, a.ref = r.ref, a.scope = r.scope, a.stale = false
