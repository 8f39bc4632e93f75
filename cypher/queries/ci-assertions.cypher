// Each CI's assertions, one per source, reached from the CI (no index on the assertion's ciId).
UNWIND $ids AS id
MATCH (:CI {id: id})<-[:ASSERTS]-(a)
RETURN id, collect(a {.source, .scope, .firstSeen, .seen, .stale, .snapshotId, .values, .withdrawnAt}) AS assertions
