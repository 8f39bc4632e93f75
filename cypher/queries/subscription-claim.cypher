// One instance delivers a subscription at a time (order by sequence); the claim is a lease that expires.
MATCH (s:Subscription {id: $id})
WHERE s.status = 'ACTIVE' AND (s.leaseUntil < $now OR s.leaseHolder = $me)
SET s.leaseHolder = $me, s.leaseUntil = $until
RETURN s {.*} AS subscription
