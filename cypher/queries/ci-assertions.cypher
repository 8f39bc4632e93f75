// Each CI's assertions, one per source, reached from the CI (no index on the assertion's ciId), in source order (the
// same answer whatever order the relationships were written in, an imported copy's included).
UNWIND $ids AS id
MATCH (:CI {id: id})<-[:ASSERTS]-(a)
WITH id, a
ORDER BY a.source
RETURN id, collect(a {.source, .scope, .firstSeen, .seen, .stale, .snapshotId, .values, .withdrawnAt}) AS assertions
