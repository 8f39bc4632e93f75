// An unchanged re-send: only the times move, and only forward.
UNWIND $rows AS r
MATCH (a:Assertion {key: r.key})
SET a.seen = CASE WHEN r.seen > a.seen THEN r.seen ELSE a.seen END,
    a.snapshotId = r.snapshotId, a.ref = r.ref, a.scope = r.scope, a.stale = false
WITH a, r
MATCH (c:CI {id: r.ciId})
SET c.lastSeen = CASE WHEN c.lastSeen IS NULL OR r.seen > c.lastSeen THEN r.seen ELSE c.lastSeen END
