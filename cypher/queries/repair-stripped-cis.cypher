// CIs that an earlier version stripped when their last source withdrew: no assertion left, no identifiers, and a
// history with the withdrawal. With the history entries written at that withdrawal (identifiers and attributes set
// to null), from which they are restored.
MATCH (c:CI)
WHERE c.status IN ['STALE', 'RETIRED'] AND c.identifiers = '{}' AND NOT EXISTS { (c)<-[:ASSERTS]-(:Assertion) }
WITH c LIMIT $limit
MATCH (w:Change {ciId: c.id, kind: 'ASSERTION_WITHDRAWN'})
WITH c, w ORDER BY w.at DESC
WITH c, collect(w)[0] AS w
MATCH (h:Change {ciId: c.id, at: w.at})
WHERE h.kind IN ['IDENTIFIER', 'ATTRIBUTE'] AND h.newValue IS NULL AND h.oldValue IS NOT NULL
RETURN c.id AS id, w.oldValue AS source, w.at AS withdrawnAt, c.lastSeen AS lastSeen, c.firstSeen AS firstSeen,
       collect(h {.kind, .field, .oldValue}) AS entries
