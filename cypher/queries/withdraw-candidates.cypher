// What a complete FULL snapshot no longer reports, for its source and scope: assertions last seen before it (already
// withdrawn ones count neither in the scope nor as gone).
MATCH (a:Assertion {source: $source, scope: $scope})
WHERE a.withdrawnAt IS NULL
WITH count(a) AS total, collect(CASE WHEN a.seen < $before AND a.snapshotId <> $snapshotId THEN a.ciId END) AS gone
RETURN total, gone
