// One breadth-first level of an UPSTREAM blast radius: the CIs that need the frontier ({{types}}, a subset of
// RUNS_ON|HOSTED_ON|DEPENDS_ON, followed against their direction) and, when $withMembers, the redundancy groups the
// frontier is a MEMBER_OF (followed along its direction: a group needs its members).
UNWIND $frontier AS id
MATCH (c:CI {id: id})
CALL (c) {
  MATCH (c)<-[r:{{types}}]-(d:CI)
  WHERE $withTypes AND ($includeRetired OR d.status <> 'RETIRED')
  RETURN d, type(r) AS type
  UNION ALL
  MATCH (c)-[:MEMBER_OF]->(d:CI)
  WHERE $withMembers AND ($includeRetired OR d.status <> 'RETIRED')
  RETURN d, 'MEMBER_OF' AS type
}
WITH id, d, type
LIMIT $limit
RETURN id AS from, d.id AS to, type, d.class AS class, d.criticality AS criticality, d.status AS status, d.name AS name
