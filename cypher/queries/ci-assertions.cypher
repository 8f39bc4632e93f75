// Each CI's assertions, one per source, reached from the CI (no index on the assertion's ciId), in source order (the
// same answer whatever order the relationships were written in, an imported copy's included); seen and snapshotId
// are the effective ones (cypher/fragments/scope-seen).
UNWIND $ids AS id
MATCH (:CI {id: id})<-[:ASSERTS]-(a)
WITH id, a, {{scope-seen}} AS sc
ORDER BY a.source
RETURN id, collect(a {.source, .scope, .firstSeen, .stale, .values, .withdrawnAt, seen: coalesce(sc.seen, a.seen),
                      snapshotId: coalesce(sc.snapshotId, a.snapshotId)}) AS assertions
