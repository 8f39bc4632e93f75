// Asserts edges of one type ({{type}} from the RelationshipType enum) for one source. An edge the source asserts
// already is left alone: "still seen" is the snapshot's reported-edge set (SnapshotChunk.reportedEdges), not a write
// per edge, so an unchanged re-send writes no edge. A new edge is recorded in the dependent CI's history, unless the
// snapshot that reports it created the dependent CI (a.createdIn: an edge to a CI of a later chunk, settled at the
// finish, is part of the INSERT as an edge to a CI of the same chunk is, ingest-create-edges). createdRows:
// per created edge its row's idx and both ends, for the relationship.added events written in the same transaction.
UNWIND $rows AS r
MATCH (a:CI {id: r.from})
MATCH (b:CI {id: r.to})
OPTIONAL MATCH (a)-[x:{{type}}]->(b)
WITH a, b, r, x
WHERE x IS NULL OR NOT r.source IN x.sources
MERGE (a)-[e:{{type}}]->(b)
ON CREATE SET e.sources = [r.source], e.since = r.now, e.fresh = true
ON MATCH SET e.sources = CASE WHEN r.source IN e.sources THEN e.sources ELSE e.sources + r.source END
WITH a, b, r, e
WHERE e.fresh
REMOVE e.fresh
FOREACH (_ IN CASE WHEN coalesce(a.createdIn = r.snapshotId, false) THEN [] ELSE [1] END |
  CREATE (:Change {id: randomUUID(), ciId: a.id, at: r.now, source: r.source, snapshotId: r.snapshotId,
                   kind: 'RELATIONSHIP_ADDED', field: '{{type}}', newValue: '"' + b.id + '"', detail: b.class + ' ' + coalesce(b.name, '')}))
RETURN count(*) AS created, collect([r.idx, a.id, a.class, a.name, b.id, b.class, b.name]) AS createdRows
