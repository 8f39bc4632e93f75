// What a complete FULL snapshot no longer reports, for its source and scope, counted: assertions last seen before it
// (already withdrawn ones count neither in the scope nor as gone) and not of the CIs in $unwritten (those of the
// unchanged records the snapshot did not write, whose assertions keep an older seen time and snapshot; null if none).
// Counts only: the safety cap is decided on them, and the gone ones are then read page by page (withdraw-gone-page),
// not collected here (millions of ids at tier L). a.ciId IS NOT NULL lets the planner seek the (source, scope, ciId)
// index.
MATCH (a:Assertion)
WHERE a.source = $source AND a.scope = $scope AND a.ciId IS NOT NULL AND a.withdrawnAt IS NULL
RETURN count(a) AS total,
       count(CASE WHEN a.seen < $before AND a.snapshotId <> $snapshotId
                       AND ($unwritten IS NULL OR NOT a.ciId IN $unwritten) THEN 1 END) AS gone
