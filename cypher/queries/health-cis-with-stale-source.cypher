// CMDB health, compliance: per class, the live CIs that at least one asserting source has not confirmed within its
// staleness window (see health-stale-assertions).
MATCH (a:Assertion)
WHERE a.seen < $maxCutoff AND a.withdrawnAt IS NULL AND a.seen < coalesce($cutoffs[a.source], 0)
  AND coalesce({{scope-seen}}.seen, a.seen) < coalesce($cutoffs[a.source], 0)
MATCH (a)-[:ASSERTS]->(c:CI)
WHERE c.status <> 'RETIRED'
WITH DISTINCT c
RETURN c.class AS class, count(c) AS n
