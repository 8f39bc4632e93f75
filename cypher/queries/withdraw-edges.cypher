// Withdraws one source's assertion of these edges; an edge no source asserts any more is deleted and recorded in the
// dependent CI's history (and returned for its event). (seen: the per-source times edges carried before the reported-edge
// sets replaced them; removed as they are touched.)
UNWIND $eids AS eid
MATCH ()-[e]->()
WHERE elementId(e) = eid AND $source IN e.sources
SET e.sources = [s IN e.sources WHERE s <> $source]
REMOVE e.seen
WITH e, startNode(e) AS a, endNode(e) AS b, type(e) AS t
WHERE size(e.sources) = 0
CREATE (:Change {id: randomUUID(), ciId: a.id, at: $now, source: $source, snapshotId: $snapshotId,
                 kind: 'RELATIONSHIP_REMOVED', field: t, oldValue: '"' + b.id + '"', detail: b.class + ' ' + coalesce(b.name, '')})
DELETE e
RETURN count(*) AS removed, collect([t, a.id, a.class, a.name, b.id, b.class, b.name]) AS edges
