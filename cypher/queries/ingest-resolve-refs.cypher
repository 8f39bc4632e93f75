// Refs of earlier chunks of the same snapshot, through the (snapshotId, ref) index on assertions.
UNWIND $refs AS ref
MATCH (a:Assertion {snapshotId: $snapshotId, ref: ref})
WHERE a.source = $source
RETURN ref, a.ciId AS id
