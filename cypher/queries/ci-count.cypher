MATCH (c:CI)
WHERE ($classes IS NULL OR c.class IN $classes)
  AND ($status IS NULL OR c.status = $status)
  AND ($name IS NULL OR c.name = $name)
  AND ($nameContains IS NULL OR c.nameLower CONTAINS $nameContains)
  AND ($source IS NULL OR $source IN c.sourceNames)
  AND ($tokens IS NULL OR any(t IN $tokens WHERE t IN c.idTokens))
RETURN count(c) AS total
