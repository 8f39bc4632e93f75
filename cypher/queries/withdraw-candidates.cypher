// What a complete FULL snapshot no longer reports, for its source and scope, counted: live assertions last seen
// before it and not of the CIs in $unwritten (those of the unchanged records the snapshot did not write, whose
// assertions keep an older seen time and snapshot; null if none). Counts only: the safety cap is decided on them, and
// the gone ones are then read page by page (withdraw-gone-page), not collected here (millions of ids at tier L).
// A seek of the (source, liveScope, ciId) index, which holds live assertions only (V0019): an unwritten CI is left out
// by the CI id its index entry carries, so only the others' seen and snapshotId are read from the store.
MATCH (a:Assertion)
WHERE a.source = $source AND a.liveScope = $scope AND a.ciId IS NOT NULL
RETURN count(a) AS total,
       count(CASE WHEN $unwritten IS NOT NULL AND a.ciId IN $unwritten THEN null
                  WHEN a.seen < $before AND a.snapshotId <> $snapshotId THEN 1 END) AS gone
