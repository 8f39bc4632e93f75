MATCH (s:Snapshot {id: $id})
RETURN s {.*} AS snapshot
