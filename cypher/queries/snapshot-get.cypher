MATCH (s:Snapshot {id: $id})
RETURN {{snapshot-fields}} AS snapshot
