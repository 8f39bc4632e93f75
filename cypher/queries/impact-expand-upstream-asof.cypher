// One breadth-first level of an UPSTREAM blast radius as of $t (impact-expand-upstream, for the graph then): live
// relationships of $types since $t and closed ones (WAS, carrying their type) valid over $t; CIs that existed at $t,
// a merged CI's kept node before its merge. revised: the CI's values changed after $t (the caller reads them as of
// $t from history; a CI stored before createdAt was kept counts as revised).
UNWIND $frontier AS id
CALL (id) {
  MATCH (c:CI {id: id})
  RETURN c
  UNION
  MATCH (c:MergedCI {id: id})
  RETURN c
}
CALL (c) {
  MATCH (c)<-[r]-(d)
  WHERE $withTypes AND (type(r) IN $types AND coalesce(r.since, 0) <= $t
                        OR type(r) = 'WAS' AND r.type IN $types AND r.since <= $t AND r.until > $t)
  RETURN d, coalesce(r.type, type(r)) AS type
  UNION ALL
  MATCH (c)-[r]->(d)
  WHERE $withMembers AND (type(r) = 'MEMBER_OF' AND coalesce(r.since, 0) <= $t
                          OR type(r) = 'WAS' AND r.type = 'MEMBER_OF' AND r.since <= $t AND r.until > $t)
  RETURN d, 'MEMBER_OF' AS type
}
WITH id, d, type
WHERE coalesce(d.createdAt, d.firstSeen, 0) <= $t AND (d:CI OR d:MergedCI AND d.mergedAt > $t)
WITH id, d, type
LIMIT $limit
RETURN id AS from, d.id AS to, type, d.class AS class, d.criticality AS criticality, d.status AS status, d.name AS name,
       d:MergedCI AS merged, d.createdAt IS NULL OR coalesce(d.revisedAt, 0) > $t AS revised
