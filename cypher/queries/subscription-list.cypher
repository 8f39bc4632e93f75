MATCH (s:Subscription)
RETURN s {.*} AS subscription
ORDER BY s.createdAt, s.id
