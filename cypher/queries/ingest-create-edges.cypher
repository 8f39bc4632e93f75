// Edges that cannot exist yet because their dependent CI was created in this batch: CREATE instead of MERGE. r.type
// (checked against the RelationshipType enum before it gets here) is a dynamic type (Neo4j 5.26): one statement for
// every type of a batch. A history entry only when the dependent CI existed before
// (r.history) and was not created by this snapshot (a.createdIn, in an earlier chunk): edges a CI is created with are
// part of its INSERT (since = its insert time), which saves a node and an index entry per edge.
UNWIND $rows AS r
MATCH (a:CI {id: r.from})
MATCH (b:CI {id: r.to})
CREATE (a)-[:$(r.type) {sources: [r.source], since: r.now}]->(b)
FOREACH (_ IN CASE WHEN r.history AND NOT coalesce(a.createdIn = r.snapshotId, false) THEN [1] ELSE [] END |
  CREATE (:Change {id: randomUUID(), ciId: a.id, at: r.now, source: r.source, snapshotId: r.snapshotId,
                   kind: 'RELATIONSHIP_ADDED', field: r.type, newValue: '"' + b.id + '"', detail: b.class + ' ' + coalesce(b.name, '')}))
RETURN count(*) AS created, collect([r.idx, a.id, a.class, a.name, b.id, b.class, b.name]) AS createdRows
