// One page of CIs in id order (the cursor is the last id of the previous page).
MATCH (c:CI)
WHERE ($classes IS NULL OR c.class IN $classes)
  AND ($status IS NULL OR c.status = $status)
  AND ($name IS NULL OR c.name = $name)
  AND ($nameContains IS NULL OR c.nameLower CONTAINS $nameContains)
  AND ($source IS NULL OR $source IN c.sourceNames)
  AND ($tokens IS NULL OR any(t IN $tokens WHERE t IN c.idTokens))
  AND ($after IS NULL OR c.id > $after)
WITH c
ORDER BY c.id
LIMIT $limit
// lastSeen as in ci-by-ids: the latest of the CI's own and its assertions' seen times
RETURN c {.*, labels: labels(c),
          lastSeen: reduce(m = c.lastSeen, s IN [(c)<-[:ASSERTS]-(a) | coalesce({{scope-seen}}.seen, a.seen)] |
                           CASE WHEN m IS NULL OR s > m THEN s ELSE m END)} AS ci
ORDER BY c.id
