// One breadth-first level of a DOWNSTREAM expansion: what the frontier needs ({{types}} along their direction) and,
// when $withMembers, the members of frontier redundancy groups.
UNWIND $frontier AS id
MATCH (c:CI {id: id})
CALL (c) {
  MATCH (c)-[r:{{types}}]->(d:CI)
  WHERE $withTypes AND ($includeRetired OR d.status <> 'RETIRED')
  RETURN d, type(r) AS type
  UNION ALL
  MATCH (c)<-[:MEMBER_OF]-(d:CI)
  WHERE $withMembers AND ($includeRetired OR d.status <> 'RETIRED')
  RETURN d, 'MEMBER_OF' AS type
}
WITH id, d, type
LIMIT $limit
RETURN id AS from, d.id AS to, type, d.class AS class, d.criticality AS criticality, d.status AS status, d.name AS name
