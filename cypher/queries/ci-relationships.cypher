// Relationships of many CIs at once (the GraphQL batch loader), at most $first per CI and direction, in a stable
// order (type, then the other CI's id), the same on every server and after a restore.
UNWIND $ids AS id
MATCH (c:CI {id: id})
CALL (c) {
  MATCH (c)-[r]->(o:CI)
  WHERE $outgoing AND type(r) IN $types
  RETURN r, o, 'OUTGOING' AS direction
  ORDER BY type(r), o.id
  LIMIT $first
  UNION ALL
  MATCH (c)<-[r]-(o:CI)
  WHERE $incoming AND type(r) IN $types
  RETURN r, o, 'INCOMING' AS direction
  ORDER BY type(r), o.id
  LIMIT $first
}
RETURN id, type(r) AS type, direction, o.id AS other, r.sources AS sources, r.since AS since
