// Asserts edges of one type ({{type}} from the RelationshipType enum) for one source; a new edge is recorded in the
// dependent CI's history. Per-source observation times live in the parallel lists sources/seen. createdRows: per
// created edge its row's idx and both ends, for the relationship.added events written in the same transaction.
UNWIND $rows AS r
MATCH (a:CI {id: r.from})
MATCH (b:CI {id: r.to})
MERGE (a)-[e:{{type}}]->(b)
ON CREATE SET e.sources = [r.source], e.seen = [r.seen], e.since = r.now, e.fresh = true
ON MATCH SET e.seen = CASE WHEN r.source IN e.sources
        THEN [i IN range(0, size(e.sources) - 1) |
              CASE WHEN e.sources[i] = r.source AND r.seen > e.seen[i] THEN r.seen ELSE e.seen[i] END]
        ELSE e.seen + r.seen END,
    e.sources = CASE WHEN r.source IN e.sources THEN e.sources ELSE e.sources + r.source END
WITH a, b, r, e
WHERE e.fresh
REMOVE e.fresh
CREATE (:Change {id: randomUUID(), ciId: a.id, at: r.now, source: r.source, snapshotId: r.snapshotId,
                 kind: 'RELATIONSHIP_ADDED', field: '{{type}}', newValue: '"' + b.id + '"', detail: b.class + ' ' + coalesce(b.name, '')})
RETURN count(*) AS created, collect([r.idx, a.id, a.class, a.name, b.id, b.class, b.name]) AS createdRows
