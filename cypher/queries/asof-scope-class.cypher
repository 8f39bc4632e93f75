// The CIs of some classes (a class and its subclasses), merged CIs' kept nodes included; for a graphDiff scope.
CALL () {
  MATCH (c:CI)
  WHERE c.class IN $classes
  RETURN c.id AS id
  UNION
  MATCH (c:MergedCI)
  WHERE c.class IN $classes
  RETURN c.id AS id
}
RETURN id
ORDER BY id
LIMIT $limit
