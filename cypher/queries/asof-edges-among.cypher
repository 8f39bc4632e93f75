// The relationships of the given types among a set of CIs as of $t (asof-relationships' validity): a past blast radius
// drawn as a graph.
UNWIND $ids AS id
CALL (id) {
  MATCH (a:CI {id: id})
  RETURN a
  UNION
  MATCH (a:MergedCI {id: id})
  RETURN a
}
MATCH (a)-[r]->(b)
WHERE b.id IN $ids AND (type(r) IN $types AND coalesce(r.since, 0) <= $t
                        OR type(r) = 'WAS' AND r.type IN $types AND r.since <= $t AND r.until > $t)
RETURN a.id AS from, b.id AS to, coalesce(r.type, type(r)) AS type
ORDER BY from, type, to
