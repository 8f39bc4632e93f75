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
RETURN c {.*, labels: labels(c), lastSeen: {{ci-last-seen}}} AS ci
ORDER BY c.id
