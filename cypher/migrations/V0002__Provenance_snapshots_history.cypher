// Per (CI, source) assertion: the source's last reported values with their observation times.
CREATE CONSTRAINT assertion_key_unique IF NOT EXISTS FOR (a:Assertion) REQUIRE a.key IS UNIQUE;
CREATE INDEX assertion_source_scope IF NOT EXISTS FOR (a:Assertion) ON (a.source, a.scope);
CREATE INDEX assertion_snapshot_ref IF NOT EXISTS FOR (a:Assertion) ON (a.snapshotId, a.ref);
CREATE INDEX assertion_seen IF NOT EXISTS FOR (a:Assertion) ON (a.seen);
// Snapshots and their chunks: stored before they are acknowledged, processed in order.
CREATE CONSTRAINT snapshot_id_unique IF NOT EXISTS FOR (s:Snapshot) REQUIRE s.id IS UNIQUE;
CREATE INDEX snapshot_status IF NOT EXISTS FOR (s:Snapshot) ON (s.status);
CREATE CONSTRAINT chunk_key_unique IF NOT EXISTS FOR (c:SnapshotChunk) REQUIRE c.key IS UNIQUE;
CREATE INDEX chunk_snapshot IF NOT EXISTS FOR (c:SnapshotChunk) ON (c.snapshotId, c.seq);
CREATE INDEX chunk_state IF NOT EXISTS FOR (c:SnapshotChunk) ON (c.state);
// History of every change to a CI, newest first by time.
CREATE INDEX change_ci_at IF NOT EXISTS FOR (h:Change) ON (h.ciId, h.at);
// Edges and items waiting for a CI that has not been seen yet.
CREATE INDEX pending_edge_source IF NOT EXISTS FOR (p:PendingEdge) ON (p.source);
CREATE INDEX pending_item_source IF NOT EXISTS FOR (p:PendingItem) ON (p.source);
CREATE CONSTRAINT pending_item_key IF NOT EXISTS FOR (p:PendingItem) REQUIRE p.pkey IS UNIQUE;
CREATE CONSTRAINT pending_edge_key IF NOT EXISTS FOR (p:PendingEdge) REQUIRE p.pkey IS UNIQUE;
CREATE INDEX pending_edge_snapshot IF NOT EXISTS FOR (p:PendingEdge) ON (p.snapshotId);
