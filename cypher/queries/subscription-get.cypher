MATCH (s:Subscription {id: $id})
RETURN s {.*} AS subscription
