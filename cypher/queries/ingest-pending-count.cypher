// Whether anything waits at all (count store: constant time), so the common case skips the look-ups.
CALL () { MATCH (p:PendingEdge) RETURN count(p) AS edges }
CALL () { MATCH (i:PendingItem) RETURN count(i) AS items }
RETURN edges, items
