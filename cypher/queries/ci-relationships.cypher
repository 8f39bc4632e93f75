// Relationships of many CIs at once (the GraphQL batch loader), at most $first per CI and direction.
UNWIND $ids AS id
MATCH (c:CI {id: id})
CALL (c) {
  MATCH (c)-[r]->(o:CI)
  WHERE $outgoing AND type(r) IN $types
  RETURN r, o, 'OUTGOING' AS direction
  LIMIT $first
  UNION ALL
  MATCH (c)<-[r]-(o:CI)
  WHERE $incoming AND type(r) IN $types
  RETURN r, o, 'INCOMING' AS direction
  LIMIT $first
}
RETURN id, type(r) AS type, direction, o.id AS other, r.sources AS sources, r.since AS since
