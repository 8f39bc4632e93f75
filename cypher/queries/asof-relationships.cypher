// A CI's relationships as of $t (a CI's or a merged CI's kept node): live ones of $types since $t, closed ones (WAS,
// carrying their type) valid over $t; at most $first per direction, in a stable order (type, then the other CI's id).
CALL () {
  MATCH (c:CI {id: $id})
  RETURN c
  UNION
  MATCH (c:MergedCI {id: $id})
  RETURN c
}
CALL (c) {
  MATCH (c)-[r]->(o)
  WHERE $outgoing AND (type(r) IN $types AND coalesce(r.since, 0) <= $t
                       OR type(r) = 'WAS' AND r.type IN $types AND r.since <= $t AND r.until > $t)
    AND (o:CI OR o:MergedCI)
  RETURN r, o, 'OUTGOING' AS direction
  ORDER BY coalesce(r.type, type(r)), o.id
  LIMIT $first
  UNION ALL
  MATCH (c)<-[r]-(o)
  WHERE $incoming AND (type(r) IN $types AND coalesce(r.since, 0) <= $t
                       OR type(r) = 'WAS' AND r.type IN $types AND r.since <= $t AND r.until > $t)
    AND (o:CI OR o:MergedCI)
  RETURN r, o, 'INCOMING' AS direction
  ORDER BY coalesce(r.type, type(r)), o.id
  LIMIT $first
}
RETURN coalesce(r.type, type(r)) AS type, direction, o.id AS other, r.sources AS sources, r.since AS since,
       r.until AS until
