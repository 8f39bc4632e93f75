// New CIs of one label set, each with its sources' assertions and the identity keys that identify it, in one
// statement: the assertions and keys of a CI just created need no index seek to find it. {{labels}} comes from the
// class catalogue, never from input.
UNWIND $rows AS r
CREATE (c:{{labels}} {id: r.id})
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
