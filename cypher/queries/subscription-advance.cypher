// After an attempt: the subscription's new delivery state and the attempt's log entry, in one transaction; only
// while this instance still holds the subscription.
MATCH (s:Subscription {id: $id})
WHERE s.leaseHolder = $me
SET s += $props
CREATE (d:Delivery)
SET d = $log, d.subscriptionId = $id
RETURN s.id AS id
