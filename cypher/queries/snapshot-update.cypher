MATCH (s:Snapshot {id: $id})
SET s += $props
