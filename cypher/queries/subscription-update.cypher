MATCH (s:Subscription {id: $id})
SET s += $props
RETURN s {.*} AS subscription
