CREATE (s:Snapshot)
SET s = $props
