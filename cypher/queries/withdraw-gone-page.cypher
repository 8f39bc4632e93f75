// Keyset page of a scope's live assertions (see withdraw-candidates), each with whether the complete FULL snapshot
// no longer reports it (unless it reported it without writing it: the caller checks the ref): a range seek on the
// (source, liveScope, ciId) index, in its order (ORDER BY names the index's keys so that the planner takes the order
// from the index and stops after $limit). The caller withdraws the gone ones of a page before reading the next; they
// leave the scope's live assertions, which the keyset does not mind. withdrawnAt is checked as well: the page's rows
// are withdrawn, so a liveScope left behind by some writer must not withdraw an assertion twice.
MATCH (a:Assertion)
WHERE a.source = $source AND a.liveScope = $scope AND a.ciId > $after AND a.withdrawnAt IS NULL
RETURN a.ciId AS id, a.ref AS ref, a.seen < $before AND a.snapshotId <> $snapshotId AS gone
ORDER BY a.source, a.liveScope, a.ciId
LIMIT $limit
