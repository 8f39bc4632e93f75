// New CIs, each with its sources' assertions and the identity keys that identify it, in one statement: the
// assertions and keys of a CI just created need no index seek to find it. r.labels (CI and its class's ancestry) come
// from the class catalogue, never from input; as a dynamic label (Neo4j 5.26) one plan and one statement serve every
// class, where a statement per label set was planned once per class and ran as several small ones per batch.
UNWIND $rows AS r
CREATE (c:$(r.labels) {id: r.id})
SET c += r.props
WITH c, r
CALL (c, r) {
  UNWIND r.assertions AS props
  CREATE (a:Assertion)
  SET a = props
  CREATE (a)-[:ASSERTS]->(c)
}
CALL (c, r) {
  UNWIND r.keys AS key
  MERGE (k:IdKey {key: key})
  CREATE (k)-[:IDENTIFIES]->(c)
}
