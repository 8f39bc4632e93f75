// liveScope: an assertion's scope while it is live, absent once it is withdrawn (AssertionState writes both), so that
// an index on (source, liveScope, ciId) holds a scope's live assertions only. The count a complete FULL snapshot's
// withdrawal decides its safety cap on then reads index entries (the CI id comes with each) instead of every
// assertion's property chain for withdrawnAt (absent on a live one: the whole chain), seen and snapshotId, and an
// unchanged re-send's unwritten records are left out by their CI id alone. It replaces the (source, scope, ciId) index,
// whose readers all wanted the live assertions. In batches (neo4j-migrations runs it in an implicit transaction).
MATCH (a:Assertion) WHERE a.withdrawnAt IS NULL AND a.scope IS NOT NULL AND a.liveScope IS NULL
CALL { WITH a SET a.liveScope = a.scope } IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX assertion_source_live_scope_ci IF NOT EXISTS FOR (a:Assertion) ON (a.source, a.liveScope, a.ciId);
DROP INDEX assertion_source_scope_ci IF EXISTS;
