// Withdraws one source's assertion of the edges touching these CIs that it last saw before $before; an edge no
// source asserts any more is deleted and recorded in the dependent CI's history (and returned for its event).
UNWIND $ids AS id
MATCH (c:CI {id: id})-[e]-()
WHERE type(e) IN ['RUNS_ON', 'HOSTED_ON', 'DEPENDS_ON', 'MEMBER_OF'] AND $source IN e.sources
WITH DISTINCT e
WITH e, [i IN range(0, size(e.sources) - 1) WHERE e.sources[i] = $source][0] AS i
WHERE e.seen[i] < $before
WITH e, [j IN range(0, size(e.sources) - 1) WHERE j <> i] AS keep
SET e.sources = [j IN keep | e.sources[j]], e.seen = [j IN keep | e.seen[j]]
WITH e, startNode(e) AS a, endNode(e) AS b, type(e) AS t
WHERE size(e.sources) = 0
CREATE (:Change {id: randomUUID(), ciId: a.id, at: $now, source: $source, snapshotId: $snapshotId,
                 kind: 'RELATIONSHIP_REMOVED', field: t, oldValue: '"' + b.id + '"', detail: b.class + ' ' + coalesce(b.name, '')})
DELETE e
RETURN count(*) AS removed, collect([t, a.id, a.class, a.name, b.id, b.class, b.name]) AS edges
