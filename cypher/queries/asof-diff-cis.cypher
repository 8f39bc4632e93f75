// CIs of a scope created, or merged away, within ($from, $to]; for graphDiff.
UNWIND $ids AS id
CALL (id) {
  MATCH (c:CI {id: id})
  RETURN c
  UNION
  MATCH (c:MergedCI {id: id})
  RETURN c
}
WITH c
WHERE c.createdAt > $from AND c.createdAt <= $to OR c.mergedAt > $from AND c.mergedAt <= $to
RETURN c.id AS id, c.class AS class, c.name AS name, c.createdAt AS createdAt, c.mergedAt AS mergedAt,
       c.mergedInto AS mergedInto
ORDER BY id
LIMIT $limit
