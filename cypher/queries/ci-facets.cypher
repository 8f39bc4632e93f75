// The search page's facets: the CIs a filter selects, grouped by class, status and source list (combined in Java).
MATCH (c:CI)
WHERE ($classes IS NULL OR c.class IN $classes)
  AND ($status IS NULL OR c.status = $status)
  AND ($name IS NULL OR c.name = $name)
  AND ($nameContains IS NULL OR c.nameLower CONTAINS $nameContains)
  AND ($source IS NULL OR $source IN c.sourceNames)
  AND ($tokens IS NULL OR any(t IN $tokens WHERE t IN c.idTokens))
RETURN c.class AS class, c.status AS status, coalesce(c.sourceNames, []) AS sources, count(*) AS n
