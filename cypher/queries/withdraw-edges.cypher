// Withdraws one source's assertion of these edges. An edge no source asserts any more is closed, not deleted: it
// becomes a WAS relationship between the same CIs carrying its type and its validity interval [since, until), which
// as-of queries follow and current-time queries never see (they name the live types). The removal is recorded in the
// dependent CI's history (and returned for its event). (seen: the per-source times edges carried before the
// reported-edge sets replaced them; removed as they are touched.)
UNWIND $eids AS eid
MATCH ()-[e]->()
WHERE elementId(e) = eid AND $source IN e.sources
SET e.sources = [s IN e.sources WHERE s <> $source]
REMOVE e.seen
WITH e, startNode(e) AS a, endNode(e) AS b, type(e) AS t
WHERE size(e.sources) = 0
CREATE (:Change {id: randomUUID(), ciId: a.id, at: $now, source: $source, snapshotId: $snapshotId,
                 kind: 'RELATIONSHIP_REMOVED', field: t, oldValue: '"' + b.id + '"', detail: b.class + ' ' + coalesce(b.name, '')})
CREATE (a)-[:WAS {type: t, since: coalesce(e.since, 0), until: $now, sources: [$source]}]->(b)
DELETE e
RETURN count(*) AS removed, collect([t, a.id, a.class, a.name, b.id, b.class, b.name]) AS edges
