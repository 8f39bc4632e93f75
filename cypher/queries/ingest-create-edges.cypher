// Edges of one type ({{type}} from the RelationshipType enum) that cannot exist yet because their dependent CI was
// created in this batch: CREATE instead of MERGE, and the history entry with it.
UNWIND $rows AS r
MATCH (a:CI {id: r.from})
MATCH (b:CI {id: r.to})
CREATE (a)-[:{{type}} {sources: [r.source], seen: [r.seen], since: r.now}]->(b)
CREATE (:Change {id: randomUUID(), ciId: a.id, at: r.now, source: r.source, snapshotId: r.snapshotId,
                 kind: 'RELATIONSHIP_ADDED', field: '{{type}}', newValue: b.id, detail: b.class + ' ' + coalesce(b.name, '')})
RETURN count(*) AS created
