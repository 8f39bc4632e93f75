// An unchanged re-send: only the assertion's times move, and only forward. The CI node is not written: its lastSeen is
// read as the latest of its own (moved when the CI changes) and its assertions' seen (ci-by-ids, ci-page), which spares
// an unchanged re-send a write deep in every CI's long property chain. An assertion that moves to another scope is
// not confirmed by that scope's ScopeSeen written before (since: cypher/fragments/scope-seen). A touched assertion is
// live (an unchanged record's hash is its source's live assertion's): liveScope follows the scope.
UNWIND $rows AS r
MATCH (a:Assertion {key: r.key})
SET a.since = CASE WHEN a.scope = r.scope THEN a.since ELSE r.now END,
    a.seen = CASE WHEN r.seen > a.seen THEN r.seen ELSE a.seen END,
    a.snapshotId = r.snapshotId, a.ref = r.ref, a.scope = r.scope, a.liveScope = r.scope, a.stale = false
