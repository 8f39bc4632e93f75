// What a complete FULL snapshot no longer reports, for its source and scope: assertions last seen before it.
MATCH (a:Assertion {source: $source, scope: $scope})
WITH count(a) AS total, collect(CASE WHEN a.seen < $before AND a.snapshotId <> $snapshotId THEN a.ciId END) AS gone
RETURN total, gone
