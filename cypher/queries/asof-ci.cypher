// A CI for an as-of read: a merged CI's kept node under the id (answers before its merge), and the CI the id names or
// resolves to through a merge alias (answers otherwise).
OPTIONAL MATCH (m:MergedCI {id: $id})
OPTIONAL MATCH (al:CiAlias {id: $id})
OPTIONAL MATCH (c:CI {id: coalesce(al.survivorId, $id)})
// lastSeen: the CI's last sighting now (cypher/fragments/ci-last-seen); AsOfReads keeps it only if it was by then.
RETURN m {.*} AS merged, c {.*, labels: labels(c), lastSeen: {{ci-last-seen}}} AS ci
