// Assertions not refreshed since the shortest staleness window began, not yet marked stale.
MATCH (a:Assertion)
WHERE a.seen < $before AND a.stale = false AND a.withdrawnAt IS NULL
RETURN a.ciId AS ciId, a.source AS source, a.seen AS seen
LIMIT $limit
