// An administrator's change: the generation rises, so an attempt in flight does not write its stale outcome over it.
MATCH (s:Subscription {id: $id})
SET s += $props, s.generation = coalesce(s.generation, 0) + 1
RETURN s {.*} AS subscription
