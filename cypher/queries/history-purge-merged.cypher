// History retention: merged CIs' kept nodes merged before $before go (with their closed relationships); their aliases
// keep resolving to the survivor. $ciIds: only these CIs (null: all). Auto-commit, in batches.
MATCH (m:MergedCI)
WHERE m.mergedAt < $before AND ($ciIds IS NULL OR m.id IN $ciIds)
CALL (m) {
  DETACH DELETE m
} IN TRANSACTIONS OF 1000 ROWS
RETURN count(*) AS purged
