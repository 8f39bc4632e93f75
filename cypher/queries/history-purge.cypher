// History retention: what only as-of questions before $before needed goes: relationships closed before it (WAS), the
// relationship and assertion entries recorded before it (the intervals on the relationships said the same); merged CIs'
// kept nodes: history-purge-merged. $ciIds: only these CIs (null: all). Runs in an
// auto-commit transaction, in batches.
CALL () {
  MATCH (a)-[w:WAS]->(b)
  WHERE w.until < $before AND ($ciIds IS NULL OR a.id IN $ciIds OR b.id IN $ciIds)
  RETURN w AS gone
  UNION ALL
  MATCH (h:Change)
  WHERE h.at < $before AND ($ciIds IS NULL OR h.ciId IN $ciIds)
    AND h.kind IN ['RELATIONSHIP_ADDED', 'RELATIONSHIP_REMOVED', 'ASSERTION_WITHDRAWN', 'ASSERTION_REVIVED']
  RETURN h AS gone
}
CALL (gone) {
  DELETE gone
} IN TRANSACTIONS OF 5000 ROWS
RETURN count(*) AS purged
