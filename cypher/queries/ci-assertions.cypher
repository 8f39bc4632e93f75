UNWIND $ids AS id
MATCH (a:Assertion {ciId: id})
RETURN id, collect(a {.source, .scope, .firstSeen, .seen, .stale, .snapshotId, .values, .withdrawnAt}) AS assertions
