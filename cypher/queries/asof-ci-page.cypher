// Candidates for one page of CIs as of $t, in id order after the cursor: CIs created by then and merged CIs' kept
// nodes not merged yet then, of $classes, asserted by $source (its assertions now). The caller takes their values back
// to $t and applies the value filters (status, name, identifiers) to those.
CALL () {
  MATCH (c:CI)
  WHERE ($classes IS NULL OR c.class IN $classes) AND ($after IS NULL OR c.id > $after)
    AND coalesce(c.createdAt, c.firstSeen, 0) <= $t AND ($source IS NULL OR $source IN c.sourceNames)
  RETURN c
  UNION
  MATCH (c:MergedCI)
  WHERE ($classes IS NULL OR c.class IN $classes) AND ($after IS NULL OR c.id > $after)
    AND coalesce(c.createdAt, c.firstSeen, 0) <= $t AND c.mergedAt > $t AND $source IS NULL
  RETURN c
}
// lastSeen: the last sighting now (cypher/fragments/ci-last-seen; a merged CI's kept node asserts nothing any more)
RETURN c {.*, labels: labels(c), merged: c:MergedCI, lastSeen: {{ci-last-seen}}} AS ci
ORDER BY c.id
LIMIT $limit
