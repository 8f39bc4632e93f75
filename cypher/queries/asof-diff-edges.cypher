// Relationships touching a scope added (since) or removed (a closed WAS's until) within ($from, $to]; for graphDiff.
// A relationship both added and removed in the window is reported as both.
UNWIND $ids AS id
CALL (id) {
  MATCH (c:CI {id: id})
  RETURN c
  UNION
  MATCH (c:MergedCI {id: id})
  RETURN c
}
MATCH (c)-[r]-()
WHERE (type(r) IN $types OR type(r) = 'WAS' AND r.type IN $types)
  AND (r.since > $from AND r.since <= $to OR r.until > $from AND r.until <= $to)
WITH DISTINCT r
RETURN coalesce(r.type, type(r)) AS type, startNode(r).id AS from, endNode(r).id AS to, r.since AS since,
       r.until AS until, r.sources AS sources
ORDER BY coalesce(r.until, r.since), type, from, to
LIMIT $limit
