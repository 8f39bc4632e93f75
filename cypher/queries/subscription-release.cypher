MATCH (s:Subscription {id: $id})
WHERE s.leaseHolder = $me
SET s.leaseUntil = 0
