// What a complete FULL snapshot no longer reports, for its source and scope: assertions last seen before it (already
// withdrawn ones count neither in the scope nor as gone).
// a.ciId IS NOT NULL lets the planner seek the (source, scope, ciId) index.
MATCH (a:Assertion)
WHERE a.source = $source AND a.scope = $scope AND a.ciId IS NOT NULL AND a.withdrawnAt IS NULL
WITH count(a) AS total, collect(CASE WHEN a.seen < $before AND a.snapshotId <> $snapshotId THEN a.ciId END) AS gone
RETURN total, gone
